/**
 * The JSONata query language of Step Functions on com.dashjoin:jsonata: {@code {% %}} templates, the
 * {@code $states} binding, AWS's added functions, and the fixes that make the library answer as the JSONata
 * reference (jsonata-js 2.0.6, which Step Functions runs) does.
 */
package dev.mlops.workflows.asl.jsonata;
