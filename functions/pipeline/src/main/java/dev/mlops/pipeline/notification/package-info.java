/** Messages to people: SNS in AWS, a JSON-lines file locally; links to the approval page and the execution. */
package dev.mlops.pipeline.notification;
