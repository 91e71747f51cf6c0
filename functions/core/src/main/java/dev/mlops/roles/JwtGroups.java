package dev.mlops.roles;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Identities from the claims an API Gateway JWT authorizer has already verified. HTTP API payload 2.0 flattens
 * array claims into one string such as {@code [approver analyst]}, so both that form and a real list are read.
 */
public final class JwtGroups {

    /** The claim Cognito puts user groups in. */
    public static final String DEFAULT_GROUPS_CLAIM = "cognito:groups";

    private final String groupsClaim;

    public JwtGroups(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    /** The identity in {@code claims}, or empty without a subject. Unknown groups are ignored. */
    public Optional<Identity> identity(Map<String, ?> claims) {
        Object subject = claims.containsKey("username") ? claims.get("username") : claims.get("sub");
        if (subject == null || subject.toString().isBlank()) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups(claims.get(groupsClaim))) {
            Role.fromLabel(group).ifPresent(roles::add);
        }
        return Optional.of(new Identity(subject.toString(), roles));
    }

    static List<String> groups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof List<?> list) {
            list.forEach(g -> groups.add(String.valueOf(g).trim()));
        } else if (claim != null) {
            String text = claim.toString().trim();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            for (String part : text.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    groups.add(part.replace("\"", ""));
                }
            }
        }
        return groups;
    }
}
