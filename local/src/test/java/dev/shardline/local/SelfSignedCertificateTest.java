package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's self-signed certificate: made once under the data directory (the key readable by its owner only), for
 * the loopback names, reused by later starts, made again when it should name other hosts or its files are damaged.
 */
class SelfSignedCertificateTest {

    @TempDir
    Path dataDir;

    @Test
    void madeOnceForTheLoopbackNamesWithAnOwnerOnlyKey() throws Exception {
        Path tls = dataDir.resolve("tls");
        SelfSignedCertificate made = SelfSignedCertificate.loadOrCreate(tls, List.of());

        assertThat(made.created()).isTrue();
        assertThat(made.keyFile()).isEqualTo(tls.resolve("edge-key.pem"));
        assertThat(made.certificateFile()).isEqualTo(tls.resolve("edge-cert.pem"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.keyFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(made.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(made.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(SelfSignedCertificate.names(made.certificate()))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(made.certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        made.certificate().verify(made.certificate().getPublicKey()); // self-signed
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(made.certificate().getEncoded());
        assertThat(made.sha256Fingerprint())
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest))
                .hasSize(32 * 3 - 1);
        try (var left = Files.list(tls)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("edge-key.pem", "edge-cert.pem");
        }

        SelfSignedCertificate again = SelfSignedCertificate.loadOrCreate(tls, List.of());
        assertThat(again.created()).isFalse();
        assertThat(again.sha256Fingerprint()).isEqualTo(made.sha256Fingerprint());
    }

    @Test
    void madeAgainForOtherHostsOrADamagedKey() throws Exception {
        Path tls = dataDir.resolve("tls");
        SelfSignedCertificate first = SelfSignedCertificate.loadOrCreate(tls, List.of());

        SelfSignedCertificate named =
                SelfSignedCertificate.loadOrCreate(tls, List.of("shardline.example.com", "10.1.2.3"));
        assertThat(named.created()).isTrue();
        assertThat(SelfSignedCertificate.names(named.certificate()))
                .containsExactlyInAnyOrder(
                        "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "shardline.example.com", "10.1.2.3");
        assertThat(named.sha256Fingerprint()).isNotEqualTo(first.sha256Fingerprint());

        Files.writeString(named.keyFile(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        SelfSignedCertificate remade =
                SelfSignedCertificate.loadOrCreate(tls, List.of("shardline.example.com", "10.1.2.3"));
        assertThat(remade.created()).isTrue();
        assertThat(remade.sha256Fingerprint()).isNotEqualTo(named.sha256Fingerprint());
    }
}
