/**
 * JSONPath as Step Functions reads it: {@link dev.mlops.workflows.asl.path.JsonPath} parses and evaluates paths,
 * tells reference paths (a single node, fields and indexes only) from full JSONPath (wildcards, slices, unions,
 * deep scan, filters), and writes a value at a reference path for ResultPath.
 */
package dev.mlops.workflows.asl.path;
