/** Capture and metric line sinks: stdout in Lambda, bounded asynchronous files locally. */
package dev.mlops.inference.lines;
