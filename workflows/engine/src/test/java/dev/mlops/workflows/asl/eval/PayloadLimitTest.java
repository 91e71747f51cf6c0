package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 256 KiB (262,144 bytes of UTF-8 JSON) for every state input and output. */
class PayloadLimitTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    /** A JSON string value whose serialised form (quotes included) has exactly {@code bytes} bytes. */
    private static String stringOf(int bytes) {
        return "\"" + "a".repeat(bytes - 2) + "\"";
    }

    private static ExecutionResult taskReturning(String result, String fields) {
        return run(single("Task", "\"Resource\": \"" + LAMBDA + "\"" + fields), "{}", new StubTaskResolver().on(LAMBDA, r -> json(result)));
    }

    @Test
    void outputOfExactly256KiB_isAllowed() {
        assertEquals(ExecutionResult.Status.SUCCEEDED, taskReturning(stringOf(262_144), "").status());
    }

    @Test
    void outputOneByteOver_isDataLimitExceeded() {
        ExecutionResult r = taskReturning(stringOf(262_145), "");
        assertEquals(StatesErrors.DATA_LIMIT_EXCEEDED, r.error());
        assertTrue(r.cause().contains("'S'"), r.cause());
    }

    @Test
    void sizeIsCountedInUtf8Bytes() {
        // "é" is two bytes in UTF-8: 131,071 of them plus the quotes is 262,144 bytes; one more is over.
        assertEquals(ExecutionResult.Status.SUCCEEDED, taskReturning("\"" + "é".repeat(131_071) + "\"", "").status());
        assertEquals(StatesErrors.DATA_LIMIT_EXCEEDED, taskReturning("\"" + "é".repeat(131_072) + "\"", "").error());
    }

    @Test
    void nestedPayloads_nearTheLimit_areCountedExactly() {
        // Many small fields: the cheap bound passes the limit, so the exact count decides.
        StringBuilder items = new StringBuilder("[");
        int n = (262_144 - 1) / 11; // each item is 10 bytes plus a comma
        for (int i = 0; i < n; i++) {
            items.append(i == 0 ? "" : ",").append("\"abcdefgh\"");
        }
        String array = items.append("]").toString();
        long exact = Interpreter.size(json(array));
        assertTrue(exact > 262_144 - 20 && exact <= 262_144, "fixture size " + exact);
        assertEquals(ExecutionResult.Status.SUCCEEDED, taskReturning(array, "").status());
        assertEquals(StatesErrors.DATA_LIMIT_EXCEEDED, taskReturning(array.replace("[\"abcdefgh\"", "[\"abcdefghijklmnopqrstuvwxyz\""), "").error());
    }

    @Test
    void limitAppliesAfterOutputPath() {
        assertEquals(ExecutionResult.Status.SUCCEEDED, taskReturning(stringOf(300_000), ", \"ResultPath\": null").status());
    }

    @Test
    void dataLimitExceeded_isNotCaughtByStatesAll_butByName() {
        String catchAll = ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"S\"}]";
        assertEquals(StatesErrors.DATA_LIMIT_EXCEEDED, taskReturning(stringOf(262_145), catchAll.replace("\"Next\": \"S\"", "\"ResultPath\": null, \"Next\": \"S\"")).error());
    }

    @Test
    void executionInputOverLimit_fails() {
        ExecutionResult r = run(single("Pass", ""), "{\"a\": " + stringOf(262_200) + "}");
        assertEquals(StatesErrors.DATA_LIMIT_EXCEEDED, r.error());
    }
}
