package dev.mlops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.roles.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code mlops status [--model M]}: what waits for a person, what is live, and what the workflows did lately. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Pending approvals, deployments and the latest training-pipeline executions, from the control API.")
final class StatusCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @Mixin
    ControlOptions control;

    @Option(names = "--model", paramLabel = "M", description = "Only this model.")
    String model;

    @Option(names = "--executions", paramLabel = "N", defaultValue = "5", description = "How many executions to show (default ${DEFAULT-VALUE}).")
    int executions;

    @Override
    public void run() {
        if (model != null) {
            ModelVersions.checkModel(model);
        }
        // The approver token by default: approvers may read everything status shows.
        ControlApiClient client = control.client(root.env(), Role.APPROVER);
        PrintWriter out = root.spec.commandLine().getOut();
        approvals(client, out);
        deployments(client, out);
        executions(client, out);
    }

    private void approvals(ControlApiClient client, PrintWriter out) {
        out.println("approvals waiting:");
        ControlApiClient.Reply reply;
        try {
            reply = client.get("/v1/approvals");
        } catch (ControlApiClient.ControlApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            out.println("  (not visible to this token's role: approvals need the approver role)");
            return;
        }
        List<JsonNode> pending = new ArrayList<>();
        reply.body().path("approvals").forEach(a -> {
            if (model == null || model.equals(a.path("model").asText())) {
                pending.add(a);
            }
        });
        if (pending.isEmpty()) {
            out.println("  none");
            return;
        }
        out.printf("  %-24s %-12s %-24s %s%n", "ID", "INITIATOR", "EXPIRES", "EVIDENCE");
        for (JsonNode a : pending) {
            out.printf("  %-24s %-12s %-24s %s%n", a.path("id").asText(), a.path("initiator").asText(),
                    a.path("expiresAt").asText(), a.path("evidenceKey").asText("-"));
        }
        out.println("  decide with: ./mlops approve|reject <ID> --comment \"...\"");
    }

    private void deployments(ControlApiClient client, PrintWriter out) {
        out.println("deployments:");
        List<JsonNode[]> rows = new ArrayList<>();
        if (model != null) {
            JsonNode body = client.get("/v1/models/" + model + "/deployment").body();
            rows.add(new JsonNode[] {body.path("model"), body.path("deployment")});
        } else {
            client.get("/v1/models").body().path("models").forEach(m -> rows.add(new JsonNode[] {m.path("name"), m.path("deployment")}));
        }
        if (rows.isEmpty()) {
            out.println("  no models registered yet");
        }
        for (JsonNode[] row : rows) {
            out.printf("  %-16s %s%n", row[0].asText(), describe(row[1]));
        }
    }

    private static String describe(JsonNode d) {
        String champion = d.hasNonNull("champion") ? "champion " + d.get("champion").asText() : "no champion";
        String challenger = d.hasNonNull("challenger") ? ", challenger " + d.get("challenger").asText() + " "
                + d.path("mode").asText() + " " + d.path("challengerWeight").asInt() + "%" : "";
        return champion + challenger + " (revision " + d.path("revision").asLong() + ")";
    }

    private void executions(ControlApiClient client, PrintWriter out) {
        out.println("training-pipeline executions (newest first):");
        // Executions started through the API are named train-<model>-<time>-<suffix>: --model filters on that.
        List<JsonNode> shown = new ArrayList<>();
        client.get("/v1/executions?limit=" + Math.max(1, Math.min(executions * (model == null ? 1 : 4), 100)))
                .body().path("executions").forEach(e -> {
                    if (shown.size() < executions && (model == null || e.path("name").asText().contains("-" + model + "-"))) {
                        shown.add(e);
                    }
                });
        if (shown.isEmpty()) {
            out.println("  none");
        }
        for (JsonNode e : shown) {
            out.printf("  %-44s %-10s %s%n", e.path("name").asText(), e.path("status").asText(), e.path("startedAt").asText());
        }
    }
}
