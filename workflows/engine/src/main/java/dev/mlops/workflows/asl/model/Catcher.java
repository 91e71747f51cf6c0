package dev.mlops.workflows.asl.model;

import dev.mlops.workflows.asl.path.JsonPath;

import java.util.List;

/**
 * One Catch entry (States Language, "Fallback states").
 *
 * @param errorEquals the error names it matches
 * @param resultPath  where the error output goes in the state's input; null for {@code "ResultPath": null} (the
 *                    state's input passes on unchanged); {@code $} by default
 * @param next        the state to go to
 * @param location    a JSON Pointer to this entry
 */
public record Catcher(List<String> errorEquals, JsonPath resultPath, String next, String location) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
