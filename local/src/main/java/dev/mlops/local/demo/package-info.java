/** {@code ./mlops demo}: the scripted story of the whole loop over the local runtime, with its checks. */
package dev.mlops.local.demo;
