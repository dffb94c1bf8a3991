package dev.shardline.platform.auth;

import dev.shardline.platform.error.AwsErrorType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A streamed body checked against the SHA-256 its signer declared in X-Amz-Content-Sha256: the signature covers the
 * declared hash, and this covers the body, once it has been read to its end. The action has then seen the bytes
 * already: a streamed body is only as safe as what the action does before its last read.
 */
public final class PayloadDigest extends FilterInputStream {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final MessageDigest digest;
    private final String expected;
    private boolean checked;

    private PayloadDigest(InputStream in, String expected) {
        super(in);
        this.expected = expected;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a declared X-Amz-Content-Sha256 is a hash the body can be checked against (not UNSIGNED-PAYLOAD). */
    public static boolean isHash(String declared) {
        return declared != null && SHA256_HEX.matcher(declared).matches();
    }

    public static InputStream checked(InputStream in, String expectedSha256Hex) {
        return new PayloadDigest(in, expectedSha256Hex);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            digest.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must be hashed too
        int read = read(new byte[(int) Math.min(Math.max(n, 0), 8192)]);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!MessageDigest.isEqual(
                actual.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
            throw AwsErrorType.INVALID_SIGNATURE.exception(SigV4Verifier.SIGNATURE_MISMATCH);
        }
    }
}
