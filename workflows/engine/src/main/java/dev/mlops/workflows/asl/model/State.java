package dev.mlops.workflows.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.path.JsonPath;

import java.time.Instant;
import java.util.List;

/**
 * A state of a state machine, one record per state type. Every state keeps its name and its location (a JSON
 * Pointer into the definition). Path fields hold {@link JsonPath#ROOT} when absent and null when the definition
 * sets them to JSON null (InputPath null: the state sees {@code {}}; ResultPath null: the result is discarded;
 * OutputPath null: the state outputs {@code {}}).
 */
public sealed interface State
        permits State.Pass, State.Task, State.Choice, State.Wait, State.Succeed, State.Fail, State.Parallel, State.Map {

    /** The state's name. */
    String name();

    /** A JSON Pointer to the state, such as {@code /States/Validate}. */
    String location();

    /** The state's Type as written in ASL. */
    String type();

    /** Dispatches to the visitor method of this state's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per state type. */
    interface Visitor<R> {
        R visitPass(Pass state);

        R visitTask(Task state);

        R visitChoice(Choice state);

        R visitWait(Wait state);

        R visitSucceed(Succeed state);

        R visitFail(Fail state);

        R visitParallel(Parallel state);

        R visitMap(Map state);
    }

    /** A Pass state: its Result, or its Parameters applied to its input, or its input. */
    record Pass(String name, String location, JsonPath inputPath, PayloadTemplate parameters, JsonNode result,
                JsonPath resultPath, JsonPath outputPath, Transition transition) implements State {
        @Override
        public String type() {
            return "Pass";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPass(this);
        }
    }

    /**
     * A Task state: the work named by its Resource.
     *
     * @param timeoutSeconds       TimeoutSeconds, or null
     * @param timeoutSecondsPath   TimeoutSecondsPath, or null
     * @param heartbeatSeconds     HeartbeatSeconds, or null
     * @param heartbeatSecondsPath HeartbeatSecondsPath, or null
     */
    record Task(String name, String location, String resource, JsonPath inputPath, PayloadTemplate parameters,
                PayloadTemplate resultSelector, JsonPath resultPath, JsonPath outputPath, Integer timeoutSeconds,
                JsonPath timeoutSecondsPath, Integer heartbeatSeconds, JsonPath heartbeatSecondsPath,
                List<Retrier> retry, List<Catcher> catchers, Transition transition) implements State {
        public Task {
            retry = List.copyOf(retry);
            catchers = List.copyOf(catchers);
        }

        @Override
        public String type() {
            return "Task";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTask(this);
        }
    }

    /**
     * A Choice state.
     *
     * @param choices     the rules, tried in order
     * @param defaultNext the Default state, or null
     */
    record Choice(String name, String location, JsonPath inputPath, List<Branch> choices, String defaultNext,
                  JsonPath outputPath) implements State {
        public Choice {
            choices = List.copyOf(choices);
        }

        @Override
        public String type() {
            return "Choice";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitChoice(this);
        }

        /** A top-level Choice rule and its Next state. */
        public record Branch(ChoiceRule rule, String next) {
        }
    }

    /** A Wait state. */
    record Wait(String name, String location, JsonPath inputPath, Duration duration, JsonPath outputPath,
                Transition transition) implements State {
        @Override
        public String type() {
            return "Wait";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWait(this);
        }

        /** How long to wait: exactly one of Seconds, Timestamp, SecondsPath, TimestampPath. */
        public sealed interface Duration permits Seconds, Until, SecondsPath, UntilPath {
            /** Dispatches to the visitor method of this field. */
            <R> R accept(DurationVisitor<R> visitor);
        }

        /** One method per Wait field. */
        public interface DurationVisitor<R> {
            R visitSeconds(Seconds duration);

            R visitUntil(Until duration);

            R visitSecondsPath(SecondsPath duration);

            R visitUntilPath(UntilPath duration);
        }

        /** {@code "Seconds": n}. */
        public record Seconds(long seconds) implements Duration {
            @Override
            public <R> R accept(DurationVisitor<R> visitor) {
                return visitor.visitSeconds(this);
            }
        }

        /** {@code "Timestamp": "..."}. */
        public record Until(Instant timestamp) implements Duration {
            @Override
            public <R> R accept(DurationVisitor<R> visitor) {
                return visitor.visitUntil(this);
            }
        }

        /** {@code "SecondsPath": path}. */
        public record SecondsPath(JsonPath path) implements Duration {
            @Override
            public <R> R accept(DurationVisitor<R> visitor) {
                return visitor.visitSecondsPath(this);
            }
        }

        /** {@code "TimestampPath": path}. */
        public record UntilPath(JsonPath path) implements Duration {
            @Override
            public <R> R accept(DurationVisitor<R> visitor) {
                return visitor.visitUntilPath(this);
            }
        }
    }

    /** A Succeed state. */
    record Succeed(String name, String location, JsonPath inputPath, JsonPath outputPath) implements State {
        @Override
        public String type() {
            return "Succeed";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSucceed(this);
        }
    }

    /**
     * A Fail state.
     *
     * @param error     Error, or null
     * @param cause     Cause, or null
     * @param errorPath ErrorPath (a path or an intrinsic), or null
     * @param causePath CausePath (a path or an intrinsic), or null
     */
    record Fail(String name, String location, String error, String cause, PayloadTemplate errorPath,
                PayloadTemplate causePath) implements State {
        @Override
        public String type() {
            return "Fail";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFail(this);
        }
    }

    /** A Parallel state: its branches run on the same input and its result is the array of their outputs. */
    record Parallel(String name, String location, List<StateMachine> branches, JsonPath inputPath,
                    PayloadTemplate parameters, PayloadTemplate resultSelector, JsonPath resultPath,
                    JsonPath outputPath, List<Retrier> retry, List<Catcher> catchers, Transition transition)
            implements State {
        public Parallel {
            branches = List.copyOf(branches);
            retry = List.copyOf(retry);
            catchers = List.copyOf(catchers);
        }

        @Override
        public String type() {
            return "Parallel";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitParallel(this);
        }
    }

    /**
     * A Map state: INLINE, or DISTRIBUTED when {@code distributed} is set.
     *
     * @param processor      ItemProcessor (or the older Iterator)
     * @param itemsPath      ItemsPath (a reference path; {@code $} by default)
     * @param itemSelector   ItemSelector (or the older Parameters), or null
     * @param maxConcurrency MaxConcurrency (0: no limit)
     * @param distributed    the DISTRIBUTED mode's fields, or null for INLINE
     */
    record Map(String name, String location, StateMachine processor, JsonPath inputPath, JsonPath itemsPath,
               PayloadTemplate itemSelector, int maxConcurrency, PayloadTemplate resultSelector, JsonPath resultPath,
               JsonPath outputPath, List<Retrier> retry, List<Catcher> catchers, Transition transition,
               DistributedMap distributed)
            implements State {
        public Map {
            retry = List.copyOf(retry);
            catchers = List.copyOf(catchers);
        }

        /** An INLINE Map state. */
        public Map(String name, String location, StateMachine processor, JsonPath inputPath, JsonPath itemsPath,
                   PayloadTemplate itemSelector, int maxConcurrency, PayloadTemplate resultSelector, JsonPath resultPath,
                   JsonPath outputPath, List<Retrier> retry, List<Catcher> catchers, Transition transition) {
            this(name, location, processor, inputPath, itemsPath, itemSelector, maxConcurrency, resultSelector,
                    resultPath, outputPath, retry, catchers, transition, null);
        }

        @Override
        public String type() {
            return "Map";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMap(this);
        }
    }
}
