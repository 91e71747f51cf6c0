/**
 * The {@code States.*} intrinsic functions of the States Language (JSONPath query language), with the argument
 * checks the Step Functions developer guide documents; a failed check is {@code States.IntrinsicFailure}.
 */
package dev.mlops.workflows.asl.intrinsics;
