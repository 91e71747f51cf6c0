package dev.mlops.trainer;

import dev.mlops.contract.ContractFitter;
import dev.mlops.contract.InputContract;
import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.Histogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.Algorithm;
import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.NumericFeature;
import dev.mlops.model.TrainerSpec;
import dev.mlops.packaging.LinearCoefficients;
import dev.mlops.packaging.Lineage;
import dev.mlops.packaging.OutputContract;
import dev.mlops.trainer.data.CsvDataset;
import dev.mlops.trainer.data.TrainingDataException;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a model with Tribuo and exports it to ONNX, with everything its package records.
 *
 * <p>Steps: seeded shuffle and holdout split; input contract fitted on the training split; Tribuo examples whose
 * feature names are the contract's column names and whose values are the encoded values; a logistic regression
 * (SGD, log loss, AdaGrad) or a weighted ensemble of them on bootstrap samples, weighted by out-of-bag AUC and
 * averaged by {@link FullyWeightedVotingCombiner} (a weighted mean of the members' probabilities, which Tribuo
 * 4.3.2 exports to ONNX); export; and a self-check that ONNX Runtime reproduces Tribuo's holdout probabilities
 * within {@value #PARITY_TOLERANCE}, fed through the input contract exactly as the inference function feeds it.
 */
public final class Trainer {

    /** Largest allowed |ONNX Runtime - Tribuo| difference of a holdout probability. */
    public static final double PARITY_TOLERANCE = 1e-5;

    static final String ONNX_DOMAIN = "dev.mlops";
    private static final int HISTOGRAM_BINS = 10;
    private static final int ONNX_BATCH = 4096;

    /**
     * Trains, exports and self-checks one model.
     *
     * @throws UnsupportedAlgorithmException for {@code external} configs
     * @throws TrainingDataException         when a split lacks a class or the data cannot be standardised
     * @throws TrainingException             when the model's feature order or its ONNX export does not match
     */
    public TrainedModel train(TrainingInput input) {
        ModelConfig config = input.config();
        TrainerSpec spec = config.trainer();
        if (spec.algorithm() == Algorithm.EXTERNAL) {
            throw new UnsupportedAlgorithmException("model '" + config.name() + "' uses trainer.algorithm 'external' (image '"
                    + spec.image() + "'): that image trains and packages the model itself; this trainer runs only "
                    + "'logistic-regression' and 'weighted-ensemble'");
        }
        CsvDataset data = input.data();
        SplittableRandom random = new SplittableRandom(input.seed());
        int[] order = shuffled(data.rows(), random.split());
        int holdoutSize = (int) Math.round(data.rows() * spec.holdoutFraction());
        int[] holdout = Arrays.copyOfRange(order, 0, holdoutSize);
        int[] training = Arrays.copyOfRange(order, holdoutSize, order.length);
        Arrays.sort(holdout);
        Arrays.sort(training);
        requireBothClasses(data, holdout, "holdout split");
        requireBothClasses(data, training, "training split");

        ContractFitter fitter = fit(config, data, training);
        InputContract contract = fitter.build("input");
        Labels labels = new Labels(config);
        double[] columnMeans = new double[contract.width()];
        List<Example<Label>> examples = examples(data, training, contract, labels, columnMeans);

        Model<Label> model = switch (spec.algorithm()) {
            case LOGISTIC_REGRESSION -> logisticRegression(examples, spec, random.nextLong());
            case WEIGHTED_ENSEMBLE -> ensemble(examples, spec, labels, random);
            case EXTERNAL -> throw new IllegalStateException("external was refused above");
        };
        checkFeatureOrder(model, contract);

        ImmutableOutputInfo<Label> outputInfo = model.getOutputIDInfo();
        List<String> labelOrder = new ArrayList<>();
        for (int id = 0; id < outputInfo.size(); id++) {
            labelOrder.add(outputInfo.getOutput(id).getLabel());
        }
        int positiveColumn = outputInfo.getID(labels.positive);
        double[] probabilities = new double[holdout.length];
        for (int i = 0; i < holdout.length; i++) {
            probabilities[i] = labels.positiveProbability(model.predict(example(data, holdout[i], contract, labels)));
        }

        byte[] onnx = ((ONNXExportable) model).exportONNXModel(ONNX_DOMAIN, 1).toByteArray();
        OutputContract output;
        double parity;
        try (OnnxScorer scorer = new OnnxScorer(onnx)) {
            contract = fitter.build(scorer.inputName());
            output = new OutputContract(scorer.outputName(), labelOrder, positiveColumn);
            parity = parity(scorer, data, holdout, contract, output, probabilities);
        }

        boolean[] holdoutPositive = new boolean[holdout.length];
        for (int i = 0; i < holdout.length; i++) {
            holdoutPositive[i] = data.isPositive(holdout[i]);
        }
        LinearCoefficients coefficients = model instanceof LinearSGDModel linear
                ? coefficients(linear, contract, outputInfo, labels, columnMeans) : null;
        return new TrainedModel(config.name(), onnx, contract, output, coefficients,
                BinaryMetrics.of(probabilities, holdoutPositive), baseline(config, data, training, probabilities),
                lineage(input, data), holdout, probabilities, parity);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void requireBothClasses(CsvDataset data, int[] rows, String split) {
        int positives = 0;
        for (int row : rows) {
            positives += data.isPositive(row) ? 1 : 0;
        }
        if (positives == 0 || positives == rows.length) {
            throw new TrainingDataException(data.source() + ": the " + split + " (" + rows.length + " of " + data.rows()
                    + " rows) has only one class; more rows (or a larger share of the minority class) are needed");
        }
    }

    private static ContractFitter fit(ModelConfig config, CsvDataset data, int[] training) {
        ContractFitter fitter = new ContractFitter(config.features());
        for (FeatureSpec feature : config.features()) {
            if (feature instanceof NumericFeature) {
                for (double value : data.numericValues(feature.name(), training)) {
                    fitter.observe(feature.name(), value);
                }
            }
        }
        try {
            fitter.build("input");
        } catch (IllegalArgumentException e) {
            throw new TrainingDataException(data.source() + ": " + e.getMessage(), e);
        }
        return fitter;
    }

    private static List<Example<Label>> examples(CsvDataset data, int[] rows, InputContract contract, Labels labels,
                                                 double[] columnSums) {
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        String[] names = contract.columnNames().toArray(String[]::new);
        for (int row : rows) {
            double[] values = contract.encode(data.record(row));
            for (int c = 0; c < values.length; c++) {
                columnSums[c] += values[c];
            }
            examples.add(new ArrayExample<>(labels.of(data, row), names, values));
        }
        for (int c = 0; c < columnSums.length; c++) {
            columnSums[c] /= rows.length;
        }
        return examples;
    }

    private static Example<Label> example(CsvDataset data, int row, InputContract contract, Labels labels) {
        return new ArrayExample<>(labels.of(data, row), contract.columnNames().toArray(String[]::new),
                contract.encode(data.record(row)));
    }

    private static MutableDataset<Label> dataset(List<Example<Label>> examples, String description) {
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, new LabelFactory()),
                new LabelFactory());
        dataset.addAll(examples);
        return dataset;
    }

    private static LinearSGDTrainer sgd(TrainerSpec spec, long seed) {
        // loggingInterval -1: Tribuo logs no loss; the job reports progress itself.
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(spec.learningRate()), spec.epochs(), -1,
                spec.minibatchSize(), seed);
    }

    private static Model<Label> logisticRegression(List<Example<Label>> examples, TrainerSpec spec, long seed) {
        return sgd(spec, seed).train(dataset(examples, "training split"));
    }

    /**
     * Members on bootstrap samples of the training split; each member's weight is its AUC on the rows its sample
     * left out (out-of-bag), so no holdout row influences the model.
     */
    private static Model<Label> ensemble(List<Example<Label>> examples, TrainerSpec spec, Labels labels,
                                         SplittableRandom random) {
        List<Model<Label>> members = new ArrayList<>();
        float[] weights = new float[spec.members()];
        int n = examples.size();
        for (int m = 0; m < spec.members(); m++) {
            SplittableRandom memberRandom = random.split();
            boolean[] inBag = new boolean[n];
            List<Example<Label>> sample = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int pick = memberRandom.nextInt(n);
                inBag[pick] = true;
                sample.add(examples.get(pick));
            }
            Model<Label> member = sgd(spec, memberRandom.nextLong()).train(dataset(sample, "bootstrap sample " + m));
            List<Double> scores = new ArrayList<>();
            List<Boolean> truth = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!inBag[i]) {
                    Example<Label> example = examples.get(i);
                    scores.add(labels.positiveProbability(member.predict(example)));
                    truth.add(example.getOutput().equals(labels.positive));
                }
            }
            weights[m] = (float) outOfBagAuc(scores, truth, m);
            members.add(member);
        }
        return WeightedEnsembleModel.createEnsembleFromExistingModels("weighted-ensemble", members,
                new FullyWeightedVotingCombiner(), weights);
    }

    private static double outOfBagAuc(List<Double> scores, List<Boolean> truth, int member) {
        double[] p = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[truth.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = truth.get(i);
        }
        try {
            return BinaryMetrics.of(p, y).auc();
        } catch (IllegalArgumentException e) {
            throw new TrainingDataException("ensemble member " + member + ": its " + y.length
                    + " out-of-bag rows cannot weight it (" + e.getMessage() + "); more training rows are needed", e);
        }
    }

    private static void checkFeatureOrder(Model<Label> model, InputContract contract) {
        ImmutableFeatureMap features = model.getFeatureIDMap();
        List<String> order = new ArrayList<>();
        for (int id = 0; id < features.size(); id++) {
            order.add(features.get(id).getName());
        }
        if (!order.equals(contract.columnNames())) {
            throw new TrainingException("Tribuo's feature-id order " + order + " differs from the input contract's column order "
                    + contract.columnNames() + "; the ONNX graph would read the wrong columns");
        }
    }

    private static double parity(OnnxScorer scorer, CsvDataset data, int[] holdout, InputContract contract,
                                 OutputContract output, double[] expected) {
        double worst = 0;
        int worstRow = -1;
        for (int start = 0; start < holdout.length; start += ONNX_BATCH) {
            int size = Math.min(ONNX_BATCH, holdout.length - start);
            float[][] batch = new float[size][];
            for (int i = 0; i < size; i++) {
                batch[i] = contract.encodeFloats(data.record(holdout[start + i]));
            }
            float[][] scores = scorer.run(batch);
            for (int i = 0; i < size; i++) {
                if (scores[i].length != output.labels().size()) {
                    throw new TrainingException("ONNX output has " + scores[i].length + " columns, expected one per label "
                            + output.labels());
                }
                double diff = Math.abs(scores[i][output.positiveColumn()] - expected[start + i]);
                if (!(diff <= worst)) {
                    worst = diff;
                    worstRow = holdout[start + i];
                }
            }
        }
        if (!(worst <= PARITY_TOLERANCE)) {
            throw new TrainingException("ONNX export does not reproduce the model: on data row " + worstRow
                    + " ONNX Runtime and Tribuo differ by " + worst + " (allowed " + PARITY_TOLERANCE + "); no package is written");
        }
        return worst;
    }

    /**
     * The positive-class logit of a two-class softmax is {@code (w_pos - w_neg)·x + (b_pos - b_neg)}; Tribuo keeps
     * the bias as the last column of the weight matrix (one row per output id).
     */
    private static LinearCoefficients coefficients(LinearSGDModel model, InputContract contract,
                                                   ImmutableOutputInfo<Label> outputs, Labels labels, double[] columnMeans) {
        DenseMatrix w = model.getWeightsCopy();
        int width = contract.width();
        if (w.getDimension1Size() != 2 || w.getDimension2Size() != width + 1) {
            throw new TrainingException("expected a 2 x " + (width + 1) + " weight matrix (labels x columns + bias), got "
                    + w.getDimension1Size() + " x " + w.getDimension2Size());
        }
        int pos = outputs.getID(labels.positive);
        int neg = outputs.getID(labels.negative);
        List<Double> weights = new ArrayList<>(width);
        List<Double> means = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            weights.add(w.get(pos, c) - w.get(neg, c));
            means.add(columnMeans[c]);
        }
        return new LinearCoefficients(w.get(pos, width) - w.get(neg, width), weights, means);
    }

    private static Baseline baseline(ModelConfig config, CsvDataset data, int[] training, double[] holdoutScores) {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (FeatureSpec feature : config.features()) {
            if (feature instanceof NumericFeature) {
                histograms.put(feature.name(), NumericHistogram.ofQuantiles(data.numericValues(feature.name(), training),
                        HISTOGRAM_BINS));
            } else {
                Map<String, Long> frequencies = new HashMap<>();
                for (int row : training) {
                    frequencies.merge(data.level(feature.name(), row), 1L, Long::sum);
                }
                histograms.put(feature.name(), CategoricalHistogram.of(((CategoricalFeature) feature).values(), frequencies));
            }
        }
        return new Baseline(training.length, histograms, NumericHistogram.ofQuantiles(holdoutScores, HISTOGRAM_BINS));
    }

    private static Lineage lineage(TrainingInput input, CsvDataset data) {
        TrainerSpec spec = input.config().trainer();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("epochs", String.valueOf(spec.epochs()));
        parameters.put("learningRate", String.valueOf(spec.learningRate()));
        parameters.put("minibatchSize", String.valueOf(spec.minibatchSize()));
        parameters.put("holdoutFraction", String.valueOf(spec.holdoutFraction()));
        parameters.put("objective", "LogMulticlass");
        parameters.put("optimiser", "AdaGrad");
        String algorithm = "logistic-regression";
        if (spec.algorithm() == Algorithm.WEIGHTED_ENSEMBLE) {
            algorithm = "weighted-ensemble";
            parameters.put("members", String.valueOf(spec.members()));
            parameters.put("memberWeighting", "out-of-bag AUC");
            parameters.put("combiner", "FullyWeightedVotingCombiner");
        }
        return new Lineage(input.datasetUri(), data.sha256(), data.rows(), input.codeRevision(), input.trainerImage(),
                algorithm, parameters, input.seed(), input.initiator());
    }

    /** The two Tribuo labels of a config and the mapping of Tribuo scores back by label name. */
    private static final class Labels {
        final Label positive;
        final Label negative;

        Labels(ModelConfig config) {
            positive = new Label(config.label().positive());
            negative = new Label(config.label().negative());
        }

        Label of(CsvDataset data, int row) {
            return data.isPositive(row) ? positive : negative;
        }

        /** Scores can come back in any order: read the positive one by name. */
        double positiveProbability(Prediction<Label> prediction) {
            Label score = prediction.getOutputScores().get(positive.getLabel());
            if (score == null) {
                throw new TrainingException("prediction has no score for the positive label '" + positive.getLabel()
                        + "': " + prediction.getOutputScores().keySet());
            }
            return score.getScore();
        }
    }
}
