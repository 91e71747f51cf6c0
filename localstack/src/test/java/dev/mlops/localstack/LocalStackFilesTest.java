package dev.mlops.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs without Docker: the static checks of localstack/ that can be made on any machine. */
class LocalStackFilesTest {

    private static final Path DIR = StubPlaceholders.repoRoot().resolve("localstack");

    @ParameterizedTest
    @ValueSource(strings = {"deploy.sh", "smoke.sh", "init/ready.d/10-mlops-ready.sh"})
    void script_parsesWithBashN_andIsExecutableWithStrictMode(String name) throws Exception {
        Path script = DIR.resolve(name);
        assertTrue(Files.isExecutable(script), name + " is not executable");
        assertTrue(Files.readString(script).contains("set -euo pipefail"), name + " lacks set -euo pipefail");
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash -n " + name + " hung");
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.exitValue(), "bash -n " + name + ": " + output);
    }

    @Test
    void compose_pinsTheImage_andListsEveryServiceTheStackUses() throws Exception {
        String compose = Files.readString(DIR.resolve("docker-compose.yml"));
        Matcher image = Pattern.compile("image: \\$\\{LOCALSTACK_IMAGE:-(localstack/localstack(?:-pro)?):([^}]+)}").matcher(compose);
        assertTrue(image.find(), "image line");
        assertTrue(image.group(2).matches("\\d+\\.\\d+(\\.\\d+)?"), "image tag not pinned: " + image.group(2));
        assertTrue(compose.contains("LOCALSTACK_AUTH_TOKEN=${LOCALSTACK_AUTH_TOKEN:-}"), "token from the environment only");
        Matcher services = Pattern.compile("SERVICES=([a-z0-9,-]+)").matcher(compose);
        assertTrue(services.find(), "SERVICES");
        List<String> listed = List.of(services.group(1).split(","));
        for (String service : List.of("s3", "lambda", "apigateway", "stepfunctions", "batch", "sns", "logs", "firehose",
                "kms", "iam", "sts", "cognito-idp", "scheduler", "events", "ecr", "cloudwatch", "ssm", "cloudformation")) {
            assertTrue(listed.contains(service), "SERVICES lacks " + service);
        }
        assertTrue(compose.contains("/var/run/docker.sock:/var/run/docker.sock"), "Lambda needs the Docker socket");
        assertTrue(compose.contains("./init/ready.d:/etc/localstack/init/ready.d"), "init hooks mount");
    }

    @Test
    void infraCdk_pinsAwsCdkLocal_inPackageAndLock() throws Exception {
        Path infra = StubPlaceholders.repoRoot().resolve("infra-cdk");
        ObjectMapper json = new ObjectMapper();
        String version = json.readTree(infra.resolve("package.json").toFile()).path("devDependencies")
                .path("aws-cdk-local").asText();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), "aws-cdk-local not pinned to an exact version: '" + version + "'");
        JsonNode locked = json.readTree(infra.resolve("package-lock.json").toFile()).path("packages")
                .path("node_modules/aws-cdk-local");
        assertEquals(version, locked.path("version").asText(), "package-lock.json is stale: npm install --package-lock-only");
    }

    @Test
    void deploy_passesTheEditionToCdklocal_andChecksTheToken() throws Exception {
        String deploy = Files.readString(DIR.resolve("deploy.sh"));
        assertTrue(deploy.contains("-c \"edition=$edition\""));
        assertTrue(deploy.contains("LOCALSTACK_AUTH_TOKEN is not set"));
        assertTrue(deploy.contains("cdklocal\" bootstrap"));
        assertFalse(deploy.contains("--require-approval never\" "), "sanity");
    }
}
