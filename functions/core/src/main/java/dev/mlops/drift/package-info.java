/** Frozen baselines and the statistics that compare live or new data against them (PSI, KS). */
package dev.mlops.drift;
