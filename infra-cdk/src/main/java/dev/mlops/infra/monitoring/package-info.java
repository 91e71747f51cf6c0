/** Notifications, drift-check schedules, alarms and the dashboard. */
package dev.mlops.infra.monitoring;
