package dev.mlops.workflows.asl.parse;

import dev.mlops.workflows.asl.model.Assign;
import dev.mlops.workflows.asl.model.ChoiceRule;
import dev.mlops.workflows.asl.model.QueryLanguage;
import dev.mlops.workflows.asl.model.State;
import dev.mlops.workflows.asl.model.StateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions with JSONata and variables: what parses, and the parser errors of bad ones. */
class AslParserJsonataTest {

    private static void assertProblem(String definition, String state, String field, String messagePart) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> AslParser.parse(definition));
        assertTrue(e.problems().stream().anyMatch(p -> java.util.Objects.equals(state, p.state()) && field.equals(p.field())
                && p.message().contains(messagePart)), () -> "expected " + state + "/" + field + " '" + messagePart + "' in " + e.problems());
    }

    private static String jsonataState(String fields) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": {" + fields + "}, \"N\": {\"Type\": \"Succeed\"}}}";
    }

    @Test
    void queryLanguage_topLevelOrPerState_isRecordedPerState() {
        StateMachine m = AslParser.parse("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "Next": "B"},
                  "B": {"Type": "Pass", "End": true}}}""");
        assertEquals(QueryLanguage.JSONata, m.fields("A").queryLanguage());
        assertEquals(QueryLanguage.JSONPath, m.fields("B").queryLanguage());
        StateMachine top = AslParser.parse("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "X", "States": {"X": {"Type": "Pass", "Output": "{% 1 %}", "End": true}}}]}}}""");
        State.Parallel p = (State.Parallel) top.state("P");
        assertEquals(QueryLanguage.JSONata, p.branches().get(0).fields("X").queryLanguage(), "branches inherit the top level");
    }

    @Test
    void jsonataChoiceRule_isACondition_andAssignIsParsedPerLanguage() {
        StateMachine m = AslParser.parse(jsonataState("""
                "Type": "Choice", "Assign": {"a": 1}, "Choices": [{"Condition": "{% true %}", "Next": "N", "Assign": {"b": "{% 2 %}"}}]"""));
        State.Choice c = (State.Choice) m.state("S");
        assertInstanceOf(ChoiceRule.Condition.class, c.choices().get(0).rule());
        assertInstanceOf(Assign.Jsonata.class, m.fields("S").assign());
        assertInstanceOf(Assign.Jsonata.class, m.fields("S").choices().get(0).assign());
    }

    @ParameterizedTest
    @ValueSource(strings = {"InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath"})
    void jsonataState_forbidsTheJsonPathFields_withAwsMessage(String field) {
        String value = field.equals("Parameters") || field.equals("ResultSelector") ? "{}" : "\"$\"";
        assertProblem(jsonataState("\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"" + field + "\": "
                + value + ", \"Next\": \"N\""), "S", field, "Field is not supported when QueryLanguage is JSONata");
    }

    @Test
    void jsonataState_forbidsOtherJsonPathOnlyFields() {
        assertProblem(jsonataState("\"Type\": \"Pass\", \"Result\": 1, \"Next\": \"N\""), "S", "Result",
                "Field is not supported when QueryLanguage is JSONata");
        assertProblem(jsonataState("\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"Next\": \"N\""), "S", "SecondsPath",
                "Field is not supported when QueryLanguage is JSONata");
        assertProblem(jsonataState("\"Type\": \"Map\", \"ItemsPath\": \"$.a\", \"ItemProcessor\": {\"StartAt\": \"I\","
                + " \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, \"Next\": \"N\""), "S", "ItemsPath",
                "Field is not supported when QueryLanguage is JSONata");
        assertProblem(jsonataState("\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Next\": \"N\","
                + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.e\", \"Next\": \"N\"}]"), "S", "ResultPath",
                "Field is not supported when QueryLanguage is JSONata");
        assertProblem(jsonataState("\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"IsPresent\": true, \"Next\": \"N\"}]"),
                "S", "Variable", "Field is not supported when QueryLanguage is JSONata");
    }

    @Test
    void jsonPathState_forbidsTheJsonataFields() {
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Output\": 1, \"End\": true}}}", "S", "Output",
                "Field is not supported when QueryLanguage is JSONPath");
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"Arguments\": {}, \"End\": true}}}", "S", "Arguments", "Field is not supported when QueryLanguage is JSONPath");
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Choice\", \"Choices\": [{\"Condition\": \"{% true %}\","
                + " \"Next\": \"S\"}]}}}", "S", "Condition", "Field is not supported when QueryLanguage is JSONPath");
    }

    @Test
    void invalidExpression_isAParserError_atItsLocation() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> AslParser.parse(jsonataState(
                "\"Type\": \"Pass\", \"Output\": {\"a\": {\"b\": \"{% $states.input.( %}\"}}, \"Next\": \"N\"")));
        DefinitionException.Problem p = e.problems().get(0);
        assertEquals("/States/S/Output/a/b", p.location());
        assertTrue(p.message().startsWith("The JSONata expression '$states.input.(' is not valid: S0"), p.message());
    }

    @Test
    void dollarSuffixedKeys_areJsonPathSyntax_inAJsonataState() {
        assertProblem(jsonataState("\"Type\": \"Pass\", \"Output\": {\"a.$\": \"$.a\"}, \"Next\": \"N\""), "S", "a.$",
                "ending in '.$' is JSONPath syntax");
    }

    @ParameterizedTest
    @ValueSource(strings = {"states", "1abc", "a-b", "a.b"})
    void assign_rejectsReservedAndInvalidNames(String name) {
        assertProblem(jsonataState("\"Type\": \"Pass\", \"Assign\": {\"" + name + "\": 1}, \"Next\": \"N\""), "S", "Assign",
                name.equals("states") ? "'$states' is reserved" : "is not a valid variable name");
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Assign\": {\"" + name + ".$\": \"$\"},"
                + " \"End\": true}}}", "S", "Assign", name.equals("states") ? "'$states' is reserved" : "is not a valid variable name");
    }

    @Test
    void assign_isNotAFieldOfSucceedOrFail_andMustBeAnObject() {
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\", \"Assign\": {\"a\": 1}}}}", "S", "Assign",
                "is not a field of a Succeed state");
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Assign\": \"{% 1 %}\", \"End\": true}}}", "S",
                "Assign", "expected an object");
    }

    @Test
    void jsonPathUnderAJsonataMachine_isRejected() {
        assertProblem(jsonataState("\"Type\": \"Pass\", \"QueryLanguage\": \"JSONPath\", \"Next\": \"N\""), "S", "QueryLanguage",
                "cannot use JSONPath when the state machine's QueryLanguage is JSONata");
    }

    @Test
    void jsonataChoiceRule_needsACondition() {
        assertProblem(jsonataState("\"Type\": \"Choice\", \"Choices\": [{\"Next\": \"N\"}]"), "S", "Condition", "is required");
        assertProblem(jsonataState("\"Type\": \"Choice\", \"Choices\": [{\"Condition\": \"yes\", \"Next\": \"N\"}]"), "S",
                "Condition", "expected a JSONata expression");
    }

    @Test
    void resultPath_cannotBeAVariable() {
        assertProblem("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"ResultPath\": \"$x\", \"End\": true}}}", "S",
                "ResultPath", "must be a reference path into the state's input");
    }

    @Test
    void items_literalMustBeAnArray() {
        assertProblem(jsonataState("\"Type\": \"Map\", \"Items\": {\"a\": 1}, \"ItemProcessor\": {\"StartAt\": \"I\","
                + " \"States\": {\"I\": {\"Type\": \"Succeed\"}}}, \"Next\": \"N\""), "S", "Items", "expected a JSON array");
    }
}
