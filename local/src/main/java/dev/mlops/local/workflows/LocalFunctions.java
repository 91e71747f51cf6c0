package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local Lambda functions by name ({@code register}, {@code request-approval}, ...; see
 * docs/workflow-contracts.md).
 *
 * @param functions function name to function
 */
public record LocalFunctions(Map<String, LocalFunction> functions) {

    /**
     * Converts map-shaped results ({@link LocalFunction#ofMaps}): plain Jackson keeps null values and empty lists,
     * which the workflows' ResultSelector paths rely on; dates as ISO-8601 text, as the Lambda runtime writes them.
     */
    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public LocalFunctions {
        functions = Map.copyOf(functions);
    }

    /** No functions. */
    public static LocalFunctions none() {
        return new LocalFunctions(Map.of());
    }

    /**
     * The function a Lambda invoke's {@code FunctionName} names: a name, a partial or full ARN, with or without a
     * version or alias qualifier (locally there is only {@code $LATEST}).
     */
    public Optional<LocalFunction> find(String functionName) {
        return Optional.ofNullable(functions.get(nameOf(functionName)));
    }

    /** The bare name of {@code arn:aws:lambda:region:account:function:name[:qualifier]}, {@code name:qualifier}, ... */
    static String nameOf(String functionName) {
        String name = functionName;
        int function = name.indexOf("function:");
        if (function >= 0) {
            name = name.substring(function + "function:".length());
        }
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(functions).keySet();
    }
}
