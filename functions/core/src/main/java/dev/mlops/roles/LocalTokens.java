package dev.mlops.roles;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlops.Json;
import dev.mlops.MlopsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded runtime's bearer tokens ({@code $MLOPS_HOME/tokens.json}, mode 0600): one identity per role,
 * created on first use. In AWS the JWT authorizer takes this place (see {@link JwtGroups}).
 */
public final class LocalTokens {

    /** One token and whom it stands for. */
    public record Entry(String token, String name, Set<Role> roles) {
        public Entry {
            if (token == null || token.length() < 32) {
                throw new IllegalArgumentException("local tokens must be at least 32 characters");
            }
            roles = Set.copyOf(roles);
        }
    }

    private final List<Entry> entries;

    private LocalTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the tokens file. */
    public static LocalTokens read(Path file) {
        try {
            List<Entry> entries = Json.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Entry>>() { });
            return new LocalTokens(entries);
        } catch (IOException e) {
            throw new MlopsException("cannot read local tokens " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the tokens file, creating it first (mode 0600) with one new token per role when it does not exist.
     *
     * @return the tokens, and whether they were created now (so the caller prints them once)
     */
    public static Created readOrCreate(Path file, SecureRandom random) {
        if (Files.exists(file)) {
            return new Created(read(file), false);
        }
        List<Entry> entries = new ArrayList<>();
        for (Role role : Role.values()) {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            entries.add(new Entry("mlops_" + HexFormat.of().formatHex(secret), "local-" + role.label(), EnumSet.of(role)));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-tokens", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, Json.write(entries));
            try {
                Files.createLink(file, temp);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new Created(new LocalTokens(entries), true);
        } catch (FileAlreadyExistsException raced) {
            return new Created(read(file), false);
        } catch (IOException e) {
            throw new MlopsException("cannot create local tokens " + file + ": " + e.getMessage(), e);
        }
    }

    /** The result of {@link #readOrCreate}. */
    public record Created(LocalTokens tokens, boolean isNew) {
    }

    /** The identity a bearer token stands for; compared in constant time. */
    public Optional<Identity> identify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        Optional<Identity> found = Optional.empty();
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(presented, entry.token().getBytes(StandardCharsets.UTF_8))) {
                found = Optional.of(new Identity(entry.name(), entry.roles()));
            }
        }
        return found;
    }

    /** The token of the first identity holding {@code role}. */
    public Optional<String> tokenFor(Role role) {
        return entries.stream().filter(e -> e.roles().contains(role)).map(Entry::token).findFirst();
    }

    public List<Entry> entries() {
        return entries;
    }
}
