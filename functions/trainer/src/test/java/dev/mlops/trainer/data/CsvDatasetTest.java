package dev.mlops.trainer.data;

import dev.mlops.Digests;
import dev.mlops.model.ModelConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetTest {

    private static final ModelConfig CONFIG = ModelConfig.parse(resource("tiny-model.json"), "tiny-model.json");
    private static final String HEADER = "amount,kind,score,label";

    private static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(CsvDatasetTest.class.getResourceAsStream("/dev/mlops/trainer/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CsvDataset read(String text) {
        return CsvDataset.read(text.getBytes(StandardCharsets.UTF_8), CONFIG, "t.csv");
    }

    private static String fails(String text) {
        return assertThrows(TrainingDataException.class, () -> read(text)).getMessage();
    }

    @Test
    void validCsv_anyColumnOrder_readsCleanedValuesAndHash() {
        String text = "label,score,kind,amount\nyes,0.5,a,10\nno,\"2\",b,20\n\n";
        CsvDataset data = read(text);
        assertEquals(2, data.rows());
        assertEquals(Digests.sha256(text.getBytes(StandardCharsets.UTF_8)), data.sha256());
        assertTrue(data.isPositive(0));
        assertEquals(java.util.Map.of("amount", 10.0, "kind", "a", "score", 0.5), data.record(0));
        assertEquals(java.util.Map.of("amount", 20.0, "kind", "b", "score", 1.0), data.record(1), "score clipped to 1");
    }

    @Test
    void header_missingColumn_namesIt() {
        String message = fails("amount,kind,label\n1,a,yes\n");
        assertTrue(message.contains("missing column(s) [score]"), message);
    }

    @Test
    void header_extraColumn_namesIt() {
        String message = fails(HEADER + ",zip\n1,a,0.5,yes,123\n");
        assertTrue(message.contains("unexpected column(s) [zip]"), message);
    }

    @Test
    void header_duplicatedColumn_namesIt() {
        String message = fails("amount,kind,score,label,kind\n1,a,0.5,yes,a\n");
        assertTrue(message.contains("duplicated column(s) [kind]"), message);
    }

    @Test
    void value_notANumber_namesLineColumnAndValue() {
        String message = fails(HEADER + "\n1,a,0.5,yes\n1x,a,0.5,no\n");
        assertTrue(message.contains("t.csv: line 3, column 'amount': not a number: '1x'"), message);
    }

    @Test
    void value_nan_rejected() {
        String message = fails(HEADER + "\nNaN,a,0.5,yes\n");
        assertTrue(message.contains("line 2, column 'amount': must be finite"), message);
    }

    @Test
    void row_wrongFieldCount_namesLine() {
        String message = fails(HEADER + "\n1,a,0.5\n");
        assertTrue(message.contains("line 2: expected 4 comma-separated fields"), message);
    }

    @Test
    void emptyFile_failsSayingEmpty() {
        assertTrue(fails("").contains("empty file"));
    }

    @Test
    void headerOnly_failsSayingNoRows() {
        assertTrue(fails(HEADER + "\n").contains("no data rows"));
    }

    @Test
    void label_unknownValue_namesValueAndClasses() {
        String message = fails(HEADER + "\n1,a,0.5,maybe\n");
        assertTrue(message.contains("line 2, column 'label': label 'maybe' is neither the positive class 'yes' nor the negative class 'no'"), message);
    }

    @Test
    void label_oneClass_failsNamingIt() {
        String message = fails(HEADER + "\n1,a,0.5,no\n2,b,0.5,no\n");
        assertTrue(message.contains("label 'label' has only one class: all 2 rows are 'no'"), message);
    }

    @Test
    void outOfRange_rejectPolicy_namesLineColumnValueAndRange() {
        String message = fails(HEADER + "\n1,a,0.5,yes\n101,a,0.5,no\n");
        assertTrue(message.contains("line 3, column 'amount': value 101 is outside the range [0.0, 100.0]"), message);
    }

    @Test
    void outOfRange_clipPolicy_clips() {
        CsvDataset data = read(HEADER + "\n1,a,-3,yes\n1,a,7,no\n");
        assertEquals(0.0, data.record(0).get("score"));
        assertEquals(1.0, data.record(1).get("score"));
    }

    @Test
    void unknownLevel_rejectPolicy_namesValueAndLevels() {
        ModelConfig reject = ModelConfig.parse(new String(resource("tiny-model.json"), StandardCharsets.UTF_8)
                .replace("\"onUnknown\": \"fallback\", \"fallback\": \"b\"", "\"onUnknown\": \"reject\"").getBytes(StandardCharsets.UTF_8), "m");
        TrainingDataException e = assertThrows(TrainingDataException.class,
                () -> CsvDataset.read((HEADER + "\n1,zz,0.5,yes\n").getBytes(StandardCharsets.UTF_8), reject, "t.csv"));
        assertTrue(e.getMessage().contains("line 2, column 'kind': unknown level 'zz' (allowed: [a, b]"), e.getMessage());
    }

    @Test
    void unknownLevel_fallbackPolicy_mapsToFallback() {
        assertEquals("b", read(HEADER + "\n1,zz,0.5,yes\n1,a,0.5,no\n").record(0).get("kind"));
    }

    @Test
    void unknownLevel_ignorePolicy_keepsTextForAllZeroColumns() {
        ModelConfig ignore = ModelConfig.parse(new String(resource("tiny-model.json"), StandardCharsets.UTF_8)
                .replace("\"onUnknown\": \"fallback\", \"fallback\": \"b\"", "\"onUnknown\": \"ignore\"").getBytes(StandardCharsets.UTF_8), "m");
        CsvDataset data = CsvDataset.read((HEADER + "\n1,zz,0.5,yes\n1,a,0.5,no\n").getBytes(StandardCharsets.UTF_8), ignore, "t.csv");
        assertEquals("zz", data.level("kind", 0));
        assertEquals("a", data.level("kind", 1));
    }
}
