package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.fixture;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The inline Map state: ItemsPath, ItemSelector (and the older Parameters), ItemProcessor (and Iterator). */
class MapStateTest {

    @Test
    void itemSelector_withContextIndexAndValue_asInDeveloperGuideExample() {
        // Developer guide, "ItemSelector": each item becomes {"ContextIndex", "ContextValue", "ContextValue2"}.
        String input = "{\"delivery-partner\": \"example\", \"shipped\": [{\"prod\": \"R31\", \"dest-code\": 9511, \"quantity\": 1344},"
                + " {\"prod\": \"S39\", \"dest-code\": 9511, \"quantity\": 40}]}";
        String expected = "[{\"ContextIndex\": 0, \"ContextValue\": {\"prod\": \"R31\", \"dest-code\": 9511, \"quantity\": 1344}, \"ContextPartner\": \"example\"},"
                + " {\"ContextIndex\": 1, \"ContextValue\": {\"prod\": \"S39\", \"dest-code\": 9511, \"quantity\": 40}, \"ContextPartner\": \"example\"}]";
        assertOutput(expected, fixture("map-item-selector.asl.json"), input);
    }

    @Test
    void olderIteratorAndParameters_workTheSame() {
        String def = fixture("map-item-selector.asl.json").replace("ItemProcessor", "Iterator").replace("ItemSelector", "Parameters");
        ExecutionResult r = run(def, "{\"delivery-partner\": \"p\", \"shipped\": [1]}");
        assertEquals(json("[{\"ContextIndex\": 0, \"ContextValue\": 1, \"ContextPartner\": \"p\"}]"), r.output());
    }

    @Test
    void withoutSelector_eachItemIsTheIterationInput_resultsKeepOrder() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemsPath\": \"$.xs\", \"MaxConcurrency\": 2, \"ResultPath\": \"$.ys\","
                + " \"ItemProcessor\": {\"StartAt\": \"Double\", \"States\": {\"Double\": {\"Type\": \"Pass\", \"Parameters\": {\"v.$\": \"States.MathAdd($, $)\"}, \"End\": true}}},"
                + " \"End\": true}}}";
        assertOutput("{\"xs\": [1, 2, 3], \"ys\": [{\"v\": 2}, {\"v\": 4}, {\"v\": 6}]}", def, "{\"xs\": [1, 2, 3]}");
    }

    @Test
    void virtualClock_iterationWaitsOverlap() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"W\","
                + " \"States\": {\"W\": {\"Type\": \"Wait\", \"SecondsPath\": \"$\", \"End\": true}}}}}}";
        ExecutionResult r = run(def, "[30, 60, 10]");
        assertEquals(json("[30, 60, 10]"), r.output());
        assertEquals(java.time.Duration.ofSeconds(60), java.time.Duration.between(r.startDate(), r.stopDate()));
    }

    @Test
    void emptyArray_givesEmptyResult() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}}";
        assertOutput("[]", def, "[]");
    }

    @Test
    void itemsPathNotAnArray_isRuntimeError() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemsPath\": \"$.x\", \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}}";
        assertEquals(StatesErrors.RUNTIME, run(def, "{\"x\": {}}").error());
        assertEquals(StatesErrors.RUNTIME, run(def, "{}").error());
    }

    @Test
    void failingIteration_failsTheMap() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"C\", \"States\": {"
                + "\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$\", \"NumericEquals\": 2, \"Next\": \"F\"}], \"Default\": \"P\"},"
                + "\"F\": {\"Type\": \"Fail\", \"Error\": \"Two\"}, \"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}}";
        ExecutionResult r = run(def, "[1, 2, 3]");
        assertEquals("Two", r.error());
        List<String> types = r.history().stream().map(HistoryEvent::type).toList();
        assertEquals(List.of("MapIterationFailed", "MapStateFailed", "ExecutionFailed"), types.subList(types.size() - 3, types.size()));
    }

    @Test
    void history_hasMapEventsWithLengthAndIndexes() {
        ExecutionResult r = run(fixture("map-item-selector.asl.json"), "{\"delivery-partner\": \"p\", \"shipped\": [1, 2]}");
        HistoryEvent started = r.history().stream().filter(e -> e.type().equals("MapStateStarted")).findFirst().orElseThrow();
        assertEquals(2, started.details().get("length").asInt());
        List<JsonNode> indexes = r.history().stream().filter(e -> e.type().equals("MapIterationStarted")).map(e -> e.details().get("index")).toList();
        assertEquals(List.of(json("0"), json("1")), indexes);
        HistoryEvent firstIteration = r.history().stream().filter(e -> e.type().equals("MapIterationStarted")).findFirst().orElseThrow();
        assertEquals(started.id(), firstIteration.previousEventId());
    }
}
