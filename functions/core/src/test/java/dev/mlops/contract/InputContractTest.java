package dev.mlops.contract;

import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.NumericFeature;
import dev.mlops.model.NumericTransform;
import dev.mlops.model.OutOfRangePolicy;
import dev.mlops.model.Range;
import dev.mlops.model.UnknownLevelPolicy;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputContractTest {

    private static InputContract contract(UnknownLevelPolicy policy, String fallback) {
        List<FeatureSpec> features = List.of(
                new NumericFeature("x", null, new Range(0.0, 10.0), OutOfRangePolicy.REJECT, NumericTransform.STANDARDIZE),
                new NumericFeature("amount", null, new Range(0.0, 1000.0), OutOfRangePolicy.CLIP, NumericTransform.LOG_STANDARDIZE),
                new CategoricalFeature("kind", null, List.of("b", "a"), policy, fallback));
        ContractFitter fitter = new ContractFitter(features);
        for (double v : new double[]{2, 4, 6}) {
            fitter.observe("x", v);
        }
        for (double v : new double[]{0, Math.E - 1, Math.exp(2) - 1}) {
            fitter.observe("amount", v);
        }
        return fitter.build("input");
    }

    private static final InputContract REJECT = contract(UnknownLevelPolicy.REJECT, null);

    private static Map<String, Object> record(Object x, Object amount, Object kind) {
        Map<String, Object> r = new HashMap<>();
        r.put("x", x);
        r.put("amount", amount);
        r.put("kind", kind);
        return r;
    }

    private static String fails(InputContract contract, Map<String, Object> record) {
        return assertThrows(InvalidRecordException.class, () -> contract.encode(record)).getMessage();
    }

    @Test
    void fitter_columns_sortedByNameWithOneHotPerLevel() {
        assertEquals(List.of("amount", "kind=a", "kind=b", "x"), REJECT.columnNames());
    }

    @Test
    void validRecord_encode_appliesFrozenTransforms() {
        double[] row = REJECT.encode(record(6, Math.E - 1, "a"));
        assertArrayEquals(new double[]{0.0, 1.0, 0.0, 1.0}, row, 1e-12);
        assertArrayEquals(new float[]{0f, 0f, 1f, -1f}, REJECT.encodeFloats(record(2, Math.E - 1, "b")), 1e-6f);
    }

    @Test
    void missingField_encode_namesIt() {
        Map<String, Object> r = record(1, 1, "a");
        r.remove("x");
        assertTrue(fails(REJECT, r).contains("x: missing"));
    }

    @Test
    void extraField_encode_namesIt() {
        Map<String, Object> r = record(1, 1, "a");
        r.put("zip", 1);
        assertTrue(fails(REJECT, r).contains("zip: unknown field"));
    }

    @Test
    void mistypedFields_encode_listsEvery() {
        String message = fails(REJECT, record("7", 1, 3));
        assertTrue(message.contains("x: must be a number, got string '7'"), message);
        assertTrue(message.contains("kind: must be a string, got number 3"), message);
    }

    @Test
    void nan_encode_refused() {
        assertTrue(fails(REJECT, record(Double.NaN, 1, "a")).contains("x: must be finite, got NaN"));
    }

    @Test
    void outOfRange_rejectPolicy_namesRangeAndValue() {
        assertTrue(fails(REJECT, record(11, 1, "a")).contains("x: out of range [0.0, 10.0], got 11.0"));
    }

    @Test
    void outOfRange_clipPolicy_clipsToEnd() {
        assertEquals(REJECT.encode(record(1, 1000, "a"))[0], REJECT.encode(record(1, 5000, "a"))[0]);
    }

    @Test
    void unknownLevel_rejectPolicy_namesLevels() {
        assertTrue(fails(REJECT, record(1, 1, "z")).contains("kind: unknown level 'z' (allowed: [b, a])"));
    }

    @Test
    void unknownLevel_ignorePolicy_allOneHotZero() {
        double[] row = contract(UnknownLevelPolicy.IGNORE, null).encode(record(1, 1, "z"));
        assertEquals(0.0, row[1]);
        assertEquals(0.0, row[2]);
    }

    @Test
    void unknownLevel_fallbackPolicy_encodedAsFallback() {
        InputContract fallback = contract(UnknownLevelPolicy.FALLBACK, "b");
        assertArrayEquals(fallback.encode(record(1, 1, "b")), fallback.encode(record(1, 1, "z")));
    }
}
