package dev.shardline.platform.auth;

import dev.shardline.platform.auth.SecurityProperties.Credential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The configured access keys, by access key id: from the properties and the credentials file, read once. */
public final class CredentialStore {

    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final Map<String, Credential> byKeyId;

    public CredentialStore(List<Credential> credentials) {
        Map<String, Credential> keys = new LinkedHashMap<>();
        for (Credential credential : credentials) {
            Credential before = keys.putIfAbsent(credential.accessKeyId(), credential);
            if (before != null && !before.equals(credential)) {
                // the same key id with another secret or account: which one is meant cannot be guessed
                throw new IllegalArgumentException(
                        "Access key id " + credential.accessKeyId() + " is configured twice, differently");
            }
        }
        this.byKeyId = Map.copyOf(keys);
    }

    public static CredentialStore of(SecurityProperties properties) {
        List<Credential> all = new ArrayList<>(properties.credentials());
        if (properties.credentialsFile() != null) {
            all.addAll(read(properties.credentialsFile()));
        }
        return new CredentialStore(all);
    }

    public Optional<Credential> find(String accessKeyId) {
        return Optional.ofNullable(byKeyId.get(accessKeyId));
    }

    public int size() {
        return byKeyId.size();
    }

    /** Reads the credentials file; a malformed line stops the start, named by its number (never its secret). */
    static List<Credential> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read shardline.security.credentials-file " + file, e);
        }
        List<Credential> credentials = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = BLANKS.split(line);
            if (fields.length != 3 || !ACCOUNT_ID.matcher(fields[2]).matches() || fields[0].contains("/")) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                        + ": expected 'access-key-id secret-access-key account-id' (a 12-digit account id)");
            }
            credentials.add(new Credential(fields[0], fields[1], fields[2]));
        }
        return credentials;
    }

    @Override
    public String toString() {
        return "CredentialStore" + byKeyId.values();
    }
}
