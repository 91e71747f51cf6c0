/**
 * Human approval of a model version: the pending request a workflow parks on (with its task token, which never
 * leaves the server side), and the single-use decision an approver makes on it.
 *
 * <p>Documents live at {@code approvals/{model}/{version}.json} in the artifact store and change only by
 * compare-and-swap, so two approvers racing on one request get one decision, and a repeated call returns it.
 */
package dev.mlops.approval;
