package dev.mlops.workflows.asl.model;

import java.util.Optional;

/** The intrinsic functions of the States Language (JSONPath), by their ASL names. */
public enum IntrinsicFunction {
    FORMAT("States.Format"), STRING_TO_JSON("States.StringToJson"), JSON_TO_STRING("States.JsonToString"),
    ARRAY("States.Array"), ARRAY_PARTITION("States.ArrayPartition"), ARRAY_CONTAINS("States.ArrayContains"),
    ARRAY_RANGE("States.ArrayRange"), ARRAY_GET_ITEM("States.ArrayGetItem"), ARRAY_LENGTH("States.ArrayLength"),
    ARRAY_UNIQUE("States.ArrayUnique"), BASE64_ENCODE("States.Base64Encode"), BASE64_DECODE("States.Base64Decode"),
    HASH("States.Hash"), JSON_MERGE("States.JsonMerge"), MATH_RANDOM("States.MathRandom"), MATH_ADD("States.MathAdd"),
    STRING_SPLIT("States.StringSplit"), UUID("States.UUID");

    private final String aslName;

    IntrinsicFunction(String aslName) {
        this.aslName = aslName;
    }

    /** The name as written in ASL, for example {@code States.Format}. */
    public String aslName() {
        return aslName;
    }

    /** The function called {@code aslName}, if there is one. */
    public static Optional<IntrinsicFunction> named(String aslName) {
        for (IntrinsicFunction f : values()) {
            if (f.aslName.equals(aslName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
