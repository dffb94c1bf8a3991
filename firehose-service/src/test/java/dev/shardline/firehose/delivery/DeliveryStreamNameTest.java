package dev.shardline.firehose.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.error.Validation;
import org.junit.jupiter.api.Test;

/** A delivery stream's name checks itself, in AWS's words under the member that carried it. */
class DeliveryStreamNameTest {

    @Test
    void aNameOfTheModelsCharactersNamesAStreamInAnAccountAndRegion() {
        DeliveryStreamName name = new DeliveryStreamName("orders_2026.v-1");

        assertThat(name.in("000000000000", "us-east-1"))
                .isEqualTo(new DeliveryStreamRef("000000000000", "us-east-1", "orders_2026.v-1"));
    }

    @Test
    void aNameOutsideThePatternIsAValidationExceptionNamingItsMember() {
        assertThatThrownBy(() -> DeliveryStreamName.of(Validation.of(), "name", "no spaces"))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).errorType()).isEqualTo(AwsErrorType.VALIDATION))
                .hasMessageContaining("Value 'no spaces' at 'name' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void aMissingOrTooLongNameIsRefused() {
        assertThatThrownBy(() -> new DeliveryStreamName(null))
                .hasMessageContaining("at 'deliveryStreamName' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> new DeliveryStreamName("a".repeat(65)))
                .hasMessageContaining("Member must have length less than or equal to 64");
    }
}
