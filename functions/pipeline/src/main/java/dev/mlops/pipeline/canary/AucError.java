package dev.mlops.pipeline.canary;

/**
 * Standard error of an AUC estimate (Hanley and McNeil, 1982):
 * {@code SE^2 = (A(1-A) + (nP-1)(Q1-A^2) + (nN-1)(Q2-A^2)) / (nP nN)} with {@code Q1 = A/(2-A)} and
 * {@code Q2 = 2A^2/(1+A)}, for {@code nP} positive and {@code nN} negative labels. Feedback samples during a canary
 * are small (a hundred labels hold about ten defaults), so an AUC difference is judged together with its noise.
 */
public final class AucError {

    /** One-sided 95% normal quantile. */
    public static final double Z95 = 1.6448536269514722;

    private AucError() {
    }

    /** The standard error of an AUC of {@code auc} measured on {@code positives} and {@code negatives} labels. */
    public static double standardError(double auc, long positives, long negatives) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(variance, 0));
    }
}
