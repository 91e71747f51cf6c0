package dev.mlops.inference;

import dev.mlops.MlopsException;

/** No model of that name is registered: HTTP 404. */
public class ModelNotFoundException extends MlopsException {

    public ModelNotFoundException(String model) {
        super("unknown model '" + model + "'");
    }
}
