package dev.mlops.local.workflows;

import dev.mlops.MlopsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.mlops.local.workflows.StubPipeline.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Placeholder substitution: only string values, every occurrence, unknown names refused. */
class PlaceholdersTest {

    private final Placeholders list = new Placeholders(List.of(
            new Placeholder("Fn", Placeholder.Kind.LAMBDA, "", "fn"),
            new Placeholder("Prefix", Placeholder.Kind.BATCH_JOB_DEFINITION_PREFIX, "", "local-train-")));

    @Test
    void substitute_insideStringsAndIntrinsics_keysUntouched() {
        assertEquals(json("{\"${Fn}\": \"fn\", \"b.$\": \"States.Format('local-train-{}', $.m)\", \"c\": [\"x-fn-fn\"]}"),
                list.substituteLocal(json("{\"${Fn}\": \"${Fn}\", \"b.$\": \"States.Format('${Prefix}{}', $.m)\","
                        + " \"c\": [\"x-${Fn}-${Fn}\"]}")));
    }

    @Test
    void substitute_unknownPlaceholder_refusedNamingIt() {
        MlopsException e = assertThrows(MlopsException.class, () -> list.substituteLocal(json("{\"a\": \"${Nope}\"}")));

        assertTrue(e.getMessage().contains("${Nope}"));
    }

    @Test
    void used_everyNameInTheText() {
        assertEquals(Set.of("Fn", "Prefix"), Placeholders.used("{\"a\": \"${Fn}\", \"b\": \"${Prefix}x${Fn}\"}"));
    }

    @Test
    void kind_unknownSpelling_refused() {
        assertThrows(IllegalArgumentException.class, () -> Placeholder.Kind.of("queue"));
    }
}
