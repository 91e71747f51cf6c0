package dev.mlops.routing;

import java.util.Locale;

/** Which side of a deployment answered: the dimension of every serving metric (versions don't exist at synth time). */
public enum Variant {
    CHAMPION, CHALLENGER;

    /** {@code champion} or {@code challenger}, as in headers, capture lines and metric dimensions. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
