package dev.shardline.firehose;

import dev.shardline.firehose.delivery.DeliveryStreamView;
import dev.shardline.firehose.outbound.HostResolver;
import dev.shardline.firehose.pipeline.BatchSink;
import dev.shardline.firehose.pipeline.PendingBatch;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** The Firehose service as its tests run it: the library's beans under a plain Boot application. */
@SpringBootApplication(scanBasePackages = "dev.shardline.firehose.testonly")
@Import(FirehoseServiceConfiguration.class)
public class TestFirehoseApplication {

    /**
     * Delivery streams whose next batch "crashes" right after its object is written and before the offsets are
     * committed: the worker gets the failure after S3 has the object, exactly as after a kill at that point.
     */
    public static final Set<String> CRASH_AFTER_NEXT_WRITE = ConcurrentHashMap.newKeySet();

    /** Every delivery by stream name, as "partition:firstOffset-lastOffset", in order. */
    public static final Map<String, List<String>> DELIVERIES = new ConcurrentHashMap<>();

    /**
     * Host names the tests control, without DNS: {@code *.metadata.shardline.test} is the cloud metadata address and
     * {@code *.example.com} a documentation address (TEST-NET-3); others as the JVM resolves them.
     */
    @Bean
    HostResolver testHostResolver() {
        return host -> host.endsWith(".example.com")
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10})}
                : host.endsWith(".metadata.shardline.test")
                        ? new InetAddress[] {
                            InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})
                        }
                        : InetAddress.getAllByName(host);
    }

    @Bean
    @Primary
    BatchSink crashAfterWriteSink(@Qualifier("deliveryPipeline") BatchSink pipeline) {
        return new BatchSink() {
            @Override
            public void deliver(DeliveryStreamView stream, PendingBatch batch) {
                pipeline.deliver(stream, batch);
                DELIVERIES
                        .computeIfAbsent(stream.ref().name(), n -> new CopyOnWriteArrayList<>())
                        .add(batch.partition() + ":" + batch.firstOffset() + "-" + batch.lastOffset());
                if (CRASH_AFTER_NEXT_WRITE.remove(stream.ref().name())) {
                    throw new IllegalStateException("simulated crash between the S3 write and the offset commit");
                }
            }
        };
    }
}
