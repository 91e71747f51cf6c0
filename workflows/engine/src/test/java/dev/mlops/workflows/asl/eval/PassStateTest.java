package dev.mlops.workflows.asl.eval;

import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.single;

/** The Pass state (States Language, "Pass State"). */
class PassStateTest {

    @Test
    void pass_withoutFields_passesInputThrough() {
        assertOutput("{\"a\": [1, 2]}", single("Pass", ""), "{\"a\": [1, 2]}");
    }

    @Test
    void result_withResultPath_asInSpecificationExample() {
        // States Language, "Pass State": Result {"x-datum": 0.381018, "y-datum": 622.2269926397355} at $.coords.
        String fields = "\"Result\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}, \"ResultPath\": \"$.coords\"";
        assertOutput("{\"georefOf\": \"Home\", \"coords\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}}",
                single("Pass", fields), "{\"georefOf\": \"Home\"}");
    }

    @Test
    void result_isNotATemplate() {
        assertOutput("{\"a.$\": \"$.x\"}", single("Pass", "\"Result\": {\"a.$\": \"$.x\"}"), "{\"x\": 1}");
    }

    @Test
    void parameters_becomeTheResult() {
        assertOutput("{\"x\": 1, \"r\": {\"y\": 1}}", single("Pass", "\"Parameters\": {\"y.$\": \"$.x\"}, \"ResultPath\": \"$.r\""), "{\"x\": 1}");
    }

    @Test
    void result_winsOverParameters() {
        assertOutput("\"r\"", single("Pass", "\"Parameters\": {\"y.$\": \"$.x\"}, \"Result\": \"r\""), "{\"x\": 1}");
    }

    @Test
    void chain_followsNext() {
        String def = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.a\", \"Next\": \"B\"},"
                + " \"B\": {\"Type\": \"Pass\", \"Result\": 2, \"ResultPath\": \"$.b\", \"End\": true}}}";
        assertOutput("{\"a\": 1, \"b\": 2}", def, "{}");
    }
}
