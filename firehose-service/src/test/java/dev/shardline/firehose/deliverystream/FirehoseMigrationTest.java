package dev.shardline.firehose.deliverystream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.firehose.delivery.BufferingHints;
import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Source;
import dev.shardline.firehose.destination.Compression;
import dev.shardline.firehose.destination.s3.S3Destination;
import dev.shardline.firehose.destination.s3.S3Target;
import dev.shardline.keys.SecretSeal;
import dev.shardline.platform.seal.AesGcm;
import dev.shardline.platform.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** A delivery stream created before its configuration became JSON is still read, member for member, after V2. */
class FirehoseMigrationTest {

    @Test
    void aVersionOneDeliveryStreamKeepsItsS3DestinationAfterTheJsonMigration() throws SQLException {
        String database = "firehose_migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(SharedPostgres.jdbcUrl(), "postgres", "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        String url = SharedPostgres.jdbcUrl().replace("/postgres?", "/" + database + "?");
        migrate(url, MigrationVersion.fromVersion("1"));
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = db.createStatement()) {
            statement.execute("insert into firehose.delivery_stream values ('" + UUID.randomUUID()
                    + "', '000000000000', 'us-east-1', 'clicks', 'ACTIVE', 'DirectPut', 3, 'topic', now(), now(),"
                    + " 'arn:aws:iam::000000000000:role/r', 'arn:aws:s3:::bucket', 'logs/', 'errors/', 7, 120,"
                    + " 'GZIP', 0)");
        }

        migrate(url, MigrationVersion.LATEST);

        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(
                        "select source_config, destination_config from firehose.delivery_stream")) {
            assertThat(row.next()).isTrue();
            Source source = new DeliveryConfigJson.SourceConverter().convertToEntityAttribute(row.getString(1));
            Destination destination = new DeliveryConfigJson.DestinationConverter(SecretSeal.of(AesGcm.newKey()))
                    .convertToEntityAttribute(row.getString(2));
            assertThat(source).isInstanceOf(Source.DirectPut.class);
            assertThat(destination)
                    .isEqualTo(S3Destination.of(new S3Target(
                            "arn:aws:iam::000000000000:role/r",
                            "arn:aws:s3:::bucket",
                            "logs/",
                            "errors/",
                            new BufferingHints(7, 120),
                            Compression.GZIP)));
        }
    }

    private static void migrate(String url, MigrationVersion target) {
        Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .schemas("firehose")
                .createSchemas(true)
                .locations("classpath:db/migration/firehose")
                .target(target)
                .load()
                .migrate();
    }
}
