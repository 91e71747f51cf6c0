package dev.mlops.workflows.asl.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A resolver for tests: resources map to handlers by exact ARN or by a pattern where {@code *} matches any run of
 * characters (for example {@code arn:aws:lambda:*:function:score*}). The first registered match wins.
 */
public final class StubTaskResolver implements TaskResolver {

    private final Map<Pattern, TaskHandler> handlers = new LinkedHashMap<>();

    /**
     * Registers a handler.
     *
     * @param resourcePattern an ARN, with {@code *} wildcards
     * @return this resolver
     */
    public StubTaskResolver on(String resourcePattern, TaskHandler handler) {
        StringBuilder regex = new StringBuilder();
        for (String part : resourcePattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        handlers.put(Pattern.compile(regex.toString()), handler);
        return this;
    }

    @Override
    public Optional<TaskHandler> resolve(Resource resource) {
        for (Map.Entry<Pattern, TaskHandler> e : handlers.entrySet()) {
            if (e.getKey().matcher(resource.arn()).matches()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
