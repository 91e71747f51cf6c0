package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.Timestamps;
import dev.mlops.workflows.asl.intrinsics.Intrinsics;
import dev.mlops.workflows.asl.jsonata.Bindings;
import dev.mlops.workflows.asl.jsonata.JsonataEvaluator;
import dev.mlops.workflows.asl.jsonata.JsonataTemplate;
import dev.mlops.workflows.asl.model.Assign;
import dev.mlops.workflows.asl.model.Catcher;
import dev.mlops.workflows.asl.model.ChoiceRule;
import dev.mlops.workflows.asl.model.PayloadTemplate;
import dev.mlops.workflows.asl.model.Retrier;
import dev.mlops.workflows.asl.model.State;
import dev.mlops.workflows.asl.model.StateFields;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.model.Transition;
import dev.mlops.workflows.asl.path.JsonPath;
import dev.mlops.workflows.asl.persist.Checkpoint;
import dev.mlops.workflows.asl.persist.ExecutionRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One execution: walks the states, applies the data flow in AWS's order (JSONPath: InputPath, Parameters, the
 * state's work, ResultSelector, Assign, ResultPath, OutputPath; JSONata: Arguments, the work, then Assign and Output
 * both against the variables as they were on entry), handles Retry and Catch, assigns variables when a state exits,
 * and records the history. With a {@link Journal} it reports every event and a checkpoint at each top-level state
 * boundary, and can resume from such a checkpoint.
 */
final class Interpreter {

    /** "The maximum input or output size for a task, activity, or state is 256 KiB of data as a UTF-8 string." */
    static final int MAX_PAYLOAD_BYTES = 262_144;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Engine engine;
    private final ExecutionClock clock;
    private final StateMachine machine;
    private final String stateMachineArn;
    private final String stateMachineName;
    private final String executionName;
    private final String executionArn;
    private final JsonNode input;
    private final Intrinsics intrinsics;
    private final JsonataEvaluator jsonata;
    private final ChoiceEvaluator choices = new ChoiceEvaluator();
    private final List<HistoryEvent> history = new ArrayList<>();
    private final Timeline rootTime;
    private final Instant startTime;
    /** Where a resumed execution picks up (null: from StartAt), and whether it is resumed at all. */
    private final Checkpoint resumeAt;
    private final boolean isResumed;
    private Journal journal = Journal.NONE;
    /** {@code $$.Map.Item} of a DISTRIBUTED Map's child execution, or null. */
    private ObjectNode mapItemContext;
    /** The checkpoint's parked task, registered again by the engine before this execution resumed. */
    private ParkedTask reparked;
    private Trail rootTrail;
    private String startTimeText;
    private Instant deadline;

    Interpreter(Engine engine, StateMachine machine, String stateMachineName, String executionName, JsonNode input) {
        this.engine = engine;
        this.clock = engine.clock();
        this.machine = machine;
        this.stateMachineName = stateMachineName;
        this.stateMachineArn = Engine.ARN_PREFIX + "stateMachine:" + stateMachineName;
        this.executionName = executionName != null ? executionName
                : new java.util.UUID(engine.random().nextLong(), engine.random().nextLong()).toString();
        this.executionArn = Engine.ARN_PREFIX + "execution:" + stateMachineName + ":" + this.executionName;
        this.input = input;
        this.intrinsics = new Intrinsics(engine.random());
        this.jsonata = new JsonataEvaluator(engine.random());
        this.rootTime = Timeline.of(clock);
        this.startTime = rootTime.now();
        this.resumeAt = null;
        this.isResumed = false;
    }

    /**
     * An execution that a previous engine started: its history goes on from {@code past}, and it re-enters the
     * checkpoint's state (or starts at StartAt when it never reached a checkpoint).
     */
    Interpreter(Engine engine, StateMachine machine, ExecutionRecord record, Checkpoint resumeAt, List<HistoryEvent> past) {
        this.engine = engine;
        this.clock = engine.clock();
        this.machine = machine;
        this.stateMachineName = record.stateMachineName();
        this.stateMachineArn = Engine.ARN_PREFIX + "stateMachine:" + stateMachineName;
        this.executionName = record.name();
        this.executionArn = record.executionArn();
        this.input = record.input();
        this.intrinsics = new Intrinsics(engine.random());
        this.jsonata = new JsonataEvaluator(engine.random());
        this.rootTime = Timeline.of(clock);
        this.startTime = record.startDate();
        this.resumeAt = resumeAt;
        this.isResumed = true;
        history.addAll(past);
    }

    /** Makes this a DISTRIBUTED Map's child execution of one item: its context has {@code $$.Map.Item}. */
    void mapItem(int index, JsonNode value) {
        ObjectNode item = NODES.objectNode();
        item.putObject("Item").put("Index", index).set("Value", value);
        this.mapItemContext = item;
    }

    /** The task a resumed execution waits on again. */
    void reparked(ParkedTask task) {
        this.reparked = task;
    }

    /** Where to report events and checkpoints; set before {@link #run()}. */
    void journal(Journal journal) {
        this.journal = journal;
    }

    String executionArn() {
        return executionArn;
    }

    String stateMachineArn() {
        return stateMachineArn;
    }

    String stateMachineName() {
        return stateMachineName;
    }

    String executionName() {
        return executionName;
    }

    JsonNode input() {
        return input;
    }

    Instant startTime() {
        return startTime;
    }

    ExecutionResult run() {
        startTimeText = Timestamps.format(startTime);
        if (machine.timeoutSeconds() != null) {
            deadline = startTime.plusSeconds(machine.timeoutSeconds());
        }
        Trail trail = new Trail(0, rootTime, resumeAt == null ? Variables.root() : Variables.restore(resumeAt.variables()));
        rootTrail = trail;
        if (isResumed && !history.isEmpty()) {
            trail.lastEventId = history.size();
        } else {
            ObjectNode started = NODES.objectNode();
            started.set("input", input);
            started.put("roleArn", Engine.ARN_PREFIX.replace(":states:", ":iam:") + "role/local");
            event(trail, "ExecutionStarted", "executionStartedEventDetails", started);
        }
        try {
            long size = size(input);
            if (size > MAX_PAYLOAD_BYTES) {
                throw new AslError(StatesErrors.DATA_LIMIT_EXCEEDED, "The execution input has " + size
                        + " bytes, more than the maximum of " + MAX_PAYLOAD_BYTES + " bytes.");
            }
            JsonNode output = resumeAt == null ? runMachine(machine, input, trail)
                    : runMachine(machine, resumeAt.stateName(), resumeAt.input(), trail, resumeAt);
            ObjectNode details = NODES.objectNode();
            details.set("output", output);
            event(trail, "ExecutionSucceeded", "executionSucceededEventDetails", details);
            return result(ExecutionResult.Status.SUCCEEDED, output, null, null);
        } catch (ExecutionTimeout e) {
            event(trail, "ExecutionTimedOut", "executionTimedOutEventDetails", errorDetails(e.error(), e.cause()));
            return result(ExecutionResult.Status.TIMED_OUT, null, e.error(), e.cause());
        } catch (AslError e) {
            event(trail, "ExecutionFailed", "executionFailedEventDetails", errorDetails(e.error(), e.cause()));
            return result(ExecutionResult.Status.FAILED, null, e.error(), e.cause());
        }
    }

    private ExecutionResult result(ExecutionResult.Status status, JsonNode output, String error, String cause) {
        List<HistoryEvent> events;
        synchronized (history) {
            events = List.copyOf(history);
        }
        ExecutionResult result = new ExecutionResult(executionArn, status, output, error, cause, startTime, rootTime.now(), events);
        journal.ended(result);
        return result;
    }

    private JsonNode runMachine(StateMachine m, JsonNode data, Trail trail) {
        return runMachine(m, m.startAt(), data, trail, null);
    }

    /** Runs {@code m} from the state {@code name}; {@code resume}, if any, is that state's checkpoint. */
    private JsonNode runMachine(StateMachine m, String name, JsonNode data, Trail trail, Checkpoint resume) {
        while (true) {
            if (deadline != null && !trail.time.now().isBefore(deadline)) {
                throw executionTimeout();
            }
            State state = m.state(name);
            StateRunner runner = new StateRunner(state, m.fields(name), data, trail, resume);
            resume = null;
            Step step = state.accept(runner);
            if (step.assigned() != null) {
                trail.variables.assign(name, step.assigned());
            }
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            data = step.output();
        }
    }

    /** The output of a state, where to go next (null: the end of its machine), and the variables it assigns. */
    private record Step(JsonNode output, String next, JsonNode assigned) {
        Step(JsonNode output, String next) {
            this(output, next, null);
        }

        static Step of(JsonNode output, Transition transition) {
            return new Step(output, transition.isEnd() ? null : transition.next());
        }

        Step assigning(JsonNode variables) {
            return new Step(output, next, variables);
        }
    }

    /** One branch of the execution: its last event (for previousEventId), its timeline and its variables. */
    private static final class Trail {
        private final Timeline time;
        private final Variables variables;
        private long lastEventId;

        Trail(long after, Timeline time, Variables variables) {
            this.lastEventId = after;
            this.time = time;
            this.variables = variables;
        }
    }

    /** One state's entry: what the context object's State fields say, and the task token if any. */
    private final class Scope {
        final String stateName;
        final long enteredEventId;
        final Instant enteredTime;
        int retryCount;
        String taskToken;
        int mapIndex = -1;
        JsonNode mapValue;
        Variables variables = Variables.root();
        /** Where EvaluationFailed events go; null in a scope that records none. */
        Trail trail;
        private String enteredTimeText;
        private ObjectNode context;

        Scope(String stateName, long enteredEventId, Instant enteredTime) {
            this.stateName = stateName;
            this.enteredEventId = enteredEventId;
            this.enteredTime = enteredTime;
        }

        /** The context object ($$), built only when a path asks for it. */
        ObjectNode context() {
            if (context == null) {
                context = NODES.objectNode();
                ObjectNode execution = context.putObject("Execution");
                execution.put("Id", executionArn);
                execution.set("Input", input);
                execution.put("Name", executionName);
                execution.put("RoleArn", Engine.ARN_PREFIX.replace(":states:", ":iam:") + "role/local");
                execution.put("StartTime", startTimeText);
                execution.put("RedriveCount", 0);
                ObjectNode state = context.putObject("State");
                state.put("EnteredTime", enteredTimeText());
                state.put("Name", stateName);
                state.put("RetryCount", retryCount);
                ObjectNode sm = context.putObject("StateMachine");
                sm.put("Id", stateMachineArn);
                sm.put("Name", stateMachineName);
                if (taskToken != null) {
                    context.putObject("Task").put("Token", taskToken);
                }
                if (mapIndex >= 0) {
                    ObjectNode item = context.putObject("Map").putObject("Item");
                    item.put("Index", mapIndex);
                    item.set("Value", mapValue);
                } else if (mapItemContext != null) {
                    context.set("Map", mapItemContext);
                }
            }
            return context;
        }

        void changed() {
            context = null;
        }

        private String enteredTimeText() {
            if (enteredTimeText == null) {
                enteredTimeText = Timestamps.format(enteredTime);
            }
            return enteredTimeText;
        }

        /** This state's scope as one Map iteration's ItemSelector sees it: $$.Map.Item set. */
        Scope forItem(int index, JsonNode value) {
            Scope item = new Scope(stateName, enteredEventId, enteredTime);
            item.enteredTimeText = enteredTimeText();
            item.retryCount = retryCount;
            item.mapIndex = index;
            item.mapValue = value;
            item.variables = variables;
            item.trail = trail;
            return item;
        }

        AslError queryError(String detail) {
            return queryError(null, detail);
        }

        /** The States.QueryEvaluationError of a field (null: none), recorded as an EvaluationFailed event. */
        AslError queryError(String field, String detail) {
            AslError error = new AslError(StatesErrors.QUERY_EVALUATION_ERROR, "An error occurred while executing the"
                    + " state '" + stateName + "' (entered at the event id #" + enteredEventId + "). " + detail);
            if (trail != null) {
                ObjectNode details = errorDetails(error.error(), error.cause());
                if (field != null) {
                    details.put("location", field);
                }
                details.put("state", stateName);
                event(trail, "EvaluationFailed", "evaluationFailedEventDetails", details);
            }
            return error;
        }

        /** What this state's JSONata expressions see, {@code $states.input} being {@code input}. */
        Bindings bindings(JsonNode input, Instant now) {
            return new Bindings(input, this::context, variables::get, now, this::queryError);
        }

        AslError runtime(String detail) {
            return new AslError(StatesErrors.RUNTIME, "An error occurred while executing the state '" + stateName
                    + "' (entered at the event id #" + enteredEventId + "). " + detail);
        }
    }

    /** Runs one state; the visitor dispatches on its type. */
    private final class StateRunner implements State.Visitor<Step> {
        private final JsonNode raw;
        private final Trail trail;
        private final Scope scope;
        private final StateFields fields;
        /** The parked task a resumed execution waits on again; used by the first attempt only. */
        private Checkpoint.Parked resumedTask;

        StateRunner(State state, StateFields fields, JsonNode raw, Trail trail, Checkpoint resume) {
            this.raw = raw;
            this.trail = trail;
            this.fields = fields;
            if (resume != null) {
                // Re-entering after a restart: the StateEntered event is already in the history.
                this.scope = new Scope(state.name(), resume.enteredEventId(), resume.enteredTime());
                scope.retryCount = resume.retryCount();
                scope.variables = trail.variables;
                scope.trail = trail;
                this.resumedTask = resume.parked();
                return;
            }
            ObjectNode details = NODES.objectNode();
            details.put("name", state.name());
            details.set("input", raw);
            Instant now = trail.time.now();
            long id = event(trail, state.type() + "StateEntered", "stateEnteredEventDetails", details);
            this.scope = new Scope(state.name(), id, now);
            this.scope.variables = trail.variables;
            this.scope.trail = trail;
            if (trail == rootTrail && journal != Journal.NONE) {
                journal.checkpoint(new Checkpoint(state.name(), raw, id, now, 0, null, trail.variables.snapshot()));
            }
        }

        private Bindings bindings() {
            return scope.bindings(raw, trail.time.now());
        }

        /** A JSONata state's Output (its default when absent) and Assign, both against the entry variables. */
        private Step jsonataExit(State state, Step step, Bindings b, JsonNode defaultOutput) {
            JsonNode assigned = assignJsonata(fields.assign(), b, state.name());
            JsonNode output = jsonataOutput("Output", fields.jsonata("Output"), b, defaultOutput);
            checkSize(state.name(), output, "an output");
            return new Step(output, step.next(), assigned);
        }

        private Step exit(State state, Step step) {
            ObjectNode details = NODES.objectNode();
            details.put("name", state.name());
            details.set("output", step.output());
            if (step.assigned() != null) {
                // As GetExecutionHistory reports them: each value as its JSON text.
                ObjectNode assigned = details.putObject("assignedVariables");
                step.assigned().fields().forEachRemaining(e -> assigned.put(e.getKey(), e.getValue().toString()));
                details.putObject("assignedVariablesDetails").put("truncated", false);
            }
            event(trail, state.type() + "StateExited", "stateExitedEventDetails", details);
            return step;
        }

        @Override
        public Step visitPass(State.Pass s) {
            if (fields.isJsonata()) {
                return exit(s, jsonataExit(s, Step.of(raw, s.transition()), bindings(), raw));
            }
            JsonNode effective = inputPath(s.inputPath(), raw, scope);
            JsonNode params = s.parameters() == null ? effective : template(s.parameters(), effective, scope, "Parameters");
            JsonNode result = s.result() != null ? s.result() : params;
            JsonNode assigned = assignPaths(fields.assign(), result, scope);
            JsonNode output = finish(s.name(), resultPath(s.resultPath(), raw, result, scope), s.outputPath(), scope);
            return exit(s, Step.of(output, s.transition()).assigning(assigned));
        }

        @Override
        public Step visitTask(State.Task s) {
            Step step = withRetry(s.retry(), s.catchers(), fields, raw, scope, trail.time, () -> {
                if (resumedTask != null) {
                    Checkpoint.Parked task = resumedTask;
                    resumedTask = null;
                    return taskStep(s, awaitResumed(Resource.parse(s.resource()), task));
                }
                Resource resource = Resource.parse(s.resource());
                Optional<TaskHandler> handler = engine.resolver().resolve(resource);
                // The token exists before Parameters are evaluated: they pass it on as $$.Task.Token.
                ParkedTask parked = resource.isCallback() ? engine.park(trail.time.now()) : null;
                scope.taskToken = parked == null ? null : parked.token();
                scope.changed();
                JsonNode result;
                try {
                    JsonNode effective = fields.isJsonata() ? raw : inputPath(s.inputPath(), raw, scope);
                    JsonNode params = fields.isJsonata() ? jsonataOutput("Arguments", fields.jsonata("Arguments"), bindings(), raw)
                            : s.parameters() == null ? effective : template(s.parameters(), effective, scope, "Parameters");
                    Integer timeout = fields.jsonata("TimeoutSeconds") != null ? jsonataSeconds("TimeoutSeconds", 1)
                            : seconds(s.timeoutSeconds(), s.timeoutSecondsPath(), effective, scope, "TimeoutSecondsPath");
                    Integer heartbeat = fields.jsonata("HeartbeatSeconds") != null ? jsonataSeconds("HeartbeatSeconds", 1)
                            : seconds(s.heartbeatSeconds(), s.heartbeatSecondsPath(), effective, scope, "HeartbeatSecondsPath");
                    result = runTask(s, resource, handler, parked, params, timeout, heartbeat);
                } catch (AslError e) {
                    if (parked != null && !parked.isTimedOut()) {
                        engine.unpark(parked);
                    }
                    throw e;
                }
                return taskStep(s, result);
            });
            return exit(s, step);
        }

        /** A JSONata TimeoutSeconds, HeartbeatSeconds, Seconds or MaxConcurrency: an integer of at least {@code min}. */
        private Integer jsonataSeconds(String field, int min) {
            JsonataTemplate template = fields.jsonata(field);
            JsonNode v = jsonata.evaluate(template, bindings(), field, "number");
            if (!v.canConvertToLong() || v.doubleValue() != Math.rint(v.doubleValue()) || v.asLong() < min
                    || v.asLong() > 99_999_999L) {
                throw scope.queryError(field, "The JSONata expression '" + ((JsonataTemplate.Expression) template).text()
                        + "' specified for the field '" + field + "' returned " + v + ", but the field must be an integer"
                        + " from " + min + " to 99999999.");
            }
            return v.asInt();
        }

        private Step taskStep(State.Task s, JsonNode result) {
            if (fields.isJsonata()) {
                return jsonataExit(s, Step.of(result, s.transition()), bindings().withResult(result), result);
            }
            JsonNode selected = s.resultSelector() == null ? result : template(s.resultSelector(), result, scope, "ResultSelector");
            JsonNode assigned = assignPaths(fields.assign(), selected, scope);
            JsonNode output = finish(s.name(), resultPath(s.resultPath(), raw, selected, scope), s.outputPath(), scope);
            return Step.of(output, s.transition()).assigning(assigned);
        }

        /** A task parked before a restart: waits for the same token again (the engine re-registered it). */
        private JsonNode awaitResumed(Resource resource, Checkpoint.Parked task) {
            ParkedTask parked = reparked;
            scope.taskToken = task.token();
            scope.changed();
            JsonNode result;
            try {
                result = awaitCallback(resource, parked, task.timeoutAt(), task.heartbeatSeconds());
            } catch (AslError e) {
                if (!parked.isTimedOut()) {
                    engine.unpark(parked);
                }
                throw e;
            }
            return succeeded(resource, result);
        }

        private JsonNode succeeded(Resource resource, JsonNode result) {
            JsonNode value = result == null ? NODES.nullNode() : result;
            ObjectNode succeeded = resourceDetails(resource);
            succeeded.set("output", value);
            event(trail, "TaskSucceeded", "taskSucceededEventDetails", succeeded);
            return value;
        }

        private JsonNode runTask(State.Task s, Resource resource, Optional<TaskHandler> handler, ParkedTask parked,
                                 JsonNode params, Integer timeout, Integer heartbeat) {
            ObjectNode scheduled = resourceDetails(resource);
            scheduled.put("region", "local");
            scheduled.set("parameters", params);
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout);
            }
            if (heartbeat != null) {
                scheduled.put("heartbeatInSeconds", heartbeat);
            }
            event(trail, "TaskScheduled", "taskScheduledEventDetails", scheduled);
            if (handler.isEmpty()) {
                throw taskFailed(resource, StatesErrors.TASK_FAILED, "No task handler for the resource '" + resource.arn()
                        + "': this engine was given no integration for it.");
            }
            event(trail, "TaskStarted", "taskStartedEventDetails", resourceDetails(resource));
            Instant started = trail.time.now();
            JsonNode result;
            try {
                result = handler.get().invoke(new TaskRequest(resource, params, scope.taskToken, s.name(), executionArn, trail.time));
            } catch (AslError e) {
                throw taskFailed(resource, e.error(), e.cause());
            } catch (RuntimeException e) {
                throw taskFailed(resource, StatesErrors.TASK_FAILED, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            Instant timeoutAt = timeout == null ? null : started.plusSeconds(timeout);
            if (parked != null) {
                ObjectNode submitted = resourceDetails(resource);
                submitted.set("output", result == null ? NODES.nullNode() : result);
                event(trail, "TaskSubmitted", "taskSubmittedEventDetails", submitted);
                if (trail == rootTrail && journal != Journal.NONE) {
                    journal.checkpoint(new Checkpoint(s.name(), raw, scope.enteredEventId, scope.enteredTime,
                            scope.retryCount, new Checkpoint.Parked(parked.token(), resource.arn(),
                            parked.lastHeartbeat(), timeoutAt, heartbeat), trail.variables.snapshot()));
                }
                result = awaitCallback(resource, parked, timeoutAt, heartbeat);
            } else if (timeoutAt != null && trail.time.now().isAfter(timeoutAt)) {
                throw timedOut(resource, StatesErrors.TIMEOUT);
            }
            return succeeded(resource, result);
        }

        private JsonNode awaitCallback(Resource resource, ParkedTask parked, Instant timeoutAt, Integer heartbeat) {
            while (true) {
                Instant heartbeatAt = heartbeat == null ? null : parked.lastHeartbeat().plusSeconds(heartbeat);
                Instant wakeAt = earliest(earliest(timeoutAt, heartbeatAt), deadline);
                if (trail.time.await(parked.callback(), wakeAt)) {
                    TaskCallback callback = parked.callback().join();
                    if (callback.isSuccess()) {
                        return callback.output();
                    }
                    throw taskFailed(resource, callback.error(), callback.cause());
                }
                Instant now = trail.time.now();
                if (timeoutAt != null && !now.isBefore(timeoutAt)) {
                    parked.timedOut();
                    throw timedOut(resource, StatesErrors.TIMEOUT);
                }
                if (heartbeat != null && !now.isBefore(parked.lastHeartbeat().plusSeconds(heartbeat))) {
                    parked.timedOut();
                    throw timedOut(resource, StatesErrors.HEARTBEAT_TIMEOUT);
                }
                if (deadline != null && !now.isBefore(deadline)) {
                    parked.timedOut();
                    throw executionTimeout();
                }
            }
        }

        private AslError taskFailed(Resource resource, String error, String cause) {
            ObjectNode details = resourceDetails(resource);
            if (error != null) {
                details.put("error", error);
            }
            if (cause != null) {
                details.put("cause", cause);
            }
            event(trail, "TaskFailed", "taskFailedEventDetails", details);
            return new AslError(error, cause);
        }

        private AslError timedOut(Resource resource, String error) {
            ObjectNode details = resourceDetails(resource);
            details.put("error", error);
            details.put("cause", "");
            event(trail, "TaskTimedOut", "taskTimedOutEventDetails", details);
            return new AslError(error, "");
        }

        @Override
        public Step visitChoice(State.Choice s) {
            JsonNode effective = fields.isJsonata() ? raw : inputPath(s.inputPath(), raw, scope);
            Bindings b = fields.isJsonata() ? bindings() : null;
            String next = null;
            StateFields.RuleFields matched = StateFields.RuleFields.NONE;
            for (int i = 0; i < s.choices().size(); i++) {
                State.Choice.Branch branch = s.choices().get(i);
                if (choices.matches(branch.rule(), path -> path.find(rootOf(path, effective, scope)), scope::runtime,
                        c -> condition(c, b))) {
                    next = branch.next();
                    matched = StateFields.at(fields.choices(), i);
                    break;
                }
            }
            if (next == null) {
                next = s.defaultNext();
            }
            if (next == null) {
                throw new AslError(StatesErrors.NO_CHOICE_MATCHED, "No Choice rule of the state '" + s.name()
                        + "' matched the input and the state has no Default.");
            }
            if (fields.isJsonata()) {
                JsonNode assigned = merge(assignJsonata(fields.assign(), b, s.name()), assignJsonata(matched.assign(), b, s.name()));
                JsonataTemplate output = matched.output() != null ? matched.output() : fields.jsonata("Output");
                JsonNode out = jsonataOutput("Output", output, b, raw);
                checkSize(s.name(), out, "an output");
                return exit(s, new Step(out, next, assigned));
            }
            // The state's Assign applies whichever rule matched; the matched rule's own Assign wins on a shared name.
            JsonNode assigned = merge(assignPaths(fields.assign(), effective, scope), assignPaths(matched.assign(), effective, scope));
            JsonNode output = finish(s.name(), effective, s.outputPath(), scope);
            return exit(s, new Step(output, next, assigned));
        }

        private boolean condition(ChoiceRule.Condition c, Bindings b) {
            return jsonata.evaluate(c.condition(), b, "Condition", "boolean").booleanValue();
        }

        @Override
        public Step visitWait(State.Wait s) {
            JsonNode effective = fields.isJsonata() ? raw : inputPath(s.inputPath(), raw, scope);
            Instant until = fields.jsonata("Seconds") != null ? scope.enteredTime.plusSeconds(jsonataSeconds("Seconds", 0))
                    : fields.jsonata("Timestamp") != null ? jsonataTimestamp() : until(s.duration(), effective);
            if (deadline != null && until.isAfter(deadline)) {
                trail.time.sleepUntil(deadline);
                throw executionTimeout();
            }
            trail.time.sleepUntil(until);
            if (fields.isJsonata()) {
                return exit(s, jsonataExit(s, Step.of(raw, s.transition()), bindings(), raw));
            }
            JsonNode assigned = assignPaths(fields.assign(), effective, scope);
            JsonNode output = finish(s.name(), effective, s.outputPath(), scope);
            return exit(s, Step.of(output, s.transition()).assigning(assigned));
        }

        private Instant jsonataTimestamp() {
            JsonNode v = jsonata.evaluate(fields.jsonata("Timestamp"), bindings(), "Timestamp", "string");
            Instant at = Timestamps.parse(v.textValue());
            if (at == null) {
                throw scope.queryError("Timestamp", "The JSONata expression '" + ((JsonataTemplate.Expression) fields.jsonata("Timestamp")).text()
                        + "' specified for the field 'Timestamp' returned " + v + ", which is not an RFC 3339 timestamp.");
            }
            return at;
        }

        private Instant until(State.Wait.Duration duration, JsonNode effective) {
            return duration.accept(new State.Wait.DurationVisitor<Instant>() {
                @Override
                public Instant visitSeconds(State.Wait.Seconds d) {
                    return scope.enteredTime.plusSeconds(d.seconds());
                }

                @Override
                public Instant visitUntil(State.Wait.Until d) {
                    return d.timestamp();
                }

                @Override
                public Instant visitSecondsPath(State.Wait.SecondsPath d) {
                    JsonNode v = find(d.path(), effective, scope, "SecondsPath");
                    if (!v.isIntegralNumber() || v.asLong() < 0) {
                        throw scope.runtime("The SecondsPath parameter does not reference a valid non-negative integer: " + v);
                    }
                    return scope.enteredTime.plusSeconds(v.asLong());
                }

                @Override
                public Instant visitUntilPath(State.Wait.UntilPath d) {
                    JsonNode v = find(d.path(), effective, scope, "TimestampPath");
                    Instant at = v.isTextual() ? Timestamps.parse(v.textValue()) : null;
                    if (at == null) {
                        throw scope.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: " + v);
                    }
                    return at;
                }
            });
        }

        @Override
        public Step visitSucceed(State.Succeed s) {
            if (fields.isJsonata()) {
                JsonNode output = jsonataOutput("Output", fields.jsonata("Output"), bindings(), raw);
                checkSize(s.name(), output, "an output");
                return exit(s, new Step(output, null));
            }
            JsonNode effective = inputPath(s.inputPath(), raw, scope);
            JsonNode output = finish(s.name(), effective, s.outputPath(), scope);
            return exit(s, new Step(output, null));
        }

        @Override
        public Step visitFail(State.Fail s) {
            String error = fields.jsonata("Error") != null ? jsonata.evaluate(fields.jsonata("Error"), bindings(), "Error", "string").textValue()
                    : s.errorPath() == null ? s.error() : failText(s.errorPath(), "ErrorPath");
            String cause = fields.jsonata("Cause") != null ? jsonata.evaluate(fields.jsonata("Cause"), bindings(), "Cause", "string").textValue()
                    : s.causePath() == null ? s.cause() : failText(s.causePath(), "CausePath");
            throw new AslError(error, cause);
        }

        private String failText(PayloadTemplate t, String field) {
            JsonNode v = template(t, raw, scope, field);
            if (!v.isTextual()) {
                throw scope.runtime("The " + field + " must resolve to a string, got " + v);
            }
            return v.textValue();
        }

        @Override
        public Step visitParallel(State.Parallel s) {
            Step step = withRetry(s.retry(), s.catchers(), fields, raw, scope, trail.time, () -> {
                JsonNode effective = fields.isJsonata() ? raw : inputPath(s.inputPath(), raw, scope);
                JsonNode params = fields.isJsonata() ? jsonataOutput("Arguments", fields.jsonata("Arguments"), bindings(), raw)
                        : s.parameters() == null ? effective : template(s.parameters(), effective, scope, "Parameters");
                long startedId = event(trail, "ParallelStateStarted", null, NODES.objectNode());
                List<Supplier<JsonNode>> branches = new ArrayList<>();
                List<Timeline> forks = new ArrayList<>();
                for (StateMachine branch : s.branches()) {
                    Timeline fork = trail.time.fork();
                    forks.add(fork);
                    branches.add(() -> runMachine(branch, params, new Trail(startedId, fork, trail.variables.child())));
                }
                ArrayNode results;
                try {
                    results = runAll(branches, 0);
                } catch (AslError e) {
                    trail.time.join(forks);
                    event(trail, "ParallelStateFailed", null, NODES.objectNode());
                    throw e;
                }
                trail.time.join(forks);
                event(trail, "ParallelStateSucceeded", null, NODES.objectNode());
                if (fields.isJsonata()) {
                    return jsonataExit(s, Step.of(results, s.transition()), bindings().withResult(results), results);
                }
                JsonNode selected = s.resultSelector() == null ? results : template(s.resultSelector(), results, scope, "ResultSelector");
                JsonNode assigned = assignPaths(fields.assign(), selected, scope);
                JsonNode output = finish(s.name(), resultPath(s.resultPath(), raw, selected, scope), s.outputPath(), scope);
                return Step.of(output, s.transition()).assigning(assigned);
            });
            return exit(s, step);
        }

        @Override
        public Step visitMap(State.Map s) {
            if (s.distributed() != null) {
                return visitDistributedMap(s);
            }
            Step step = withRetry(s.retry(), s.catchers(), fields, raw, scope, trail.time, () -> {
                JsonNode effective = fields.isJsonata() ? raw : inputPath(s.inputPath(), raw, scope);
                JsonNode items = fields.isJsonata() ? jsonataItems() : find(s.itemsPath(), effective, scope, "ItemsPath");
                if (!items.isArray()) {
                    throw scope.runtime("The value of the ItemsPath '" + s.itemsPath() + "' must be a JSON array, got "
                            + abbreviate(items));
                }
                ObjectNode started = NODES.objectNode();
                started.put("length", items.size());
                long startedId = event(trail, "MapStateStarted", "mapStateStartedEventDetails", started);
                List<Supplier<JsonNode>> iterations = new ArrayList<>(items.size());
                List<Timeline> forks = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    int index = i;
                    Timeline fork = trail.time.fork();
                    forks.add(fork);
                    iterations.add(() -> iteration(s, effective, items.get(index), index,
                            new Trail(startedId, fork, trail.variables.child())));
                }
                ArrayNode results;
                try {
                    results = runAll(iterations, fields.jsonata("MaxConcurrency") != null
                            ? jsonataSeconds("MaxConcurrency", 0) : s.maxConcurrency());
                } catch (AslError e) {
                    trail.time.join(forks);
                    event(trail, "MapStateFailed", null, NODES.objectNode());
                    throw e;
                }
                trail.time.join(forks);
                event(trail, "MapStateSucceeded", null, NODES.objectNode());
                if (fields.isJsonata()) {
                    return jsonataExit(s, Step.of(results, s.transition()), bindings().withResult(results), results);
                }
                JsonNode selected = s.resultSelector() == null ? results : template(s.resultSelector(), results, scope, "ResultSelector");
                JsonNode assigned = assignPaths(fields.assign(), selected, scope);
                JsonNode output = finish(s.name(), resultPath(s.resultPath(), raw, selected, scope), s.outputPath(), scope);
                return Step.of(output, s.transition()).assigning(assigned);
            });
            return exit(s, step);
        }

        /** A JSONata Map's Items (the state input by default): an array, or States.QueryEvaluationError. */
        private JsonNode jsonataItems() {
            JsonataTemplate items = fields.jsonata("Items");
            if (items == null) {
                if (!raw.isArray()) {
                    throw scope.queryError("The Map state's input must be a JSON array when the state has no Items"
                            + " field, but was " + jsonType(raw) + ": " + abbreviate(raw));
                }
                return raw;
            }
            return jsonata.evaluate(items, bindings(), "Items", "array");
        }

        private Step visitDistributedMap(State.Map s) {
            Step step = withRetry(s.retry(), s.catchers(), fields, raw, scope, trail.time, () -> {
                JsonNode effective = inputPath(s.inputPath(), raw, scope);
                JsonNode result = new DistributedMapRun(engine, s, stateMachineName, new DistributedMapRun.Host() {
                    @Override
                    public JsonNode template(PayloadTemplate t, String field) {
                        return Interpreter.this.template(t, effective, scope, field);
                    }

                    @Override
                    public JsonNode select(int index, JsonNode item) {
                        if (s.itemSelector() == null) {
                            return item;
                        }
                        JsonNode selected = Interpreter.this.template(s.itemSelector(), effective, scope.forItem(index, item), "ItemSelector");
                        checkSize(s.name(), selected, "an iteration input");
                        return selected;
                    }

                    @Override
                    public JsonNode find(JsonPath path, String field) {
                        return Interpreter.this.find(path, effective, scope, field);
                    }

                    @Override
                    public JsonNode itemsFromPath() {
                        return Interpreter.this.find(s.itemsPath(), effective, scope, "ItemsPath");
                    }

                    @Override
                    public void event(String type, String detailsName, ObjectNode details) {
                        Interpreter.this.event(trail, type, detailsName, details);
                    }

                    @Override
                    public Timeline time() {
                        return trail.time;
                    }
                }).run();
                JsonNode selected = s.resultSelector() == null ? result : template(s.resultSelector(), result, scope, "ResultSelector");
                JsonNode assigned = assignPaths(fields.assign(), selected, scope);
                JsonNode output = finish(s.name(), resultPath(s.resultPath(), raw, selected, scope), s.outputPath(), scope);
                return Step.of(output, s.transition()).assigning(assigned);
            });
            return exit(s, step);
        }

        /** One Map iteration: its ItemSelector, its run of the ItemProcessor, its events. */
        private JsonNode iteration(State.Map s, JsonNode effective, JsonNode item, int index, Trail iteration) {
            ObjectNode details = NODES.objectNode();
            details.put("name", s.name());
            details.put("index", index);
            event(iteration, "MapIterationStarted", "mapIterationStartedEventDetails", details);
            JsonNode output;
            try {
                JsonNode itemInput = item;
                if (fields.jsonata("ItemSelector") != null) {
                    Scope itemScope = scope.forItem(index, item);
                    itemInput = jsonata.evaluate(fields.jsonata("ItemSelector"),
                            itemScope.bindings(raw, iteration.time.now()), "ItemSelector");
                    checkSize(s.name(), itemInput, "an iteration input");
                } else if (s.itemSelector() != null) {
                    itemInput = template(s.itemSelector(), effective, scope.forItem(index, item), "ItemSelector");
                    checkSize(s.name(), itemInput, "an iteration input");
                }
                output = runMachine(s.processor(), itemInput, iteration);
            } catch (AslError e) {
                event(iteration, "MapIterationFailed", "mapIterationFailedEventDetails", details);
                throw e;
            }
            event(iteration, "MapIterationSucceeded", "mapIterationSucceededEventDetails", details);
            return output;
        }
    }

    /**
     * Runs Parallel branches or Map iterations and returns their outputs in order. On a virtual clock they run one
     * after another on this thread, so that runs are reproducible (seeded randomness, history order). On a real
     * clock they run concurrently as in AWS, at most {@code maxConcurrency} at a time (0: no limit), and the first
     * failure cancels the rest.
     */
    private ArrayNode runAll(List<Supplier<JsonNode>> branches, int maxConcurrency) {
        ArrayNode results = NODES.arrayNode(branches.size());
        if (!(clock instanceof RealClock) || branches.size() < 2 || maxConcurrency == 1) {
            for (Supplier<JsonNode> branch : branches) {
                results.add(branch.get());
            }
            return results;
        }
        int threads = maxConcurrency == 0 ? branches.size() : Math.min(maxConcurrency, branches.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "asl-branch-" + executionName);
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<JsonNode> done = new ExecutorCompletionService<>(pool);
            List<Future<JsonNode>> futures = new ArrayList<>(branches.size());
            for (Supplier<JsonNode> branch : branches) {
                futures.add(done.submit(branch::get));
            }
            for (int i = 0; i < branches.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw new IllegalStateException("a branch failed", e.getCause());
                }
            }
            for (Future<JsonNode> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while branches ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a finished branch cannot fail", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code attempt}, retrying and catching as the state's Retry and Catch say. */
    private Step withRetry(List<Retrier> retriers, List<Catcher> catchers, StateFields fields, JsonNode raw, Scope scope,
                           Timeline time, Supplier<Step> attempt) {
        int[] attempts = new int[retriers.size()];
        while (true) {
            try {
                return attempt.get();
            } catch (ExecutionTimeout e) {
                throw e;
            } catch (AslError e) {
                // The first retrier whose ErrorEquals matches decides; once it is exhausted, Catch applies.
                int r = firstMatch(retriers.stream().map(Retrier::errorEquals).toList(), e);
                if (r >= 0 && attempts[r] < retriers.get(r).maxAttempts()) {
                    Retrier retrier = retriers.get(r);
                    time.sleepUntil(time.now().plusMillis(delayMillis(retrier, attempts[r])));
                    attempts[r]++;
                    scope.retryCount++;
                    scope.changed();
                    continue;
                }
                int c = firstMatch(catchers.stream().map(Catcher::errorEquals).toList(), e);
                if (c < 0) {
                    throw e;
                }
                Catcher catcher = catchers.get(c);
                ObjectNode errorOutput = NODES.objectNode();
                errorOutput.put("Error", e.error());
                errorOutput.put("Cause", e.cause());
                StateFields.RuleFields caught = StateFields.at(fields.catchers(), c);
                if (fields.isJsonata()) {
                    Bindings b = scope.bindings(raw, time.now()).withErrorOutput(errorOutput);
                    JsonNode assigned = assignJsonata(caught.assign(), b, scope.stateName);
                    JsonNode output = jsonataOutput("Output", caught.output(), b, errorOutput);
                    checkSize(scope.stateName, output, "an output");
                    return new Step(output, catcher.next(), assigned);
                }
                JsonNode assigned = assignPaths(caught.assign(), errorOutput, scope);
                JsonNode output = resultPath(catcher.resultPath(), raw, errorOutput, scope);
                checkSize(scope.stateName, output, "an output");
                return new Step(output, catcher.next(), assigned);
            }
        }
    }

    /** IntervalSeconds x BackoffRate^attempt, capped by MaxDelaySeconds, then FULL jitter if asked. */
    private long delayMillis(Retrier r, int attempt) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), attempt);
        if (r.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, r.maxDelaySeconds());
        }
        if (r.jitter() == Retrier.JitterStrategy.FULL) {
            seconds = seconds * engine.random().nextDouble();
        }
        return Math.round(seconds * 1000);
    }

    /**
     * The index of the first entry matching the error, or -1. States.ALL matches every error but
     * States.DataLimitExceeded and States.Runtime; States.TaskFailed every error but States.Timeout; States.Runtime
     * is never retried or caught ("A States.Runtime error isn't retriable, and will always cause the execution to
     * fail").
     */
    static int firstMatch(List<List<String>> entries, AslError e) {
        String error = e.error();
        if (StatesErrors.RUNTIME.equals(error)) {
            return -1;
        }
        for (int i = 0; i < entries.size(); i++) {
            List<String> names = entries.get(i);
            if (error != null && names.contains(error)) {
                return i;
            }
            if (StatesErrors.DATA_LIMIT_EXCEEDED.equals(error)) {
                continue;
            }
            if (names.contains(StatesErrors.ALL) || (names.contains(StatesErrors.TASK_FAILED) && !StatesErrors.TIMEOUT.equals(error))) {
                return i;
            }
        }
        return -1;
    }

    /** A JSONata field's value, or {@code otherwise} when the state does not have the field. */
    private JsonNode jsonataOutput(String field, JsonataTemplate template, Bindings b, JsonNode otherwise) {
        return template == null ? otherwise : jsonata.evaluate(template, b, field);
    }

    /** JSONata's name for a value's type. */
    private static String jsonType(JsonNode node) {
        return node.isObject() ? "object" : node.isArray() ? "array" : node.isTextual() ? "string"
                : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "null";
    }

    /** A JSONPath Assign's values, or null without Assign; {@code data} is what {@code $} reads. */
    private JsonNode assignPaths(Assign assign, JsonNode data, Scope scope) {
        if (assign == null) {
            return null;
        }
        JsonNode values = template(((Assign.Paths) assign).template(), data, scope, "Assign");
        Variables.checkSizes(scope.stateName, values);
        return values;
    }

    private JsonNode assignJsonata(Assign assign, Bindings b, String stateName) {
        if (assign == null) {
            return null;
        }
        JsonNode values = jsonata.evaluate(((Assign.Jsonata) assign).template(), b, "Assign");
        Variables.checkSizes(stateName, values);
        return values;
    }

    /** Both Assigns' values; {@code second}'s win on a shared name. */
    private static JsonNode merge(JsonNode first, JsonNode second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        ObjectNode merged = ((ObjectNode) first).deepCopy();
        merged.setAll((ObjectNode) second);
        return merged;
    }

    /** What a path reads: the context object ({@code $$}), a variable ({@code $name}) or {@code data}. */
    private JsonNode rootOf(JsonPath path, JsonNode data, Scope scope) {
        if (path.isContext()) {
            return scope.context();
        }
        if (path.variable() != null) {
            JsonNode value = scope.variables.get(path.variable());
            if (value == null) {
                throw scope.runtime("The path '" + path + "' references the variable '$" + path.variable()
                        + "', which has not been assigned.");
            }
            return value;
        }
        return data;
    }

    private JsonNode inputPath(JsonPath path, JsonNode raw, Scope scope) {
        if (path == null) {
            return NODES.objectNode();
        }
        if (path.isRoot() && !path.isContext() && path.variable() == null) {
            return raw;
        }
        return find(path, raw, scope, "InputPath");
    }

    /** ResultPath, then OutputPath, then the size limit. */
    private JsonNode finish(String stateName, JsonNode combined, JsonPath outputPath, Scope scope) {
        JsonNode output;
        if (outputPath == null) {
            output = NODES.objectNode();
        } else if (outputPath.isRoot() && !outputPath.isContext() && outputPath.variable() == null) {
            output = combined;
        } else {
            output = find(outputPath, combined, scope, "OutputPath");
        }
        checkSize(stateName, output, "an output");
        return output;
    }

    private JsonNode resultPath(JsonPath path, JsonNode raw, JsonNode result, Scope scope) {
        if (path == null) {
            return raw;
        }
        try {
            return path.set(raw, result);
        } catch (IllegalStateException e) {
            throw scope.runtime("Unable to apply ResultPath '" + path + "' to the input " + abbreviate(raw) + ": " + e.getMessage());
        }
    }

    /** A path field (InputPath, OutputPath, ItemsPath, SecondsPath, ...): a miss reads as Jayway reports it to AWS. */
    private JsonNode find(JsonPath path, JsonNode data, Scope scope, String field) {
        JsonNode node = path.find(rootOf(path, data, scope));
        if (node == null) {
            throw scope.runtime("Invalid path '" + path + "' : No results for path: " + path.normalized());
        }
        return node;
    }

    /** A {@code .$} value of a payload template, or a path argument of an intrinsic in one. */
    private JsonNode findForTemplate(JsonPath path, JsonNode data, Scope scope, String field) {
        JsonNode node = path.find(rootOf(path, data, scope));
        if (node == null) {
            throw scope.runtime("The JSONPath '" + path + "' specified for the field '" + field + "' could not be found in the "
                    + (path.isContext() ? "context object " + abbreviate(scope.context())
                    : path.variable() != null ? "variable '$" + path.variable() + "' " + abbreviate(rootOf(path, data, scope))
                    : "input " + abbreviate(data)));
        }
        return node;
    }

    private Integer seconds(Integer fixed, JsonPath path, JsonNode effective, Scope scope, String field) {
        if (path == null) {
            return fixed;
        }
        JsonNode v = find(path, effective, scope, field);
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 99_999_999L) {
            throw scope.runtime("The value of " + field + " must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    private JsonNode template(PayloadTemplate t, JsonNode data, Scope scope, String field) {
        return t.accept(new PayloadTemplate.Visitor<JsonNode>() {
            @Override
            public JsonNode visitLiteral(PayloadTemplate.Literal value) {
                return value.value();
            }

            @Override
            public JsonNode visitObject(PayloadTemplate.ObjectTemplate value) {
                ObjectNode out = NODES.objectNode();
                for (PayloadTemplate.Field f : value.fields()) {
                    out.set(f.name(), template(f.value(), data, scope, f.rawName()));
                }
                return out;
            }

            @Override
            public JsonNode visitArray(PayloadTemplate.ArrayTemplate value) {
                ArrayNode out = NODES.arrayNode(value.items().size());
                for (PayloadTemplate item : value.items()) {
                    out.add(item.accept(this));
                }
                return out;
            }

            @Override
            public JsonNode visitPath(PayloadTemplate.PathValue value) {
                JsonPath path = value.path();
                if (path.isIndexPastEnd(rootOf(path, data, scope))) {
                    // Step Functions' one leniency in payload templates: an index past the end of an array is null.
                    return NODES.nullNode();
                }
                return findForTemplate(path, data, scope, field);
            }

            @Override
            public JsonNode visitIntrinsic(PayloadTemplate.IntrinsicValue value) {
                return intrinsics.evaluate(value.call(), path -> findForTemplate(path, data, scope, field));
            }
        });
    }

    private void checkSize(String stateName, JsonNode payload, String what) {
        if (upperBound(payload, MAX_PAYLOAD_BYTES) <= MAX_PAYLOAD_BYTES) {
            return;
        }
        long size = size(payload);
        if (size > MAX_PAYLOAD_BYTES) {
            throw new AslError(StatesErrors.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName + "' returned "
                    + what + " of " + size + " bytes, exceeding the maximum of " + MAX_PAYLOAD_BYTES
                    + " bytes (256 KiB as a UTF-8 string).");
        }
    }

    /**
     * A cheap upper bound of the payload's size as compact UTF-8 JSON (a character takes at most 6 bytes, as a
     * {@code \\uXXXX} escape), walking the tree only until {@code budget} is passed; most payloads are far below the
     * limit and need no exact count.
     */
    static long upperBound(JsonNode node, long budget) {
        if (node.isTextual()) {
            return 2 + 6L * node.textValue().length();
        }
        if (node.isContainerNode()) {
            long total = 2 + Math.max(0, node.size() - 1);
            if (node.isObject()) {
                for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && total <= budget; ) {
                    java.util.Map.Entry<String, JsonNode> e = it.next();
                    total += 3 + 6L * e.getKey().length() + upperBound(e.getValue(), budget - total);
                }
            } else {
                for (int i = 0; i < node.size() && total <= budget; i++) {
                    total += upperBound(node.get(i), budget - total);
                }
            }
            return total;
        }
        if (node.isBigDecimal() || node.isBigInteger()) {
            return node.toString().length();
        }
        return 25;
    }

    /** The payload's size as compact UTF-8 JSON, counted without building the string. */
    static long size(JsonNode payload) {
        if (payload.isValueNode() && !payload.isTextual()) {
            return payload.toString().length();
        }
        Counter counter = new Counter();
        try {
            JSON.writeValue(counter, payload);
        } catch (IOException e) {
            throw new IllegalStateException("counting bytes cannot fail", e);
        }
        return counter.count;
    }

    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return "'" + (text.length() > 1000 ? text.substring(0, 1000) + "..." : text) + "'";
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static ObjectNode resourceDetails(Resource resource) {
        ObjectNode details = NODES.objectNode();
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.name());
        return details;
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = NODES.objectNode();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }

    private long event(Trail trail, String type, String detailsName, ObjectNode details) {
        synchronized (history) {
            long id = history.size() + 1;
            HistoryEvent event = new HistoryEvent(id, trail.lastEventId, trail.time.now(), type, detailsName, details);
            history.add(event);
            journal.event(event);
            trail.lastEventId = id;
            return id;
        }
    }

    private ExecutionTimeout executionTimeout() {
        return new ExecutionTimeout("The execution ran longer than the state machine's TimeoutSeconds ("
                + machine.timeoutSeconds() + ").");
    }

    /** The execution ran past the machine's TimeoutSeconds: ends the execution as TIMED_OUT, never caught. */
    private static final class ExecutionTimeout extends AslError {
        ExecutionTimeout(String cause) {
            super(StatesErrors.TIMEOUT, cause);
        }
    }
}
