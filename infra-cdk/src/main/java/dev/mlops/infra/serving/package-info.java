/** The HTTP API, its JWT authorizer (and Cognito user pool), and the inference and control functions. */
package dev.mlops.infra.serving;
