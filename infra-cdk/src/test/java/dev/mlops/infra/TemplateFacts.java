package dev.mlops.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads facts out of a synthesised template as JSON trees, for assertions that Match cannot express. */
public final class TemplateFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateFacts() {
    }

    /** The whole template. */
    public static JsonNode json(Template template) {
        return JSON.valueToTree(template.toJSON());
    }

    /** Resources of {@code type} by logical id. */
    public static Map<String, JsonNode> resources(Template template, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json(template).path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        }
        return found;
    }

    /** The logical id of {@code construct}'s default CloudFormation resource. */
    public static String logicalId(IConstruct construct) {
        return Stack.of(construct).getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    /** Every action the template's AWS::IAM::Policy resources grant to the role with logical id {@code roleId}. */
    public static Set<String> actionsOfRole(Template template, String roleId) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode policy : resources(template, "AWS::IAM::Policy").values()) {
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= roleId.equals(role.path("Ref").asText());
            }
            if (attached) {
                for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                    JsonNode action = statement.path("Action");
                    if (action.isArray()) {
                        action.forEach(a -> actions.add(a.asText()));
                    } else {
                        actions.add(action.asText());
                    }
                }
            }
        }
        return actions;
    }
}
