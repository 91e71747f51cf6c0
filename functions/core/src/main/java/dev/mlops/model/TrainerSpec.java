package dev.mlops.model;

/**
 * How a model is trained.
 *
 * @param algorithm       see {@link Algorithm}
 * @param epochs          SGD passes over the training split (default 10)
 * @param learningRate    AdaGrad initial learning rate (default 0.5)
 * @param minibatchSize   SGD minibatch size (default 16)
 * @param members         ensemble size for {@code weighted-ensemble} (default 5)
 * @param holdoutFraction share of rows kept out of training for the holdout metrics (default 0.2)
 * @param image           container image for {@code external} trainers (AWS Batch job definition)
 * @param gpus            GPUs the Batch job asks for (default 0)
 */
public record TrainerSpec(Algorithm algorithm, Integer epochs, Double learningRate, Integer minibatchSize,
                          Integer members, Double holdoutFraction, String image, Integer gpus) {

    public TrainerSpec {
        Checks.present(algorithm, "trainer.algorithm");
        epochs = Checks.positive(Checks.orDefault(epochs, 10), "trainer.epochs");
        learningRate = Checks.positive(Checks.orDefault(learningRate, 0.5), "trainer.learningRate");
        minibatchSize = Checks.positive(Checks.orDefault(minibatchSize, 16), "trainer.minibatchSize");
        members = Checks.positive(Checks.orDefault(members, 5), "trainer.members");
        holdoutFraction = Checks.fraction(Checks.orDefault(holdoutFraction, 0.2), "trainer.holdoutFraction");
        if (holdoutFraction <= 0 || holdoutFraction >= 0.9) {
            throw new IllegalArgumentException("'trainer.holdoutFraction' must be in (0, 0.9), got " + holdoutFraction);
        }
        gpus = Checks.nonNegative(Checks.orDefault(gpus, 0), "trainer.gpus");
        if (algorithm == Algorithm.EXTERNAL && (image == null || image.isBlank())) {
            throw new IllegalArgumentException("'trainer.image' is required when trainer.algorithm is 'external'");
        }
        if (algorithm == Algorithm.WEIGHTED_ENSEMBLE && members < 2) {
            throw new IllegalArgumentException("'trainer.members' must be at least 2 for a weighted-ensemble, got " + members);
        }
    }
}
