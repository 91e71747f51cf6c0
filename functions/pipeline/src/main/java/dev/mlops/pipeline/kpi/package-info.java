/** Business KPIs from feedback: predictions joined to their outcomes, per version and per day. */
package dev.mlops.pipeline.kpi;
