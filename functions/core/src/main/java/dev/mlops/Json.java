package dev.mlops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapping of the domain documents (model.json, package.json, registry documents).
 *
 * <p>Strict on purpose: an unknown key, a trailing token, a null for a number or a string for a number is an
 * error naming the document and the JSON path, because a typo in a policy must never silently become a default.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The shared mapper; callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads {@code bytes} as a {@code type}.
     *
     * @param document what the bytes are, for the error message (a file name or artifact key)
     * @throws InvalidDocumentException naming the document, the JSON path and the problem
     */
    public static <T> T read(byte[] bytes, Class<T> type, String document) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidDocumentException(document, path(e), "unknown key '" + e.getPropertyName()
                    + "' (allowed: " + e.getKnownPropertyIds() + ")");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidDocumentException(document, path(e), cause.getMessage());
        } catch (JsonMappingException e) {
            throw new InvalidDocumentException(document, path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException(document, "$", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDocumentException(document, "$", "unreadable: " + e.getMessage());
        }
    }

    /** Parses any JSON text into a tree, with the same error reporting as {@link #read}. */
    public static JsonNode tree(byte[] bytes, String document) {
        return read(bytes, JsonNode.class, document);
    }

    /** Serialises {@code value} as indented UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new MlopsException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Serialises {@code value} as one line of JSON: for log lines, capture lines and HTTP bodies. */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MlopsException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Serialises {@code value} as indented JSON text. */
    public static String text(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
