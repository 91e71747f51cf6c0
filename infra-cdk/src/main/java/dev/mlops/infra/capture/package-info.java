/** Capture delivery: inference log lines to {@code capture/{model}/dt=YYYY-MM-DD/} through Firehose. */
package dev.mlops.infra.capture;
