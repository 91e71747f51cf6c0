package dev.mlops.workflows.asl.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.Timestamps;
import dev.mlops.workflows.asl.jsonata.JsonataTemplate;
import dev.mlops.workflows.asl.model.Assign;
import dev.mlops.workflows.asl.model.Catcher;
import dev.mlops.workflows.asl.model.ChoiceRule;
import dev.mlops.workflows.asl.model.DistributedMap;
import dev.mlops.workflows.asl.model.PayloadTemplate;
import dev.mlops.workflows.asl.model.QueryLanguage;
import dev.mlops.workflows.asl.model.Retrier;
import dev.mlops.workflows.asl.model.State;
import dev.mlops.workflows.asl.model.StateFields;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.model.Transition;
import dev.mlops.workflows.asl.path.JsonPath;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates an Amazon States Language definition (JSONPath and JSONata query languages, variables).
 * Every problem found is collected; {@link #parse(String)} throws one {@link DefinitionException} listing them all.
 */
public final class AslParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TOP_FIELDS = Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("Comment", "StartAt", "States", "ProcessorConfig");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", Set.of("InputPath", "OutputPath", "Next", "End", "Parameters", "ResultPath", "Result"),
            "Task", Set.of("Resource", "InputPath", "OutputPath", "Next", "End", "Parameters", "ResultSelector",
                    "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                    "HeartbeatSecondsPath"),
            "Choice", Set.of("Choices", "Default", "InputPath", "OutputPath"),
            "Wait", Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath", "InputPath", "OutputPath", "Next", "End"),
            "Succeed", Set.of("InputPath", "OutputPath"),
            "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            "Parallel", Set.of("Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
                    "Retry", "Catch", "Next", "End"),
            "Map", Set.of("ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency",
                    "ResultSelector", "ResultPath", "InputPath", "OutputPath", "Retry", "Catch", "Next", "End"));
    /** Fields that only a DISTRIBUTED Map state may have. */
    private static final Set<String> DISTRIBUTED_MAP_FIELDS = Set.of("ItemReader", "ResultWriter", "ItemBatcher",
            "ToleratedFailurePercentage", "ToleratedFailureCount", "ToleratedFailurePercentagePath",
            "ToleratedFailureCountPath", "Label");
    /** Fields this engine does not run yet. */
    private static final Set<String> UNSUPPORTED = Set.of("MaxConcurrencyPath", "Credentials");
    /** The state types that take Assign (Succeed and Fail end their machine, so assign nothing). */
    private static final Set<String> ASSIGNABLE = Set.of("Pass", "Task", "Choice", "Wait", "Parallel", "Map");
    /** The fields of JSONata states. */
    private static final Map<String, Set<String>> JSONATA_FIELDS = Map.of(
            "Pass", Set.of("Output", "Assign", "Next", "End"),
            "Task", Set.of("Resource", "Arguments", "Output", "Assign", "Retry", "Catch", "TimeoutSeconds",
                    "HeartbeatSeconds", "Next", "End"),
            "Choice", Set.of("Choices", "Default", "Output", "Assign"),
            "Wait", Set.of("Seconds", "Timestamp", "Output", "Assign", "Next", "End"),
            "Succeed", Set.of("Output"),
            "Fail", Set.of("Error", "Cause"),
            "Parallel", Set.of("Branches", "Arguments", "Output", "Assign", "Retry", "Catch", "Next", "End"),
            "Map", Set.of("ItemProcessor", "Iterator", "Items", "ItemSelector", "MaxConcurrency", "Output", "Assign",
                    "Retry", "Catch", "Next", "End"));
    /** JSONPath's fields that JSONata states do not have. */
    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "Parameters", "ResultSelector", "ResultPath",
            "OutputPath", "Result", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath",
            "ItemsPath", "ErrorPath", "CausePath", "MaxConcurrencyPath", "Variable");
    /** JSONata's fields that JSONPath states do not have. */
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items", "Condition");
    /** JSONata fields that hold one value, possibly an expression, rather than a template. */
    private static final List<String> JSONATA_SCALARS = List.of("TimeoutSeconds", "HeartbeatSeconds", "Seconds",
            "Timestamp", "Error", "Cause", "MaxConcurrency", "Items");
    /** A variable name: a letter or underscore, then letters, digits and underscores. */
    private static final Pattern VARIABLE_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    /** Names Step Functions keeps for itself: $states is bound in every JSONata expression. */
    private static final Set<String> RESERVED_VARIABLES = Set.of("states");

    /** The state types, named as in ASL's Type field. */
    private enum StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map }

    private final List<DefinitionException.Problem> problems = new ArrayList<>();
    /** The top-level QueryLanguage, which every state without its own inherits, in branches too. */
    private QueryLanguage machineLanguage = QueryLanguage.JSONPath;
    /** The language of the state being parsed (its catchers and Choice rules follow it). */
    private QueryLanguage stateLanguage = QueryLanguage.JSONPath;

    private AslParser() {
    }

    /**
     * Parses a definition.
     *
     * @throws DefinitionException listing every problem, when the text is not JSON or not a valid definition
     */
    public static StateMachine parse(String definition) {
        JsonNode root;
        try {
            root = JSON.readTree(definition);
        } catch (JsonProcessingException e) {
            throw new DefinitionException(List.of(new DefinitionException.Problem(null, "(definition)", "",
                    "not JSON: " + e.getOriginalMessage())));
        }
        return parse(root);
    }

    /**
     * Parses a definition already read as JSON.
     *
     * @throws DefinitionException listing every problem
     */
    public static StateMachine parse(JsonNode definition) {
        AslParser parser = new AslParser();
        JsonNode language = definition == null ? null : definition.get("QueryLanguage");
        if (language != null && "JSONata".equals(language.asText())) {
            parser.machineLanguage = QueryLanguage.JSONata;
        }
        StateMachine machine = parser.machine(definition, "", TOP_FIELDS);
        if (!parser.problems.isEmpty()) {
            throw new DefinitionException(parser.problems);
        }
        return machine;
    }

    private void problem(String state, String field, String location, String message) {
        problems.add(new DefinitionException.Problem(state, field, location, message));
    }

    private StateMachine machine(JsonNode node, String location, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problem(null, "States", location, "expected an object with StartAt and States");
            return new StateMachine(null, "", Map.of(), null, location);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                problem(null, field, location + "/" + field, "is not a field of a state machine (expected one of " + sorted(allowed) + ")");
            }
        }
        JsonNode queryLanguage = node.get("QueryLanguage");
        if (queryLanguage != null && !"JSONPath".equals(queryLanguage.asText()) && !"JSONata".equals(queryLanguage.asText())) {
            problem(null, "QueryLanguage", location + "/QueryLanguage", "expected JSONPath or JSONata, got " + queryLanguage);
        }
        String startAt = node.path("StartAt").isTextual() ? node.get("StartAt").asText() : null;
        if (startAt == null) {
            problem(null, "StartAt", location + "/StartAt", node.has("StartAt") ? "expected a string" : "is required");
        }
        JsonNode statesNode = node.get("States");
        Map<String, State> states = new LinkedHashMap<>();
        Map<String, StateFields> fields = new LinkedHashMap<>();
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            problem(null, "States", location + "/States", "expected an object with at least one state");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String stateLocation = location + "/States/" + pointerEscape(e.getKey());
                if (e.getKey().isEmpty() || e.getKey().length() > 80) {
                    problem(e.getKey(), "States", stateLocation, "a state name must have 1 to 80 characters");
                }
                State state = state(e.getKey(), e.getValue(), stateLocation);
                if (state != null) {
                    states.put(e.getKey(), state);
                    fields.put(e.getKey(), stateFields(e.getKey(), e.getValue(), stateLocation, state.type()));
                }
            }
            if (startAt != null && !statesNode.has(startAt)) {
                problem(null, "StartAt", location + "/StartAt", "'" + startAt + "' is not a state in this machine");
            }
        }
        Integer timeout = null;
        if (node.has("TimeoutSeconds")) {
            timeout = positiveInt(null, node, "TimeoutSeconds", location);
        }
        StateMachine machine = new StateMachine(text(node, "Comment"), startAt == null ? "" : startAt, states, timeout,
                location, fields);
        if (statesNode != null && statesNode.isObject()) {
            checkTransitions(machine, statesNode);
        }
        return machine;
    }

    /** Every Next names a state of the same machine, and every state can be reached from StartAt. */
    private void checkTransitions(StateMachine machine, JsonNode statesNode) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (State state : machine.states().values()) {
            List<String> targets = targets(state);
            edges.put(state.name(), targets);
        }
        for (Map.Entry<String, List<String>> e : edges.entrySet()) {
            for (String target : e.getValue()) {
                if (!statesNode.has(target)) {
                    problem(e.getKey(), "Next", machine.states().get(e.getKey()).location(),
                            "'" + target + "' is not a state in this machine");
                }
            }
        }
        if (!statesNode.has(machine.startAt())) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(machine.startAt()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (reached.add(name)) {
                todo.addAll(edges.getOrDefault(name, List.of()));
            }
        }
        for (Iterator<String> names = statesNode.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!reached.contains(name)) {
                problem(name, "Next", machine.location() + "/States/" + pointerEscape(name),
                        "the state is not reachable from StartAt '" + machine.startAt() + "'");
            }
        }
    }

    private static List<String> targets(State state) {
        List<String> targets = new ArrayList<>();
        state.accept(new State.Visitor<Void>() {
            @Override
            public Void visitPass(State.Pass s) {
                add(s.transition());
                return null;
            }

            @Override
            public Void visitTask(State.Task s) {
                add(s.transition());
                s.catchers().forEach(c -> targets.add(c.next()));
                return null;
            }

            @Override
            public Void visitChoice(State.Choice s) {
                s.choices().forEach(b -> targets.add(b.next()));
                if (s.defaultNext() != null) {
                    targets.add(s.defaultNext());
                }
                return null;
            }

            @Override
            public Void visitWait(State.Wait s) {
                add(s.transition());
                return null;
            }

            @Override
            public Void visitSucceed(State.Succeed s) {
                return null;
            }

            @Override
            public Void visitFail(State.Fail s) {
                return null;
            }

            @Override
            public Void visitParallel(State.Parallel s) {
                add(s.transition());
                s.catchers().forEach(c -> targets.add(c.next()));
                return null;
            }

            @Override
            public Void visitMap(State.Map s) {
                add(s.transition());
                s.catchers().forEach(c -> targets.add(c.next()));
                return null;
            }

            private void add(Transition t) {
                if (t != null && !t.isEnd()) {
                    targets.add(t.next());
                }
            }
        });
        targets.removeIf(t -> t == null);
        return targets;
    }

    private State state(String name, JsonNode node, String location) {
        if (!node.isObject()) {
            problem(name, "Type", location, "a state must be an object");
            return null;
        }
        JsonNode typeNode = node.get("Type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null || !FIELDS.containsKey(type)) {
            problem(name, "Type", location + "/Type", (type == null ? "is required" : "'" + type + "' is not a state type")
                    + " (expected one of " + sorted(FIELDS.keySet()) + ")");
            return null;
        }
        QueryLanguage language = language(name, node, location);
        Set<String> allowed = (language == QueryLanguage.JSONata ? JSONATA_FIELDS : FIELDS).get(type);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (COMMON.contains(field) || allowed.contains(field) || (field.equals("Assign") && ASSIGNABLE.contains(type))) {
                continue;
            }
            if (type.equals("Map") && DISTRIBUTED_MAP_FIELDS.contains(field)) {
                if (language == QueryLanguage.JSONata) {
                    problem(name, field, location + "/" + field, "is not supported by this engine yet in a JSONata state"
                            + " (the DISTRIBUTED Map runs in JSONPath states)");
                }
                continue;
            }
            problem(name, field, location + "/" + field, notAllowed(field, language, type, allowed));
        }
        if (language == QueryLanguage.JSONata && type.equals("Map")
                && "DISTRIBUTED".equals(node.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText())) {
            problem(name, "ProcessorConfig", location + "/ItemProcessor/ProcessorConfig/Mode", "a DISTRIBUTED Map is not"
                    + " supported by this engine yet in a JSONata state (it runs in JSONPath states)");
        }
        QueryLanguage outer = stateLanguage;
        stateLanguage = language;
        try {
            return stateOfType(name, language == QueryLanguage.JSONata ? jsonPathView(node) : node, location, type);
        } finally {
            stateLanguage = outer;
        }
    }

    private String notAllowed(String field, QueryLanguage language, String type, Set<String> allowed) {
        if (language == QueryLanguage.JSONata && JSONPATH_ONLY.contains(field)) {
            return "Field is not supported when QueryLanguage is JSONata";
        }
        if (language == QueryLanguage.JSONPath && JSONATA_ONLY.contains(field)) {
            return "Field is not supported when QueryLanguage is JSONPath";
        }
        return UNSUPPORTED.contains(field)
                ? "is not supported by this engine yet (credentials come later)"
                : "is not a field of a " + type + " state (expected one of " + sorted(allowed) + ")";
    }

    /**
     * The state's QueryLanguage, the machine's when it sets none. A JSONata machine's states cannot go back to
     * JSONPath: Step Functions only lets single states of a JSONPath machine opt into JSONata.
     */
    private QueryLanguage language(String name, JsonNode node, String location) {
        JsonNode value = node.get("QueryLanguage");
        if (value == null) {
            return machineLanguage;
        }
        if ("JSONata".equals(value.asText())) {
            return QueryLanguage.JSONata;
        }
        if (!"JSONPath".equals(value.asText())) {
            problem(name, "QueryLanguage", location + "/QueryLanguage", "expected JSONPath or JSONata, got " + value);
            return machineLanguage;
        }
        if (machineLanguage == QueryLanguage.JSONata) {
            problem(name, "QueryLanguage", location + "/QueryLanguage",
                    "a state cannot use JSONPath when the state machine's QueryLanguage is JSONata");
        }
        return QueryLanguage.JSONPath;
    }

    /**
     * A JSONata state as the JSONPath builders can read it: its expression-valued scalars replaced by neutral
     * values (the interpreter evaluates them from {@link StateFields#jsonata()}), ItemSelector and Items removed.
     */
    private static JsonNode jsonPathView(JsonNode node) {
        com.fasterxml.jackson.databind.node.ObjectNode view = ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
        view.remove(List.of("ItemSelector", "Items", "Output", "Arguments", "Assign"));
        for (String field : List.of("TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency")) {
            if (view.path(field).isTextual()) {
                view.remove(field);
            }
        }
        if (view.path("Seconds").isTextual()) {
            view.put("Seconds", 0);
        }
        if (view.path("Timestamp").isTextual() && JsonataTemplate.isExpression(view.get("Timestamp").textValue())) {
            view.put("Timestamp", "1970-01-01T00:00:00Z");
        }
        return view;
    }

    private State stateOfType(String name, JsonNode node, String location, String type) {
        return switch (StateType.valueOf(type)) {
            case Pass -> new State.Pass(name, location, path(name, node, "InputPath", location, false),
                    template(name, node, "Parameters", location), node.get("Result"),
                    path(name, node, "ResultPath", location, true), path(name, node, "OutputPath", location, false),
                    transition(name, node, location));
            case Task -> task(name, node, location);
            case Choice -> choice(name, node, location);
            case Wait -> new State.Wait(name, location, path(name, node, "InputPath", location, false),
                    waitDuration(name, node, location), path(name, node, "OutputPath", location, false),
                    transition(name, node, location));
            case Succeed -> new State.Succeed(name, location, path(name, node, "InputPath", location, false),
                    path(name, node, "OutputPath", location, false));
            case Fail -> fail(name, node, location);
            case Parallel -> parallel(name, node, location);
            case Map -> map(name, node, location);
        };
    }

    private State.Task task(String name, JsonNode node, String location) {
        String resource = text(node, "Resource");
        if (resource == null) {
            problem(name, "Resource", location + "/Resource", node.has("Resource") ? "expected a string (an ARN)" : "is required");
        }
        Integer timeout = node.has("TimeoutSeconds") ? positiveInt(name, node, "TimeoutSeconds", location) : null;
        Integer heartbeat = node.has("HeartbeatSeconds") ? positiveInt(name, node, "HeartbeatSeconds", location) : null;
        JsonPath timeoutPath = node.has("TimeoutSecondsPath") ? referencePath(name, node, "TimeoutSecondsPath", location) : null;
        JsonPath heartbeatPath = node.has("HeartbeatSecondsPath") ? referencePath(name, node, "HeartbeatSecondsPath", location) : null;
        if (node.has("TimeoutSeconds") && node.has("TimeoutSecondsPath")) {
            problem(name, "TimeoutSecondsPath", location + "/TimeoutSecondsPath", "TimeoutSeconds and TimeoutSecondsPath are mutually exclusive");
        }
        if (node.has("HeartbeatSeconds") && node.has("HeartbeatSecondsPath")) {
            problem(name, "HeartbeatSecondsPath", location + "/HeartbeatSecondsPath", "HeartbeatSeconds and HeartbeatSecondsPath are mutually exclusive");
        }
        if (timeout != null && heartbeat != null && heartbeat >= timeout) {
            problem(name, "HeartbeatSeconds", location + "/HeartbeatSeconds", "must be smaller than TimeoutSeconds (" + timeout + ")");
        }
        return new State.Task(name, location, resource, path(name, node, "InputPath", location, false),
                template(name, node, "Parameters", location), template(name, node, "ResultSelector", location),
                path(name, node, "ResultPath", location, true), path(name, node, "OutputPath", location, false),
                timeout, timeoutPath, heartbeat, heartbeatPath, retriers(name, node, location), catchers(name, node, location),
                transition(name, node, location));
    }

    private State.Fail fail(String name, JsonNode node, String location) {
        for (String field : List.of("Error", "Cause")) {
            if (node.has(field) && !node.get(field).isTextual()) {
                problem(name, field, location + "/" + field, "expected a string");
            }
            if (node.has(field) && node.has(field + "Path")) {
                problem(name, field + "Path", location + "/" + field + "Path", field + " and " + field + "Path are mutually exclusive");
            }
        }
        return new State.Fail(name, location, text(node, "Error"), text(node, "Cause"),
                pathOrIntrinsic(name, node, "ErrorPath", location), pathOrIntrinsic(name, node, "CausePath", location));
    }

    private PayloadTemplate pathOrIntrinsic(String name, JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(name, field, location + "/" + field, "expected a reference path or an intrinsic function");
            return null;
        }
        PayloadTemplate parsed = dynamic(name, field, value.asText(), location + "/" + field);
        if (parsed instanceof PayloadTemplate.PathValue p && !p.path().isReference()) {
            problem(name, field, location + "/" + field, "'" + p.path() + "' must be a reference path");
        }
        return parsed;
    }

    private State.Choice choice(String name, JsonNode node, String location) {
        JsonNode choicesNode = node.get("Choices");
        List<State.Choice.Branch> branches = new ArrayList<>();
        if (choicesNode == null || !choicesNode.isArray() || choicesNode.isEmpty()) {
            problem(name, "Choices", location + "/Choices", "expected a non-empty array of Choice rules");
        } else {
            for (int i = 0; i < choicesNode.size(); i++) {
                String ruleLocation = location + "/Choices/" + i;
                JsonNode ruleNode = choicesNode.get(i);
                ChoiceRule rule = rule(name, ruleNode, ruleLocation, true);
                String next = ruleNode.path("Next").isTextual() ? ruleNode.get("Next").asText() : null;
                if (next == null) {
                    problem(name, "Next", ruleLocation + "/Next", "a top-level Choice rule needs a Next state name");
                }
                if (rule != null && next != null) {
                    branches.add(new State.Choice.Branch(rule, next));
                }
            }
        }
        if (node.has("Default") && !node.get("Default").isTextual()) {
            problem(name, "Default", location + "/Default", "expected a state name");
        }
        for (String forbidden : List.of("Next", "End")) {
            if (node.has(forbidden)) {
                problem(name, forbidden, location + "/" + forbidden, "a Choice state has no " + forbidden + "; its rules and Default say where to go");
            }
        }
        return new State.Choice(name, location, path(name, node, "InputPath", location, false), branches,
                text(node, "Default"), path(name, node, "OutputPath", location, false));
    }

    private ChoiceRule rule(String state, JsonNode node, String location, boolean isTopLevel) {
        if (node == null || !node.isObject()) {
            problem(state, "Choices", location, "a Choice rule must be an object");
            return null;
        }
        if (!isTopLevel && node.has("Next")) {
            problem(state, "Next", location + "/Next", "only top-level Choice rules may have Next");
        }
        if (!isTopLevel && node.has("Assign")) {
            problem(state, "Assign", location + "/Assign", "only top-level Choice rules may have Assign");
        }
        if (stateLanguage == QueryLanguage.JSONata) {
            return condition(state, node, location);
        }
        for (String field : List.of("Condition", "Output")) {
            if (node.has(field)) {
                problem(state, field, location + "/" + field, "Field is not supported when QueryLanguage is JSONPath");
                return null;
            }
        }
        if (node.has("And") || node.has("Or")) {
            String op = node.has("And") ? "And" : "Or";
            JsonNode list = node.get(op);
            List<ChoiceRule> rules = new ArrayList<>();
            if (!list.isArray() || list.isEmpty()) {
                problem(state, op, location + "/" + op, "expected a non-empty array of Choice rules");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    ChoiceRule r = rule(state, list.get(i), location + "/" + op + "/" + i, false);
                    if (r != null) {
                        rules.add(r);
                    }
                }
            }
            checkOnly(state, node, location, Set.of(op, "Next", "Comment", "Assign"));
            return op.equals("And") ? new ChoiceRule.And(rules, location) : new ChoiceRule.Or(rules, location);
        }
        if (node.has("Not")) {
            checkOnly(state, node, location, Set.of("Not", "Next", "Comment", "Assign"));
            ChoiceRule inner = rule(state, node.get("Not"), location + "/Not", false);
            return inner == null ? null : new ChoiceRule.Not(inner, location);
        }
        JsonPath variable = null;
        if (!node.path("Variable").isTextual()) {
            problem(state, "Variable", location + "/Variable", "a comparison needs a Variable (a reference path)");
        } else {
            variable = referencePath(state, node, "Variable", location);
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!Set.of("Variable", "Next", "Comment", "Assign").contains(field)) {
                operators.add(field);
            }
        }
        if (operators.size() != 1) {
            problem(state, operators.isEmpty() ? "Variable" : operators.get(1 % operators.size()), location,
                    "a comparison needs exactly one operator, found " + operators);
            return null;
        }
        String opName = operators.get(0);
        boolean isPath = opName.endsWith("Path");
        ChoiceRule.Operator operator = operator(isPath ? opName.substring(0, opName.length() - 4) : opName);
        if (operator == null || (isPath && !operator.hasPathVariant())) {
            problem(state, opName, location + "/" + opName, "is not a Choice comparison operator");
            return null;
        }
        JsonNode value = node.get(opName);
        String valueLocation = location + "/" + opName;
        if (isPath) {
            JsonPath valuePath = referencePath(state, node, opName, location);
            return variable == null || valuePath == null ? null
                    : new ChoiceRule.Comparison(variable, operator, null, valuePath, location);
        }
        boolean isValid = switch (operator.kind()) {
            case STRING -> value.isTextual();
            case NUMERIC -> value.isNumber();
            case BOOLEAN, TYPE_TEST -> value.isBoolean();
            case TIMESTAMP -> value.isTextual() && Timestamps.parse(value.asText()) != null;
        };
        if (!isValid) {
            String expected = switch (operator.kind()) {
                case STRING -> "a string";
                case NUMERIC -> "a number";
                case BOOLEAN, TYPE_TEST -> "a boolean";
                case TIMESTAMP -> "an RFC 3339 timestamp string (uppercase T and Z)";
            };
            problem(state, opName, valueLocation, "expected " + expected + ", got " + value);
            return null;
        }
        return variable == null ? null : new ChoiceRule.Comparison(variable, operator, value, null, location);
    }

    /** A JSONata Choice rule: Condition and Next, with optional Assign, Output and Comment. */
    private ChoiceRule condition(String state, JsonNode node, String location) {
        checkLanguageFields(state, node, location, Set.of("Condition", "Next", "Assign", "Output", "Comment"), "a JSONata Choice rule");
        JsonNode condition = node.get("Condition");
        if (condition == null || !(condition.isBoolean() || (condition.isTextual() && JsonataTemplate.isExpression(condition.textValue())))) {
            problem(state, "Condition", location + "/Condition", condition == null ? "is required in a JSONata Choice rule"
                    : "expected a JSONata expression \"{% ... %}\" or a boolean, got " + condition);
            return null;
        }
        JsonataTemplate template = jsonata(state, condition, location + "/Condition");
        return template == null ? null : new ChoiceRule.Condition(template, location);
    }

    private static ChoiceRule.Operator operator(String name) {
        for (ChoiceRule.Operator op : ChoiceRule.Operator.values()) {
            if (op.name().equals(name)) {
                return op;
            }
        }
        return null;
    }

    private void checkOnly(String state, JsonNode node, String location, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                problem(state, field, location + "/" + field, "is not allowed in this Choice rule (expected only " + sorted(allowed) + ")");
            }
        }
    }

    private State.Wait.Duration waitDuration(String name, JsonNode node, String location) {
        List<String> present = new ArrayList<>();
        for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (node.has(f)) {
                present.add(f);
            }
        }
        if (present.size() != 1) {
            problem(name, present.isEmpty() ? "Seconds" : present.get(1), location,
                    "a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; found " + present);
            return null;
        }
        String field = present.get(0);
        JsonNode value = node.get(field);
        switch (field) {
            case "Seconds":
                if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                    problem(name, field, location + "/" + field, "expected a non-negative integer, got " + value);
                    return null;
                }
                return new State.Wait.Seconds(value.asLong());
            case "Timestamp":
                Instant at = value.isTextual() ? Timestamps.parse(value.asText()) : null;
                if (at == null) {
                    problem(name, field, location + "/" + field, "expected an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, got " + value);
                    return null;
                }
                return new State.Wait.Until(at);
            case "SecondsPath": {
                JsonPath p = referencePath(name, node, field, location);
                return p == null ? null : new State.Wait.SecondsPath(p);
            }
            default: {
                JsonPath p = referencePath(name, node, field, location);
                return p == null ? null : new State.Wait.UntilPath(p);
            }
        }
    }

    private State.Parallel parallel(String name, JsonNode node, String location) {
        JsonNode branchesNode = node.get("Branches");
        List<StateMachine> branches = new ArrayList<>();
        if (branchesNode == null || !branchesNode.isArray() || branchesNode.isEmpty()) {
            problem(name, "Branches", location + "/Branches", "expected a non-empty array of state machines");
        } else {
            for (int i = 0; i < branchesNode.size(); i++) {
                branches.add(machine(branchesNode.get(i), location + "/Branches/" + i, BRANCH_FIELDS));
            }
        }
        return new State.Parallel(name, location, branches, path(name, node, "InputPath", location, false),
                template(name, node, "Parameters", location), template(name, node, "ResultSelector", location),
                path(name, node, "ResultPath", location, true), path(name, node, "OutputPath", location, false),
                retriers(name, node, location), catchers(name, node, location), transition(name, node, location));
    }

    private State.Map map(String name, JsonNode node, String location) {
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (node.has("ItemProcessor") && node.has("Iterator")) {
            problem(name, "Iterator", location + "/Iterator", "ItemProcessor and Iterator are mutually exclusive");
        }
        if (node.has("ItemSelector") && node.has("Parameters")) {
            problem(name, "Parameters", location + "/Parameters", "ItemSelector and Parameters are mutually exclusive");
        }
        JsonNode processorNode = node.get(processorField);
        if (processorNode == null) {
            problem(name, "ItemProcessor", location + "/ItemProcessor", "is required");
        }
        JsonNode config = processorNode == null ? null : processorNode.get("ProcessorConfig");
        DistributedMap distributed = null;
        String mode = config == null ? "INLINE" : config.path("Mode").asText("INLINE");
        if (mode.equals("DISTRIBUTED")) {
            distributed = distributedMap(name, node, config, location, location + "/" + processorField + "/ProcessorConfig");
        } else {
            if (!mode.equals("INLINE")) {
                problem(name, "ProcessorConfig", location + "/" + processorField + "/ProcessorConfig/Mode",
                        "expected INLINE or DISTRIBUTED, got " + config.get("Mode"));
            }
            for (String field : sorted(DISTRIBUTED_MAP_FIELDS)) {
                if (node.has(field)) {
                    problem(name, field, location + "/" + field, "is a field of a DISTRIBUTED Map only (ItemProcessor.ProcessorConfig.Mode)");
                }
            }
        }
        StateMachine processor = machine(processorNode, location + "/" + processorField,
                processorField.equals("Iterator") ? BRANCH_FIELDS : PROCESSOR_FIELDS);
        int maxConcurrency = 0;
        if (node.has("MaxConcurrency")) {
            JsonNode mc = node.get("MaxConcurrency");
            if (!mc.isIntegralNumber() || mc.asLong() < 0 || mc.asLong() > Integer.MAX_VALUE) {
                problem(name, "MaxConcurrency", location + "/MaxConcurrency", "expected a non-negative integer, got " + mc);
            } else {
                maxConcurrency = mc.asInt();
            }
        }
        JsonPath itemsPath = node.has("ItemsPath") ? referencePath(name, node, "ItemsPath", location) : JsonPath.ROOT;
        PayloadTemplate selector = node.has("ItemSelector") ? template(name, node, "ItemSelector", location)
                : template(name, node, "Parameters", location);
        return new State.Map(name, location, processor, path(name, node, "InputPath", location, false),
                itemsPath == null ? JsonPath.ROOT : itemsPath, selector, maxConcurrency,
                template(name, node, "ResultSelector", location), path(name, node, "ResultPath", location, true),
                path(name, node, "OutputPath", location, false), retriers(name, node, location),
                catchers(name, node, location), transition(name, node, location), distributed);
    }

    private DistributedMap distributedMap(String name, JsonNode node, JsonNode config, String location, String configAt) {
        checkFields(name, config, configAt, Set.of("Mode", "ExecutionType"), "ProcessorConfig");
        String type = config.path("ExecutionType").asText("");
        DistributedMap.ExecutionType executionType = DistributedMap.ExecutionType.STANDARD;
        if (type.equals("EXPRESS")) {
            executionType = DistributedMap.ExecutionType.EXPRESS;
        } else if (!type.equals("STANDARD")) {
            problem(name, "ExecutionType", configAt + "/ExecutionType", config.has("ExecutionType")
                    ? "expected STANDARD or EXPRESS, got " + config.get("ExecutionType") : "is required for a DISTRIBUTED Map");
        }
        if (node.has("ItemReader") && node.has("ItemsPath")) {
            problem(name, "ItemsPath", location + "/ItemsPath", "ItemsPath and ItemReader are mutually exclusive");
        }
        exclusive(name, node, "ToleratedFailureCount", location);
        exclusive(name, node, "ToleratedFailurePercentage", location);
        Integer count = node.has("ToleratedFailureCount") ? nonNegativeInt(name, node, "ToleratedFailureCount", location) : null;
        Double percentage = null;
        JsonNode pct = node.get("ToleratedFailurePercentage");
        if (pct != null) {
            if (!pct.isNumber() || pct.asDouble() < 0 || pct.asDouble() > 100) {
                problem(name, "ToleratedFailurePercentage", location + "/ToleratedFailurePercentage", "expected a number from 0 to 100, got " + pct);
            } else {
                percentage = pct.asDouble();
            }
        }
        JsonNode label = node.get("Label");
        if (label != null && (!label.isTextual() || label.asText().isEmpty() || label.asText().length() > 40)) {
            problem(name, "Label", location + "/Label", "expected a string of 1 to 40 characters, got " + label);
        }
        return new DistributedMap(executionType, itemReader(name, node.get("ItemReader"), location + "/ItemReader"),
                itemBatcher(name, node.get("ItemBatcher"), location + "/ItemBatcher"),
                resultWriter(name, node.get("ResultWriter"), location + "/ResultWriter"), count,
                node.has("ToleratedFailureCountPath") ? referencePath(name, node, "ToleratedFailureCountPath", location) : null,
                percentage,
                node.has("ToleratedFailurePercentagePath") ? referencePath(name, node, "ToleratedFailurePercentagePath", location) : null,
                label == null ? null : label.asText());
    }

    private DistributedMap.ItemReader itemReader(String name, JsonNode reader, String at) {
        if (reader == null) {
            return null;
        }
        checkFields(name, reader, at, Set.of("Resource", "Parameters", "ReaderConfig"), "ItemReader");
        String resource = reader.path("Resource").asText("");
        boolean isListing = resource.equals("arn:aws:states:::s3:listObjectsV2");
        if (!isListing && !resource.equals("arn:aws:states:::s3:getObject")) {
            problem(name, "Resource", at + "/Resource", "expected arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2, got " + reader.get("Resource"));
        }
        if (!reader.path("Parameters").isObject()) {
            problem(name, "Parameters", at + "/Parameters", "is required: an object with Bucket and " + (isListing ? "Prefix" : "Key"));
        }
        JsonNode config = reader.path("ReaderConfig");
        String configAt = at + "/ReaderConfig";
        if (config.isObject()) {
            checkFields(name, config, configAt, Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter",
                    "MaxItems", "MaxItemsPath"), "ReaderConfig");
        }
        DistributedMap.InputType inputType = null;
        if (!isListing) {
            inputType = enumValue(name, config, "InputType", configAt, DistributedMap.InputType.class);
        } else if (config.has("InputType")) {
            problem(name, "InputType", configAt + "/InputType", "is for s3:getObject only");
        }
        DistributedMap.CsvHeaderLocation headerLocation = null;
        List<String> headers = new ArrayList<>();
        if (inputType == DistributedMap.InputType.CSV) {
            headerLocation = enumValue(name, config, "CSVHeaderLocation", configAt, DistributedMap.CsvHeaderLocation.class);
            JsonNode given = config.get("CSVHeaders");
            if (headerLocation == DistributedMap.CsvHeaderLocation.GIVEN) {
                if (given == null || !given.isArray() || given.isEmpty()) {
                    problem(name, "CSVHeaders", configAt + "/CSVHeaders", "is required with CSVHeaderLocation GIVEN: a non-empty array of strings");
                } else {
                    given.forEach(h -> headers.add(h.asText()));
                }
            } else if (given != null) {
                problem(name, "CSVHeaders", configAt + "/CSVHeaders", "is only allowed with CSVHeaderLocation GIVEN");
            }
        } else if (config.has("CSVHeaderLocation") || config.has("CSVHeaders")) {
            problem(name, "CSVHeaderLocation", configAt, "CSVHeaderLocation and CSVHeaders are for InputType CSV only");
        }
        char delimiter = ',';
        if (config.has("CSVDelimiter")) {
            Map<String, Character> delimiters = Map.of("COMMA", ',', "PIPE", '|', "SEMICOLON", ';', "SPACE", ' ', "TAB", '\t');
            Character d = delimiters.get(config.get("CSVDelimiter").asText());
            if (d == null) {
                problem(name, "CSVDelimiter", configAt + "/CSVDelimiter", "expected one of " + sorted(delimiters.keySet()));
            } else {
                delimiter = d;
            }
        }
        exclusive(name, config, "MaxItems", configAt);
        Integer maxItems = config.has("MaxItems") ? nonNegativeInt(name, config, "MaxItems", configAt) : null;
        return new DistributedMap.ItemReader(resource, template(name, reader, "Parameters", at),
                new DistributedMap.ReaderConfig(inputType, headerLocation, headers, delimiter, maxItems,
                        config.has("MaxItemsPath") ? referencePath(name, config, "MaxItemsPath", configAt) : null));
    }

    private DistributedMap.ItemBatcher itemBatcher(String name, JsonNode batcher, String at) {
        if (batcher == null) {
            return null;
        }
        checkFields(name, batcher, at, Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput"), "ItemBatcher");
        exclusive(name, batcher, "MaxItemsPerBatch", at);
        exclusive(name, batcher, "MaxInputBytesPerBatch", at);
        if (!batcher.has("MaxItemsPerBatch") && !batcher.has("MaxItemsPerBatchPath") && !batcher.has("MaxInputBytesPerBatch")
                && !batcher.has("MaxInputBytesPerBatchPath")) {
            problem(name, "ItemBatcher", at, "needs MaxItemsPerBatch(Path) or MaxInputBytesPerBatch(Path)");
        }
        Integer maxBytes = batcher.has("MaxInputBytesPerBatch") ? positiveInt(name, batcher, "MaxInputBytesPerBatch", at) : null;
        if (maxBytes != null && maxBytes > 262_144) {
            problem(name, "MaxInputBytesPerBatch", at + "/MaxInputBytesPerBatch", "must be at most 262144 (256 KiB), got " + maxBytes);
        }
        if (batcher.has("BatchInput") && !batcher.get("BatchInput").isObject()) {
            problem(name, "BatchInput", at + "/BatchInput", "expected an object, got " + batcher.get("BatchInput"));
        }
        return new DistributedMap.ItemBatcher(
                batcher.has("MaxItemsPerBatch") ? positiveInt(name, batcher, "MaxItemsPerBatch", at) : null,
                batcher.has("MaxItemsPerBatchPath") ? referencePath(name, batcher, "MaxItemsPerBatchPath", at) : null,
                maxBytes,
                batcher.has("MaxInputBytesPerBatchPath") ? referencePath(name, batcher, "MaxInputBytesPerBatchPath", at) : null,
                template(name, batcher, "BatchInput", at));
    }

    private DistributedMap.ResultWriter resultWriter(String name, JsonNode writer, String at) {
        if (writer == null) {
            return null;
        }
        checkFields(name, writer, at, Set.of("Resource", "Parameters"), "ResultWriter");
        if (!writer.path("Resource").asText("").equals("arn:aws:states:::s3:putObject")) {
            problem(name, "Resource", at + "/Resource", "expected arn:aws:states:::s3:putObject, got " + writer.get("Resource"));
        }
        if (!writer.path("Parameters").isObject()) {
            problem(name, "Parameters", at + "/Parameters", "is required: an object with Bucket and Prefix");
        }
        return new DistributedMap.ResultWriter(template(name, writer, "Parameters", at));
    }

    /** X and XPath are mutually exclusive. */
    private void exclusive(String name, JsonNode node, String field, String location) {
        if (node.has(field) && node.has(field + "Path")) {
            problem(name, field + "Path", location + "/" + field + "Path", field + " and " + field + "Path are mutually exclusive");
        }
    }

    private Integer nonNegativeInt(String name, JsonNode node, String field, String location) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
            problem(name, field, location + "/" + field, "expected a non-negative integer, got " + v);
            return null;
        }
        return v.asInt();
    }

    private <E extends Enum<E>> E enumValue(String name, JsonNode node, String field, String location, Class<E> type) {
        JsonNode v = node.get(field);
        for (E value : type.getEnumConstants()) {
            if (v != null && value.name().equals(v.asText())) {
                return value;
            }
        }
        problem(name, field, location + "/" + field, (v == null ? "is required" : "got " + v) + " (expected one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList() + ")");
        return null;
    }

    private Transition transition(String name, JsonNode node, String location) {
        JsonNode next = node.get("Next");
        JsonNode end = node.get("End");
        if (next != null && end != null) {
            problem(name, "End", location + "/End", "Next and End are mutually exclusive");
            return null;
        }
        if (next != null) {
            if (!next.isTextual()) {
                problem(name, "Next", location + "/Next", "expected a state name");
                return null;
            }
            return Transition.to(next.asText());
        }
        if (end != null) {
            if (!end.isBoolean() || !end.asBoolean()) {
                problem(name, "End", location + "/End", "expected true");
                return null;
            }
            return Transition.end();
        }
        problem(name, "Next", location, "a non-terminal state needs Next or \"End\": true");
        return null;
    }

    private List<Retrier> retriers(String name, JsonNode node, String location) {
        JsonNode list = node.get("Retry");
        List<Retrier> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        if (!list.isArray()) {
            problem(name, "Retry", location + "/Retry", "expected an array of retriers");
            return result;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = location + "/Retry/" + i;
            JsonNode r = list.get(i);
            if (!r.isObject()) {
                problem(name, "Retry", at, "a retrier must be an object");
                continue;
            }
            checkFields(name, r, at, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                    "MaxDelaySeconds", "JitterStrategy", "Comment"), "a retrier");
            List<String> errors = errorEquals(name, r, at, i == list.size() - 1, "Retry");
            int interval = r.has("IntervalSeconds") ? positiveInt(name, r, "IntervalSeconds", at, 1) : 1;
            int attempts = 3;
            if (r.has("MaxAttempts")) {
                JsonNode m = r.get("MaxAttempts");
                if (!m.isIntegralNumber() || m.asLong() < 0 || m.asLong() > Integer.MAX_VALUE) {
                    problem(name, "MaxAttempts", at + "/MaxAttempts", "expected a non-negative integer, got " + m);
                } else {
                    attempts = m.asInt();
                }
            }
            double backoff = 2.0;
            if (r.has("BackoffRate")) {
                JsonNode b = r.get("BackoffRate");
                if (!b.isNumber() || b.asDouble() < 1.0) {
                    problem(name, "BackoffRate", at + "/BackoffRate", "expected a number greater than or equal to 1.0, got " + b);
                } else {
                    backoff = b.asDouble();
                }
            }
            Integer maxDelay = r.has("MaxDelaySeconds") ? positiveInt(name, r, "MaxDelaySeconds", at) : null;
            Retrier.JitterStrategy jitter = Retrier.JitterStrategy.NONE;
            if (r.has("JitterStrategy")) {
                String j = r.get("JitterStrategy").asText();
                if (j.equals("FULL")) {
                    jitter = Retrier.JitterStrategy.FULL;
                } else if (!j.equals("NONE")) {
                    problem(name, "JitterStrategy", at + "/JitterStrategy", "expected FULL or NONE, got " + r.get("JitterStrategy"));
                }
            }
            result.add(new Retrier(errors, interval, attempts, backoff, maxDelay, jitter, at));
        }
        return result;
    }

    private List<Catcher> catchers(String name, JsonNode node, String location) {
        JsonNode list = node.get("Catch");
        List<Catcher> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        if (!list.isArray()) {
            problem(name, "Catch", location + "/Catch", "expected an array of catchers");
            return result;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = location + "/Catch/" + i;
            JsonNode c = list.get(i);
            if (!c.isObject()) {
                problem(name, "Catch", at, "a catcher must be an object");
                continue;
            }
            if (stateLanguage == QueryLanguage.JSONata) {
                checkLanguageFields(name, c, at, Set.of("ErrorEquals", "Output", "Assign", "Next", "Comment"), "a catcher");
            } else {
                checkLanguageFields(name, c, at, Set.of("ErrorEquals", "ResultPath", "Assign", "Next", "Comment"), "a catcher");
            }
            List<String> errors = errorEquals(name, c, at, i == list.size() - 1, "Catch");
            String next = c.path("Next").isTextual() ? c.get("Next").asText() : null;
            if (next == null) {
                problem(name, "Next", at + "/Next", "a catcher needs a Next state name");
            }
            JsonPath resultPath = path(name, c, "ResultPath", at, true);
            result.add(new Catcher(errors, resultPath, next, at));
        }
        return result;
    }

    private List<String> errorEquals(String name, JsonNode node, String at, boolean isLast, String field) {
        JsonNode list = node.get("ErrorEquals");
        List<String> errors = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problem(name, "ErrorEquals", at + "/ErrorEquals", "expected a non-empty array of error names");
            return errors;
        }
        for (JsonNode e : list) {
            if (!e.isTextual()) {
                problem(name, "ErrorEquals", at + "/ErrorEquals", "expected error names (strings), got " + e);
            } else {
                errors.add(e.asText());
            }
        }
        if (errors.contains(StatesErrors.ALL) && (errors.size() > 1 || !isLast)) {
            problem(name, "ErrorEquals", at + "/ErrorEquals", StatesErrors.ALL + " must appear alone, in the last "
                    + (field.equals("Retry") ? "retrier" : "catcher"));
        }
        return errors;
    }

    /** As {@link #checkFields}, with AWS's message for a field of the other query language. */
    private void checkLanguageFields(String name, JsonNode node, String at, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                boolean isOther = stateLanguage == QueryLanguage.JSONata ? JSONPATH_ONLY.contains(field) : JSONATA_ONLY.contains(field);
                problem(name, field, at + "/" + field, isOther
                        ? "Field is not supported when QueryLanguage is " + stateLanguage
                        : "is not a field of " + what + " (expected one of " + sorted(allowed) + ")");
            }
        }
    }

    private void checkFields(String name, JsonNode node, String at, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                problem(name, field, at + "/" + field, "is not a field of " + what + " (expected one of " + sorted(allowed) + ")");
            }
        }
    }

    /**
     * InputPath, OutputPath or ResultPath: {@link JsonPath#ROOT} when absent, null when JSON null. ResultPath must
     * be a reference path into the input (not the context object).
     */
    private JsonPath path(String name, JsonNode node, String field, String location, boolean isResultPath) {
        JsonNode value = node.get(field);
        if (value == null) {
            return JsonPath.ROOT;
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problem(name, field, location + "/" + field, "expected a path string or null, got " + value);
            return JsonPath.ROOT;
        }
        try {
            JsonPath path = JsonPath.parse(value.asText());
            if (isResultPath && (!path.isReference() || path.isContext() || path.variable() != null)) {
                problem(name, field, location + "/" + field, "'" + value.asText() + "' must be a reference path into the state's input");
            }
            return path;
        } catch (IllegalArgumentException e) {
            problem(name, field, location + "/" + field, e.getMessage());
            return JsonPath.ROOT;
        }
    }

    private JsonPath referencePath(String name, JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            problem(name, field, location + "/" + field, "expected a reference path string, got " + value);
            return null;
        }
        try {
            JsonPath path = JsonPath.parse(value.asText());
            if (!path.isReference()) {
                problem(name, field, location + "/" + field, "'" + value.asText() + "' must be a reference path (fields and indexes only)");
                return null;
            }
            return path;
        } catch (IllegalArgumentException e) {
            problem(name, field, location + "/" + field, e.getMessage());
            return null;
        }
    }

    private PayloadTemplate template(String name, JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        return value == null ? null : template(name, value, location + "/" + field);
    }

    private PayloadTemplate template(String name, JsonNode value, String location) {
        if (value.isObject()) {
            boolean isDynamic = false;
            List<PayloadTemplate.Field> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String at = location + "/" + pointerEscape(key);
                if (key.endsWith(".$")) {
                    isDynamic = true;
                    if (!e.getValue().isTextual()) {
                        problem(name, key, at, "a field ending in .$ needs a path or an intrinsic function, got " + e.getValue());
                        continue;
                    }
                    PayloadTemplate dynamic = dynamic(name, key, e.getValue().asText(), at);
                    if (dynamic != null) {
                        fields.add(new PayloadTemplate.Field(key.substring(0, key.length() - 2), key, dynamic));
                    }
                } else {
                    PayloadTemplate inner = template(name, e.getValue(), at);
                    isDynamic |= !(inner instanceof PayloadTemplate.Literal);
                    fields.add(new PayloadTemplate.Field(key, key, inner));
                }
            }
            return isDynamic ? new PayloadTemplate.ObjectTemplate(fields) : new PayloadTemplate.Literal(value);
        }
        if (value.isArray()) {
            boolean isDynamic = false;
            List<PayloadTemplate> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                PayloadTemplate inner = template(name, value.get(i), location + "/" + i);
                isDynamic |= !(inner instanceof PayloadTemplate.Literal);
                items.add(inner);
            }
            return isDynamic ? new PayloadTemplate.ArrayTemplate(items) : new PayloadTemplate.Literal(value);
        }
        return new PayloadTemplate.Literal(value);
    }

    private PayloadTemplate dynamic(String name, String field, String text, String location) {
        try {
            if (IntrinsicParser.looksLikeCall(text)) {
                return new PayloadTemplate.IntrinsicValue(IntrinsicParser.parse(text), text);
            }
            return new PayloadTemplate.PathValue(JsonPath.parse(text));
        } catch (IllegalArgumentException e) {
            problem(name, field, location, e.getMessage());
            return null;
        }
    }

    /** The query language, Assign and JSONata fields of a state, its Choice rules and its catchers. */
    private StateFields stateFields(String name, JsonNode node, String location, String type) {
        QueryLanguage outer = stateLanguage;
        stateLanguage = node.has("QueryLanguage") && "JSONata".equals(node.get("QueryLanguage").asText())
                ? QueryLanguage.JSONata : node.has("QueryLanguage") ? QueryLanguage.JSONPath : machineLanguage;
        try {
            Map<String, JsonataTemplate> jsonata = new LinkedHashMap<>();
            if (stateLanguage == QueryLanguage.JSONata) {
                for (String field : List.of("Arguments", "Output", "ItemSelector")) {
                    if (node.has(field)) {
                        putIfParsed(jsonata, field, jsonata(name, node.get(field), location + "/" + field));
                    }
                }
                for (String field : JSONATA_SCALARS) {
                    JsonNode value = node.get(field);
                    if (value != null && value.isTextual() && JsonataTemplate.isExpression(value.textValue())) {
                        putIfParsed(jsonata, field, jsonata(name, value, location + "/" + field));
                    } else if (field.equals("Items") && value != null) {
                        if (!value.isArray()) {
                            problem(name, field, location + "/" + field, "expected a JSON array or a JSONata expression, got " + value);
                        } else {
                            putIfParsed(jsonata, field, jsonata(name, value, location + "/" + field));
                        }
                    }
                }
            }
            List<StateFields.RuleFields> choices = new ArrayList<>();
            if (type.equals("Choice") && node.path("Choices").isArray()) {
                for (int i = 0; i < node.get("Choices").size(); i++) {
                    choices.add(ruleFields(name, node.get("Choices").get(i), location + "/Choices/" + i));
                }
            }
            List<StateFields.RuleFields> catchers = new ArrayList<>();
            if (node.path("Catch").isArray()) {
                for (int i = 0; i < node.get("Catch").size(); i++) {
                    catchers.add(ruleFields(name, node.get("Catch").get(i), location + "/Catch/" + i));
                }
            }
            Assign assign = ASSIGNABLE.contains(type) ? assign(name, node, location) : null;
            return new StateFields(stateLanguage, assign, jsonata, choices, catchers);
        } finally {
            stateLanguage = outer;
        }
    }

    private static void putIfParsed(Map<String, JsonataTemplate> fields, String field, JsonataTemplate template) {
        if (template != null) {
            fields.put(field, template);
        }
    }

    private StateFields.RuleFields ruleFields(String name, JsonNode rule, String location) {
        if (!rule.isObject()) {
            return StateFields.RuleFields.NONE;
        }
        JsonataTemplate output = stateLanguage == QueryLanguage.JSONata && rule.has("Output")
                ? jsonata(name, rule.get("Output"), location + "/Output") : null;
        return new StateFields.RuleFields(assign(name, rule, location), output);
    }

    /** Assign: an object whose names are variable names (with {@code .$} in JSONPath for dynamic values). */
    private Assign assign(String name, JsonNode node, String location) {
        JsonNode value = node.get("Assign");
        if (value == null) {
            return null;
        }
        String at = location + "/Assign";
        if (!value.isObject()) {
            problem(name, "Assign", at, "expected an object of variable names and values, got " + value);
            return null;
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            String variable = stateLanguage == QueryLanguage.JSONPath && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!VARIABLE_NAME.matcher(variable).matches()) {
                problem(name, "Assign", at + "/" + pointerEscape(key), "'" + variable + "' is not a valid variable name"
                        + " (a letter or underscore, then letters, digits or underscores)");
            } else if (RESERVED_VARIABLES.contains(variable)) {
                problem(name, "Assign", at + "/" + pointerEscape(key), "'$" + variable + "' is reserved by Step Functions"
                        + " and cannot be assigned");
            }
        }
        if (stateLanguage == QueryLanguage.JSONata) {
            JsonataTemplate template = jsonata(name, value, at);
            return template == null ? null : new Assign.Jsonata(template);
        }
        PayloadTemplate template = template(name, value, at);
        return template == null ? null : new Assign.Paths(template);
    }

    /** A JSONata field's template; a problem (and null) when an expression does not parse. */
    private JsonataTemplate jsonata(String name, JsonNode value, String location) {
        try {
            return JsonataTemplate.parse(value);
        } catch (JsonataTemplate.SyntaxException e) {
            String at = location + e.path();
            problem(name, at.substring(at.lastIndexOf('/') + 1), at, e.getMessage());
            return null;
        }
    }

    private Integer positiveInt(String name, JsonNode node, String field, String location) {
        return positiveInt(name, node, field, location, null);
    }

    private Integer positiveInt(String name, JsonNode node, String field, String location, Integer fallback) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 99999999L) {
            problem(name, field, location + "/" + field, "expected a positive integer (at most 99999999), got " + v);
            return fallback;
        }
        return v.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String pointerEscape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        java.util.Collections.sort(list);
        return list;
    }
}
