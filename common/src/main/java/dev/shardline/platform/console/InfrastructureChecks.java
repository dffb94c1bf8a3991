package dev.shardline.platform.console;

import dev.shardline.platform.kafka.KafkaClientFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;

/** The checks every service can make: the PostgreSQL it keeps its metadata in and the Kafka it keeps records in. */
final class InfrastructureChecks {

    private static final int TIMEOUT_SECONDS = 2;

    private InfrastructureChecks() {}

    static final class PostgresCheck implements ConsoleHealthCheck {
        private final DataSource dataSource;

        PostgresCheck(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public int order() {
            return 10;
        }

        @Override
        public Health check() {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(TIMEOUT_SECONDS)) {
                    return Health.down("the connection did not answer within " + TIMEOUT_SECONDS + " s");
                }
                DatabaseMetaData meta = connection.getMetaData();
                return Health.up(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            } catch (Exception e) {
                return Health.down(e);
            }
        }
    }

    static final class KafkaCheck implements ConsoleHealthCheck, DisposableBean {
        private final KafkaClientFactory clients;
        private Admin admin;

        KafkaCheck(KafkaClientFactory clients) {
            this.clients = clients;
        }

        @Override
        public String name() {
            return "Kafka";
        }

        @Override
        public int order() {
            return 20;
        }

        @Override
        public Health check() {
            try {
                int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_SECONDS * 1000))
                        .nodes()
                        .get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS)
                        .size();
                return Health.up(brokers + (brokers == 1 ? " broker" : " brokers"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down(e);
            } catch (Exception e) {
                return Health.down(e);
            }
        }

        private synchronized Admin admin() {
            if (admin == null) {
                admin = clients.admin("shardline-console");
            }
            return admin;
        }

        @Override
        public synchronized void destroy() {
            if (admin != null) {
                admin.close();
            }
        }
    }
}
