package dev.mlops.workflows.asl.jsonata;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an expression's text tells before it runs: the variables it mentions, whether it may read the context. */
final class ExpressionText {

    /** {@code $name}; matching inside string literals too only binds a variable that is not read. */
    private static final Pattern VARIABLE = Pattern.compile("\\$([\\p{L}_][\\p{L}\\p{N}_]*)");
    /** {@code $states} other than {@code $states.input}, {@code .result} or {@code .errorOutput}. */
    private static final Pattern WHOLE_STATES = Pattern.compile("\\$states(?!\\s*\\.\\s*(input|result|errorOutput)\\b)");

    private ExpressionText() {
    }

    static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static boolean readsContext(String text) {
        return WHOLE_STATES.matcher(text).find();
    }
}
