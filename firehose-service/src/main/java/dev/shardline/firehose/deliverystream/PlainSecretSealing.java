package dev.shardline.firehose.deliverystream;

import dev.shardline.keys.SecretSeal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * At start, seals the secrets that an older version left in plain text in delivery streams' rows. Each row is
 * rewritten only if nobody changed it meanwhile; a row changed concurrently was written sealed by that change.
 */
@Component
class PlainSecretSealing {

    private static final Logger log = LoggerFactory.getLogger(PlainSecretSealing.class);

    private final JdbcTemplate jdbc;
    private final DestinationSecrets secrets;

    PlainSecretSealing(JdbcTemplate jdbc, SecretSeal seal) {
        this.jdbc = jdbc;
        this.secrets = new DestinationSecrets(seal);
    }

    @EventListener(ApplicationReadyEvent.class)
    void sealAtStart() {
        int sealed = sealPlainSecrets();
        if (sealed > 0) {
            log.info("Sealed the plain secrets of {} delivery stream(s) under the master key", sealed);
        }
    }

    /** The number of rows whose secrets were sealed. */
    int sealPlainSecrets() {
        String plain = DestinationSecrets.MEMBERS.stream()
                .map(m -> "jsonb_typeof(destination_config::jsonb -> '" + m + "') = 'string'")
                .reduce((a, b) -> a + " or " + b)
                .orElseThrow();
        List<Map<String, Object>> rows =
                jdbc.queryForList("select id, destination_config from firehose.delivery_stream where " + plain);
        int sealed = 0;
        for (Map<String, Object> row : rows) {
            String json = (String) row.get("destination_config");
            ObjectNode tree = (ObjectNode) DeliveryConfigJson.JSON.readTree(json);
            if (secrets.seal(tree)) {
                sealed += jdbc.update(
                        "update firehose.delivery_stream set destination_config = ? where id = ? and destination_config = ?",
                        DeliveryConfigJson.JSON.writeValueAsString(tree),
                        (UUID) row.get("id"),
                        json);
            }
        }
        return sealed;
    }
}
