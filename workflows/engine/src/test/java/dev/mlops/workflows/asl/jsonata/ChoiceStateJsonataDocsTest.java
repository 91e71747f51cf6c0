package dev.mlops.workflows.asl.jsonata;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.mlops.workflows.asl.Asl.assertOutput;

/** Conformance with the developer guide page "Choice workflow state": its JSONata Choice rule examples. */
class ChoiceStateJsonataDocsTest {

    private static String machine(String condition, String assign) {
        return """
                {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": ASSIGN, "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [{"Condition": "CONDITION", "Next": "Match"}], "Default": "NoMatch"},
                  "Match": {"Type": "Pass", "Output": "match", "End": true},
                  "NoMatch": {"Type": "Pass", "Output": "no match", "End": true}}}""".replace("CONDITION", condition)
                .replace("ASSIGN", assign);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{% $foo = 1 %}|{\"foo\": 1}|match",
            "{% $foo = 1 %}|{\"foo\": 2}|no match",
            "{% $type = 'local' %}|{\"type\": \"local\"}|match",
            "{% $foo > 'MyStringABC' %}|{\"foo\": \"MyStringABD\"}|match",
            "{% $foo > 'MyStringABC' %}|{\"foo\": \"MyStringAB\"}|no match",
            "{% $possiblyNullValue != null and $possiblyNullValue = 42 %}|{\"possiblyNullValue\": 42}|match",
            "{% $possiblyNullValue != null and $possiblyNullValue = 42 %}|{\"possiblyNullValue\": null}|no match"})
    void choiceRuleExamples(String condition, String variables, String expected) {
        assertOutput("\"" + expected + "\"", machine(condition, variables), "{}");
    }
}
