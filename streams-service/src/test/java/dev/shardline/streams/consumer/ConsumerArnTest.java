package dev.shardline.streams.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.streams.stream.StreamRef;
import org.junit.jupiter.api.Test;

class ConsumerArnTest {

    @Test
    void isFormedAsAwsFormsItAndParsesBack() {
        ConsumerArn arn = new ConsumerArn(new StreamRef("123456789012", "eu-west-1", "orders"), "billing", 1764111600);

        assertThat(arn.toString())
                .isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/orders/consumer/billing:1764111600");
        assertThat(ConsumerArn.PATTERN.matcher(arn.toString()).matches()).isTrue();
        assertThat(ConsumerArn.parse(arn.toString())).contains(arn);
    }

    @Test
    void refusesWhatDoesNotNameAConsumer() {
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:123456789012:stream/orders"))
                .isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/c"))
                .isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:12345:stream/orders/consumer/c:1"))
                .isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:123456789012:stream/o/consumer/bad name:1"))
                .isEmpty();
        assertThat(ConsumerArn.parse(null)).isEmpty();
    }
}
