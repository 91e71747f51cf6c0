package dev.mlops.trainer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mlops.model.Algorithm;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.LinearCoefficients;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.trainer.data.CsvDataset;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final int ROWS = 6000;
    private static byte[] csv;
    private static TrainedModel logistic;
    private static TrainedModel ensemble;
    private static CsvDataset data;

    @BeforeAll
    static void train() {
        csv = Fixtures.csv(7, ROWS, DriftKnobs.none());
        ModelConfig lr = Fixtures.creditRisk(Algorithm.LOGISTIC_REGRESSION);
        data = CsvDataset.read(csv, lr, "mem:train.csv");
        logistic = new Trainer().train(Fixtures.input(lr, csv, 11));
        ensemble = new Trainer().train(Fixtures.input(Fixtures.creditRisk(Algorithm.WEIGHTED_ENSEMBLE), csv, 11));
    }

    @Test
    void logisticRegression_generatedData_aucClearlyAbove07() {
        assertTrue(logistic.metrics().auc() > 0.72, "AUC " + logistic.metrics().auc());
    }

    @Test
    void weightedEnsemble_generatedData_aucClearlyAbove07() {
        assertTrue(ensemble.metrics().auc() > 0.72, "AUC " + ensemble.metrics().auc());
    }

    @Test
    void onnxFromNamedRecords_logisticRegression_reproducesTribuoOnEveryHoldoutRow() throws Exception {
        assertParity(logistic);
    }

    @Test
    void onnxFromNamedRecords_weightedEnsemble_reproducesTribuoOnEveryHoldoutRow() throws Exception {
        assertParity(ensemble);
    }

    /** Independent of the trainer's own self-check: named records, the contract, a fresh ORT session. */
    private static void assertParity(TrainedModel model) throws Exception {
        int[] rows = model.holdoutRows();
        double[] expected = model.holdoutProbabilities();
        float[][] batch = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            Map<String, Object> record = data.record(rows[i]);
            assertTrue(record.get("purpose") instanceof String);
            batch[i] = model.input().encodeFloats(record);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model.onnx(), options);
                 OnnxTensor tensor = OnnxTensor.createTensor(env, batch);
                 OrtSession.Result result = session.run(Map.of(model.input().tensorName(), tensor))) {
                float[][] out = (float[][]) result.get(model.output().tensorName()).orElseThrow().getValue();
                double worst = 0;
                for (int i = 0; i < rows.length; i++) {
                    double diff = Math.abs(out[i][model.output().positiveColumn()] - expected[i]);
                    worst = Math.max(worst, diff);
                    assertTrue(diff <= 1e-5, "row " + rows[i] + ": ONNX " + out[i][model.output().positiveColumn()]
                            + " vs Tribuo " + expected[i]);
                }
                System.err.println("parity max abs diff over " + rows.length + " holdout rows: " + worst);
            }
        }
    }

    @Test
    void logisticRegression_coefficients_reproduceProbabilities() {
        LinearCoefficients c = logistic.coefficients();
        assertNotNull(c);
        int[] rows = logistic.holdoutRows();
        double[] expected = logistic.holdoutProbabilities();
        for (int i = 0; i < 200; i++) {
            double[] x = logistic.input().encode(data.record(rows[i]));
            double logit = c.intercept();
            for (int j = 0; j < x.length; j++) {
                logit += c.weights().get(j) * x[j];
            }
            assertEquals(expected[i], 1 / (1 + Math.exp(-logit)), 1e-9);
        }
    }

    @Test
    void weightedEnsemble_coefficients_absent() {
        assertNull(ensemble.coefficients());
    }

    @Test
    void trainedModel_manifest_recordsContractsLineageAndBaseline() {
        PackageManifest m = logistic.manifest("v3", Instant.parse("2024-01-01T00:00:00Z"));
        assertEquals("credit-risk", m.model());
        assertEquals("input", m.input().tensorName());
        assertEquals("output", m.output().tensorName());
        assertEquals(m.output().labels().indexOf("1"), m.output().positiveColumn());
        assertEquals(List.copyOf(new java.util.TreeSet<>(m.input().columnNames())), m.input().columnNames());
        assertEquals(ROWS, m.lineage().rows());
        assertEquals(data.sha256(), m.lineage().datasetSha256());
        assertEquals("logistic-regression", m.lineage().algorithm());
        assertEquals("0.5", m.lineage().parameters().get("learningRate"));
        assertEquals(10, m.baseline().features().size());
        assertEquals(ROWS - Math.round(ROWS * 0.2), m.baseline().rows());
        assertEquals(m.baseline().rows(), m.baseline().features().get("purpose").total());
    }

    @Test
    void sameSeed_trainedTwice_sameProbabilities() {
        TrainedModel again = new Trainer().train(Fixtures.input(Fixtures.creditRisk(Algorithm.LOGISTIC_REGRESSION), csv, 11));
        assertEquals(java.util.Arrays.toString(logistic.holdoutProbabilities()),
                java.util.Arrays.toString(again.holdoutProbabilities()));
    }

    @Test
    void externalAlgorithm_train_refusedNamingImage() {
        UnsupportedAlgorithmException e = assertThrows(UnsupportedAlgorithmException.class,
                () -> new Trainer().train(Fixtures.input(Fixtures.creditRisk(Algorithm.EXTERNAL), csv, 1)));
        assertTrue(e.getMessage().contains("external"), e.getMessage());
        assertTrue(e.getMessage().contains("example.org/byo-trainer:1"), e.getMessage());
    }
}
