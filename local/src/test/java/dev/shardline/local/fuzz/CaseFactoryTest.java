package dev.shardline.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.cbor.CBORMapper;

/** The fuzzer's own making of cases, without a server: every operation and mutation, and the same case twice. */
class CaseFactoryTest {

    private final List<Operation> operations = Shapes.awsOperations();

    @Test
    void theModelsShippedWithTheServicesGiveEveryProtocolItsOperations() {
        assertThat(operations)
                .extracting(Operation::service)
                .contains(
                        "Kinesis", "Firehose", "Kinesis Analytics V2", "Kinesis Video", "Kinesis Video Archived Media");
        assertThat(operations)
                .extracting(Operation::label)
                .contains("Kinesis.PutRecords", "Kinesis Video.CreateStream");
    }

    @Test
    void aSeedAndAnIndexMakeTheSameRequestAgain() {
        CaseFactory first = new CaseFactory(operations, new Resources(), 42);
        CaseFactory second = new CaseFactory(operations, new Resources(), 42);
        for (long index = 0; index < 3_000; index++) {
            FuzzCase a = first.make(index);
            FuzzCase b = second.make(index);
            assertThat(b.describe()).isEqualTo(a.describe());
            assertThat(b.body()).isEqualTo(a.body());
        }
    }

    @Test
    void validCborCasesDecodeAsTheTreeTheyWereMadeFrom() {
        CaseFactory cases = new CaseFactory(operations, new Resources(), 7);
        Set<String> mutations = new HashSet<>();
        int cbor = 0;
        for (long index = 0; index < 20_000; index++) {
            FuzzCase request = cases.make(index);
            mutations.add(request.mutation().split(" ", 2)[0]);
            if (request.cbor() && "VALID".equals(request.mutation())) {
                assertThat(CBORMapper.builder().build().readTree(request.body()).isObject())
                        .isTrue();
                cbor++;
            }
        }
        assertThat(cbor).isPositive();
        for (Mutations.Tree kind : Mutations.Tree.values()) {
            assertThat(mutations).as("mutations made").contains(kind.name());
        }
    }
}
