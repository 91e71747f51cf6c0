/**
 * Training data: the seeded synthetic credit-risk generator (with drift knobs) and the column-major CSV dataset
 * reader that checks a file against a model's feature contracts.
 */
package dev.mlops.trainer.data;
