package dev.mlops.local.cli;

import picocli.CommandLine.Command;

/** {@code mlops approve <id> --comment C}. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a model version waiting for approval (approver role; not the training's initiator).")
final class ApproveCommand extends DecisionCommand {

    @Override
    String verb() {
        return "approve";
    }
}
