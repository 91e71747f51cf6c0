package dev.mlops.local.cli;

import picocli.CommandLine.Command;

/** {@code mlops reject <id> --comment C}. */
@Command(name = "reject", mixinStandardHelpOptions = true,
        description = "Reject a model version waiting for approval (approver role; not the training's initiator).")
final class RejectCommand extends DecisionCommand {

    @Override
    String verb() {
        return "reject";
    }
}
