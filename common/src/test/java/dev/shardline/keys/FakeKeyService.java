package dev.shardline.keys;

import dev.shardline.platform.seal.AesGcm;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory key service for unit tests: wrapped keys are serial numbers, and it counts its calls. */
public final class FakeKeyService implements KeyService {

    public final AtomicInteger generated = new AtomicInteger();
    public final AtomicInteger decrypted = new AtomicInteger();
    private final Map<ByteBuffer, byte[]> issued = new ConcurrentHashMap<>();

    @Override
    public DataKey generateDataKey(KeyScope scope, String keyId) {
        byte[] plaintext = AesGcm.newKey();
        byte[] wrapped =
                ByteBuffer.allocate(4).putInt(generated.incrementAndGet()).array();
        issued.put(ByteBuffer.wrap(wrapped), plaintext);
        return new DataKey(plaintext, wrapped, scope.keyArn(keyId));
    }

    @Override
    public byte[] decrypt(byte[] wrappedKey) {
        decrypted.incrementAndGet();
        return issued.get(ByteBuffer.wrap(wrappedKey)).clone();
    }

    @Override
    public KeyDescription describe(KeyScope scope, String keyId) {
        throw new UnsupportedOperationException();
    }
}
