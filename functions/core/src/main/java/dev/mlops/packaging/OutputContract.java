package dev.mlops.packaging;

import java.util.List;

/**
 * How to read the graph's output: the probability tensor's name, the label of each of its columns, and which
 * column is the positive class (Tribuo orders columns by its output ids, not by label text).
 */
public record OutputContract(String tensorName, List<String> labels, int positiveColumn) {

    public OutputContract {
        if (tensorName == null || tensorName.isBlank()) {
            throw new IllegalArgumentException("output contract needs a tensorName");
        }
        labels = List.copyOf(labels);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("output contract needs at least two labels, got " + labels);
        }
        if (positiveColumn < 0 || positiveColumn >= labels.size()) {
            throw new IllegalArgumentException("output contract positiveColumn " + positiveColumn + " outside 0.." + (labels.size() - 1));
        }
    }
}
