package dev.mlops.workflows.asl.intrinsics;

import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.assertFailure;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** States.Base64Encode, States.Base64Decode and States.Hash (developer guide examples). */
class EncodingIntrinsicsTest {

    @Test
    void base64_roundTrips() {
        assertEquals(json("\"RGF0YSB0byBlbmNvZGU=\""), eval("States.Base64Encode($.input)", "{\"input\": \"Data to encode\"}"));
        assertEquals(json("\"Data to encode\""), eval("States.Base64Decode($.base64)", "{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}"));
    }

    @Test
    void base64_limitsInputTo10000Characters() {
        String big = "{\"s\": \"" + "a".repeat(10_001) + "\"}";
        assertFailure("States.Base64Encode($.s)", big, "at most 10000");
        assertFailure("States.Base64Decode($.s)", big, "at most 10000");
        assertEquals(13336, eval("States.Base64Encode($.s)", "{\"s\": \"" + "a".repeat(10_000) + "\"}").textValue().length());
        assertFailure("States.Base64Decode('!!')", "{}", "not valid Base64");
    }

    @Test
    void hash_supportsTheFiveAlgorithms() {
        assertEquals(json("\"aaff4a450a104cd177d28d18d74485e8cae074b7\""), eval("States.Hash($.Data, $.Algorithm)", "{\"Data\": \"input data\", \"Algorithm\": \"SHA-1\"}"));
        assertEquals(json("\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\""), eval("States.Hash('input data', 'SHA-256')", "{}"));
        assertEquals(json("\"900150983cd24fb0d6963f7d28e17f72\""), eval("States.Hash('abc', 'MD5')", "{}"));
        assertEquals(96, eval("States.Hash('abc', 'SHA-384')", "{}").textValue().length());
        assertEquals(128, eval("States.Hash('abc', 'SHA-512')", "{}").textValue().length());
    }

    @Test
    void hash_rejectsOtherAlgorithmsAndLongData() {
        assertFailure("States.Hash('abc', 'SHA-224')", "{}", "must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        assertFailure("States.Hash($.s, 'MD5')", "{\"s\": \"" + "a".repeat(10_001) + "\"}", "at most 10000");
    }
}
