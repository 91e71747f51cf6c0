package dev.mlops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.roles.Role;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code mlops approve|reject <id> --comment C}: one decision through the control API, which checks the role, the
 * separation of duties and the deadline, records it, and resumes the waiting workflow.
 */
abstract class DecisionCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @Mixin
    ControlOptions control;

    @Parameters(index = "0", paramLabel = "ID", description = "The approval id, {model}.{version} (see ./mlops status).")
    String id;

    @Option(names = "--comment", required = true, paramLabel = "C", description = "Why; recorded in the audit trail.")
    String comment;

    /** {@code approve} or {@code reject}: the API's path segment. */
    abstract String verb();

    @Override
    public void run() {
        ControlApiClient client = control.client(root.env(), Role.APPROVER);
        ControlApiClient.Reply reply = client.post("/v1/approvals/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/" + verb(),
                Map.of("comment", comment));
        PrintWriter out = root.spec.commandLine().getOut();
        JsonNode approval = reply.body().path("approval");
        JsonNode decision = approval.path("decision");
        String state = approval.path("state").asText().toLowerCase();
        if (reply.body().path("repeated").asBoolean()) {
            out.printf("%s was already %s by %s at %s; nothing changed%n", id, state, decision.path("actor").asText(), decision.path("at").asText());
        } else {
            out.printf("%s %s by %s at %s%n", id, state, decision.path("actor").asText(), decision.path("at").asText());
        }
        out.println(reply.body().path("resumed").asBoolean() ? "the waiting workflow was resumed"
                : "the workflow was not waiting any more (already resumed or closed)");
    }
}
