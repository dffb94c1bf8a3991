package dev.shardline.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for the edge port ({@code shardline.tls.self-signed=true}), kept under the data directory
 * and reused on later starts: an EC P-256 key in {@code edge-key.pem} (PKCS#8, readable by its owner only) and the
 * certificate in {@code edge-cert.pem}, the file a client trusts. It names {@code localhost}, {@code 127.0.0.1},
 * {@code ::1} and any further host given; a certificate that names other hosts, no longer matches its key or expires
 * within 30 days is made again.
 *
 * <p>The JDK has no public API to make a certificate and BouncyCastle is not on the class path, so the JDK's own
 * {@code keytool} (part of every Java runtime, java.base's launcher) makes it, once, into a temporary PKCS#12 store
 * that is turned into the two PEM files and deleted.
 */
final class SelfSignedCertificate {

    static final String KEY_FILE = "edge-key.pem";
    static final String CERTIFICATE_FILE = "edge-cert.pem";

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");
    private static final int VALIDITY_DAYS = 825;
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path key;
    private final Path certificate;
    private final X509Certificate x509;
    private final boolean created;

    private SelfSignedCertificate(Path key, Path certificate, X509Certificate x509, boolean created) {
        this.key = key;
        this.certificate = certificate;
        this.x509 = x509;
        this.created = created;
    }

    /** The certificate in {@code directory}, made there first if it is missing, names other hosts or is expiring. */
    static SelfSignedCertificate loadOrCreate(Path directory, List<String> extraHosts) {
        Set<String> hosts = new LinkedHashSet<>(LOOPBACK);
        extraHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).forEach(hosts::add);
        Path key = directory.resolve(KEY_FILE);
        Path certificate = directory.resolve(CERTIFICATE_FILE);
        try {
            if (Files.exists(key) && Files.exists(certificate)) {
                X509Certificate existing = read(certificate);
                if (existing != null && fits(existing, key, hosts)) {
                    return new SelfSignedCertificate(key, certificate, existing, false);
                }
            }
            Files.createDirectories(directory);
            create(directory, key, certificate, hosts);
            return new SelfSignedCertificate(key, certificate, read(certificate), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the self-signed certificate in " + directory, e);
        }
    }

    Path keyFile() {
        return key;
    }

    Path certificateFile() {
        return certificate;
    }

    X509Certificate certificate() {
        return x509;
    }

    /** Whether this start made it (rather than finding it from an earlier start). */
    boolean created() {
        return created;
    }

    /** The SHA-256 fingerprint of the certificate, as {@code keytool -list} and {@code openssl x509 -fingerprint}. */
    String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(x509.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate read(Path certificate) throws IOException {
        try (InputStream in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException unreadable) {
            return null;
        }
    }

    private static boolean fits(X509Certificate certificate, Path key, Set<String> hosts) throws IOException {
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        try {
            if (!names(certificate).equals(canonical(hosts))) {
                return false;
            }
            // The key must be the certificate's: sign with one, verify with the other.
            PrivateKey privateKey =
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(Files.readString(key))));
            byte[] probe = new byte[16];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException | IllegalArgumentException notThisKey) {
            return false;
        }
    }

    /** The certificate's DNS names and IP addresses, addresses in the JDK's canonical text. */
    static Set<String> names(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new TreeSet<>();
        if (certificate.getSubjectAlternativeNames() != null) {
            for (List<?> name : certificate.getSubjectAlternativeNames()) {
                names.add(canonical(String.valueOf(name.get(1))));
            }
        }
        return names;
    }

    private static Set<String> canonical(Set<String> hosts) {
        Set<String> names = new TreeSet<>();
        hosts.forEach(host -> names.add(canonical(host)));
        return names;
    }

    private static String canonical(String host) {
        if (isAddress(host)) {
            try {
                return InetAddress.getByName(host).getHostAddress();
            } catch (IOException notAnAddress) {
                return host;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static boolean isAddress(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static void create(Path directory, Path key, Path certificate, Set<String> hosts) throws IOException {
        Path work = Files.createTempDirectory(directory, ".keytool-");
        try {
            Path store = work.resolve("edge.p12");
            char[] password = randomPassword();
            List<String> san = new ArrayList<>();
            for (String host : hosts) {
                san.add((isAddress(host) ? "ip:" : "dns:") + host);
            }
            // The store's password is on keytool's command line for a moment; the store itself is in a directory
            // only this user can enter (createTempDirectory's 0700) and is deleted right after.
            keytool(
                    work,
                    List.of(
                            "-genkeypair",
                            "-keystore",
                            store.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            new String(password),
                            "-alias",
                            "edge",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-sigalg",
                            "SHA256withECDSA",
                            "-dname",
                            "CN=localhost, O=Shardline",
                            "-ext",
                            "SAN=" + String.join(",", san),
                            "-ext",
                            "EKU=serverAuth",
                            "-validity",
                            String.valueOf(VALIDITY_DAYS),
                            "-noprompt"));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password);
            }
            PrivateKey privateKey = (PrivateKey) keyStore.getKey("edge", password);
            X509Certificate x509 = (X509Certificate) keyStore.getCertificate("edge");
            // Each file is written beside its name and moved into place, the key first: a crash never leaves a
            // certificate without its key, nor half a file.
            write(key, pem("PRIVATE KEY", privateKey.getEncoded()), "rw-------");
            write(certificate, pem("CERTIFICATE", x509.getEncoded()), "rw-r--r--");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keytool made a store that cannot be read", e);
        } finally {
            try (var files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private static void keytool(Path work, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Path output = work.resolve("keytool.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool failed (exit " + process.exitValue() + "): "
                        + Files.readString(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while keytool made the certificate", e);
        }
    }

    private static void write(Path file, String content, String permissions) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        } else {
            Files.createFile(partial);
        }
        Files.writeString(partial, content, StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The DER inside the first PEM block of {@code text}. */
    static byte[] pem(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
