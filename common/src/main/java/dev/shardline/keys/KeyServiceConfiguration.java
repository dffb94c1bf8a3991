package dev.shardline.keys;

import dev.shardline.platform.aws.AwsProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Imported by each service that encrypts or decrypts records (and by the all-in-one runtime once): the key service
 * that {@code shardline.kms.provider} selects, and the data-key cache in front of it. The local key service owns the
 * {@code keys} schema and its own Flyway history there, whichever services share the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KmsProperties.class, AwsProperties.class})
public class KeyServiceConfiguration {

    static final String SCHEMA = "keys";

    /** The configured master key; with both providers it seals the secrets that services keep in PostgreSQL. */
    @Bean
    MasterKey shardlineMasterKey(KmsProperties properties) {
        return MasterKey.fromConfiguration(properties.masterKey());
    }

    @Bean
    SecretSeal secretSeal(MasterKey shardlineMasterKey) {
        return new SecretSeal(shardlineMasterKey);
    }

    @Bean
    DataKeys dataKeys(KeyService keyService, KmsProperties properties, Clock clock) {
        return new DataKeys(keyService, properties, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "shardline.kms.provider", havingValue = "local", matchIfMissing = true)
    @Import(KeysRestController.class)
    static class Local {

        @Bean
        FlywayMigrationInitializer keysFlywayInitializer(DataSource dataSource) {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .locations("classpath:db/migration/keys")
                    .load();
            return new FlywayMigrationInitializer(flyway);
        }

        /** Depends on the migration, so no key is looked up before the schema exists. */
        @Bean
        LocalKeyService localKeyService(
                FlywayMigrationInitializer keysFlywayInitializer,
                JdbcTemplate jdbc,
                MasterKey shardlineMasterKey,
                Clock clock) {
            return new LocalKeyService(jdbc, shardlineMasterKey, clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "shardline.kms.provider", havingValue = "aws")
    static class Aws {

        @Bean(destroyMethod = "close")
        KmsClient shardlineKmsClient(KmsProperties properties) {
            KmsClientBuilder builder = KmsClient.builder();
            if (properties.aws().region() != null) {
                builder.region(Region.of(properties.aws().region()));
            }
            if (properties.aws().endpoint() != null) {
                builder.endpointOverride(properties.aws().endpoint());
            }
            return builder.build();
        }

        @Bean
        AwsKeyService awsKeyService(KmsClient shardlineKmsClient) {
            return new AwsKeyService(shardlineKmsClient);
        }
    }
}
