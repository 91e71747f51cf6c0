package dev.mlops.drift;

import java.util.List;

/**
 * Pearson's chi-square test of homogeneity between two samples counted into the same categories (a 2 x k table):
 * {@code chi2 = sum_{rows r, categories c} (O_rc - E_rc)^2 / E_rc} with {@code E_rc = rowTotal_r * colTotal_c / N};
 * categories empty on both sides are dropped, so {@code df = (non-empty categories) - 1}. The effect size is
 * Cramer's V, {@code sqrt(chi2 / N)} for two rows, which unlike the p-value does not grow with the sample size.
 *
 * @param statistic        chi2
 * @param degreesOfFreedom non-empty categories minus one
 * @param cramersV         {@code sqrt(chi2 / N)}, between 0 (same shares) and 1 (disjoint categories)
 * @param pValue           upper tail of the chi-square distribution with {@code df} degrees of freedom
 */
public record ChiSquare(double statistic, int degreesOfFreedom, double cramersV, double pValue) {

    /** The test of {@code actual} against {@code expected}; both need the same categories, neither empty. */
    public static ChiSquare between(List<Long> expected, List<Long> actual) {
        if (expected.size() != actual.size()) {
            throw new IllegalArgumentException("chi-square needs the same categories on both sides, got " + expected.size()
                    + " and " + actual.size());
        }
        double rowE = expected.stream().mapToLong(Long::longValue).sum();
        double rowA = actual.stream().mapToLong(Long::longValue).sum();
        if (rowE == 0 || rowA == 0) {
            throw new IllegalArgumentException("chi-square needs a non-empty sample on both sides");
        }
        double n = rowE + rowA;
        double chi2 = 0;
        int categories = 0;
        for (int c = 0; c < expected.size(); c++) {
            double column = expected.get(c) + actual.get(c);
            if (column == 0) {
                continue;
            }
            categories++;
            chi2 += cell(expected.get(c), rowE * column / n) + cell(actual.get(c), rowA * column / n);
        }
        int df = Math.max(1, categories - 1);
        return new ChiSquare(chi2, df, Math.sqrt(chi2 / n), upperTail(chi2, df));
    }

    private static double cell(double observed, double expected) {
        double diff = observed - expected;
        return diff * diff / expected;
    }

    /** {@code P(X > x)} for X chi-square with {@code df} degrees of freedom: the regularized gamma Q(df/2, x/2). */
    static double upperTail(double x, int df) {
        return x <= 0 ? 1.0 : Gamma.regularizedQ(df / 2.0, x / 2.0);
    }

    /** The regularized incomplete gamma function, by series below {@code a + 1} and continued fraction above. */
    static final class Gamma {

        private Gamma() {
        }

        static double regularizedQ(double a, double x) {
            return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
        }

        private static double series(double a, double x) {
            double sum = 1 / a;
            double term = sum;
            for (int n = 1; n < 1000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-15) {
                    break;
                }
            }
            return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
        }

        // Lentz's method for the continued fraction of Q(a, x) (Numerical Recipes, gcf).
        private static double continuedFraction(double a, double x) {
            double tiny = 1e-300;
            double b = x + 1 - a;
            double c = 1 / tiny;
            double d = 1 / b;
            double h = d;
            for (int i = 1; i < 1000; i++) {
                double an = -i * (i - a);
                b += 2;
                d = an * d + b;
                d = Math.abs(d) < tiny ? tiny : d;
                c = b + an / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                double delta = d * c;
                h *= delta;
                if (Math.abs(delta - 1) < 1e-15) {
                    break;
                }
            }
            return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
        }

        // Lanczos approximation (g = 7, n = 9), accurate to about 1e-15 for a > 0.
        static double logGamma(double x) {
            double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                    1.5056327351493116e-7};
            if (x < 0.5) {
                return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
            }
            x -= 1;
            double a = c[0];
            double t = x + 7.5;
            for (int i = 1; i < 9; i++) {
                a += c[i] / (x + i);
            }
            return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
        }
    }
}
