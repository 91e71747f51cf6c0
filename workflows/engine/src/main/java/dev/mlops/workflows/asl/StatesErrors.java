package dev.mlops.workflows.asl;

/**
 * The predefined error names of the States Language specification ("Errors" section) and the Step Functions
 * developer guide ("Error names").
 */
public final class StatesErrors {

    /** Wildcard matching any error name, except {@link #DATA_LIMIT_EXCEEDED} and {@link #RUNTIME}. */
    public static final String ALL = "States.ALL";
    /** Wildcard in Retry/Catch for any error except {@link #TIMEOUT}; also the error of a failed task. */
    public static final String TASK_FAILED = "States.TaskFailed";
    /** A task ran longer than TimeoutSeconds. */
    public static final String TIMEOUT = "States.Timeout";
    /** A task sent no heartbeat within HeartbeatSeconds. */
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    /** An exception that could not be processed (bad paths, bad types); never retried or caught. */
    public static final String RUNTIME = "States.Runtime";
    /** A state's input or output is over 256 KiB; not matched by {@link #ALL}. */
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    /** No Choice rule matched and there is no Default. */
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    /** An intrinsic function failed. */
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    /** A JSONata expression failed, gave a value of the wrong type, or gave nothing where a value is required. */
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    /** A DISTRIBUTED Map's ItemReader could not read its items. */
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    /** A DISTRIBUTED Map's ResultWriter could not write its results. */
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
    /** A DISTRIBUTED Map's child executions failed more than ToleratedFailureCount / Percentage allow. */
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

    private StatesErrors() {
    }
}
