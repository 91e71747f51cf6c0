package dev.mlops.infra.config;

import dev.mlops.infra.InfraException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void from_noContext_defaults() {
        Settings settings = Settings.defaults();
        assertEquals(2048, settings.inferenceMemoryMb());
        assertEquals(List.of("g5", "g4dn"), settings.gpuInstanceTypes());
        assertEquals("cognito:groups", settings.groupsClaim());
        assertFalse(settings.privateSubnets());
        assertTrue(settings.hasOwnUserPool());
        assertEquals(Optional.empty(), settings.trainerImageDigest());
        assertEquals(365, settings.auditRetentionDays());
    }

    @Test
    void from_cdkJsonTypes_readsNumbersBooleansAndLists() {
        // cdk.json values reach Java through jsii as Double, Boolean and List
        Settings settings = Settings.from(Map.<String, Object>of("inferenceMemoryMb", 3008.0, "privateSubnets", true,
                "gpuInstanceTypes", List.of("g5.xlarge", "g6"))::get);
        assertEquals(3008, settings.inferenceMemoryMb());
        assertTrue(settings.privateSubnets());
        assertEquals(List.of("g5.xlarge", "g6"), settings.gpuInstanceTypes());
    }

    @Test
    void from_severalBadValues_namesEveryOneInOneError() {
        InfraException error = assertThrows(InfraException.class, () -> Settings.from(Map.<String, Object>of(
                "inferenceMemoryMb", "lots", "privateSubnets", "yes", "gpuInstanceTypes", "m5,g5",
                "trainerImageDigest", "latest", "jwtIssuer", "http://issuer.example")::get));
        String message = error.getMessage();
        assertTrue(message.contains("inferenceMemoryMb: expected an integer in 512..10240, got 'lots'"), message);
        assertTrue(message.contains("privateSubnets: expected true or false, got 'yes'"), message);
        assertTrue(message.contains("gpuInstanceTypes: 'm5' is not a GPU instance class"), message);
        assertTrue(message.contains("trainerImageDigest: expected sha256:<64 hex digits>"), message);
        assertTrue(message.contains("jwtIssuer: expected an https:// issuer URL"), message);
        assertTrue(message.contains("jwtAudience: required with jwtIssuer"), message);
    }

    @Test
    void from_memoryOutOfRange_rejected() {
        InfraException error = assertThrows(InfraException.class,
                () -> Settings.from(Map.<String, Object>of("inferenceMemoryMb", "128")::get));
        assertTrue(error.getMessage().contains("inferenceMemoryMb: expected an integer in 512..10240, got 128"));
    }

    @Test
    void from_audienceWithoutIssuer_rejected() {
        InfraException error = assertThrows(InfraException.class,
                () -> Settings.from(Map.<String, Object>of("jwtAudience", "client-1")::get));
        assertTrue(error.getMessage().contains("jwtAudience: given without jwtIssuer"));
    }
}
