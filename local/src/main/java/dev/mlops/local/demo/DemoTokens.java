package dev.mlops.local.demo;

import dev.mlops.Json;
import dev.mlops.MlopsException;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's people, one local token each (written as {@code tokens.json}, mode 0600, before the runtime starts):
 * {@code ds-demo} trains, {@code approver-demo} approves (a different identity: separation of duties),
 * {@code operator-demo} and {@code analyst-demo} read, {@code traffic-demo} is the client sending predictions.
 */
final class DemoTokens {

    static final String DATA_SCIENTIST = "ds-demo";
    static final String APPROVER = "approver-demo";
    static final String OPERATOR = "operator-demo";
    static final String ANALYST = "analyst-demo";
    static final String CLIENT = "traffic-demo";

    private final Map<String, String> byName;

    private DemoTokens(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Creates the tokens file under {@code home}, which must not have one. */
    static DemoTokens create(Path home, SecureRandom random) {
        Map<String, Role> people = new LinkedHashMap<>();
        people.put(DATA_SCIENTIST, Role.DATA_SCIENTIST);
        people.put(APPROVER, Role.APPROVER);
        people.put(OPERATOR, Role.OPERATOR);
        people.put(ANALYST, Role.ANALYST);
        people.put(CLIENT, Role.CLIENT);
        List<LocalTokens.Entry> entries = new ArrayList<>();
        Map<String, String> byName = new LinkedHashMap<>();
        people.forEach((name, role) -> {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            String token = "mlops_" + HexFormat.of().formatHex(secret);
            entries.add(new LocalTokens.Entry(token, name, EnumSet.of(role)));
            byName.put(name, token);
        });
        Path file = home.resolve("tokens.json");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, Json.write(entries));
        } catch (IOException e) {
            throw new MlopsException("cannot create the demo's tokens " + file + ": " + e.getMessage(), e);
        }
        return new DemoTokens(byName);
    }

    String of(String name) {
        return byName.get(name);
    }
}
