package dev.mlops.registry;

/** A status change the life cycle does not allow (see {@link ModelStatus}). */
public class IllegalTransitionException extends RegistryException {

    public IllegalTransitionException(String model, String version, ModelStatus from, ModelStatus to) {
        super(model + "/" + version + " cannot move from " + from + " to " + to + " (allowed from " + from + ": "
                + (from.next().isEmpty() ? "none, it is final" : from.next()) + ")");
    }
}
