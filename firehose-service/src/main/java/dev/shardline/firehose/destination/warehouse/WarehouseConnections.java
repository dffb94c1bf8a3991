package dev.shardline.firehose.destination.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardline.firehose.delivery.DeliveryStreamEvents;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A small connection pool per warehouse (JDBC URL and user), shared by the delivery streams that load into it and
 * closed when the last of them is deleted or the application stops. Idle connections are closed after a minute, so a
 * pool whose streams were deleted on another instance holds none.
 */
@Component
class WarehouseConnections {

    private static final Logger log = LoggerFactory.getLogger(WarehouseConnections.class);
    private static final String REDSHIFT = "jdbc:redshift:";

    private final Map<Warehouse, HikariDataSource> pools = new HashMap<>();
    private final Map<UUID, Warehouse> users = new HashMap<>();
    private final AtomicInteger poolNumber = new AtomicInteger();

    /** A connection to the stream's warehouse; the caller closes it. */
    Connection connect(UUID streamId, WarehouseDestination destination) throws SQLException {
        if (destination.clusterJdbcUrl().startsWith(REDSHIFT)) {
            throw new SQLException("Amazon Redshift (" + destination.clusterJdbcUrl() + ") is not reachable from "
                    + "Shardline: it loads with PostgreSQL's COPY FROM STDIN, so use a jdbc:postgresql:// URL");
        }
        return pool(streamId, destination).getConnection();
    }

    private synchronized HikariDataSource pool(UUID streamId, WarehouseDestination destination) {
        Warehouse warehouse =
                new Warehouse(destination.clusterJdbcUrl(), destination.username(), destination.password());
        Warehouse previous = users.put(streamId, warehouse);
        if (previous != null && !previous.equals(warehouse)) {
            closeIfUnused(previous);
        }
        return pools.computeIfAbsent(warehouse, this::open);
    }

    private HikariDataSource open(Warehouse warehouse) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("firehose-warehouse-" + poolNumber.incrementAndGet());
        config.setJdbcUrl(warehouse.url());
        config.setUsername(warehouse.username());
        config.setPassword(warehouse.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1); // a warehouse that is down now is retried by the load, not refused
        log.debug(
                "Opening connection pool {} to {} as {}", config.getPoolName(), warehouse.url(), warehouse.username());
        return new HikariDataSource(config);
    }

    @EventListener
    synchronized void onRemoving(DeliveryStreamEvents.Removing removing) {
        Warehouse warehouse = users.remove(removing.id());
        if (warehouse != null) {
            closeIfUnused(warehouse);
        }
    }

    private void closeIfUnused(Warehouse warehouse) {
        if (!users.containsValue(warehouse)) {
            HikariDataSource pool = pools.remove(warehouse);
            if (pool != null) {
                log.debug("Closing connection pool {} to {}", pool.getPoolName(), warehouse.url());
                pool.close();
            }
        }
    }

    synchronized int openPools() {
        return pools.size();
    }

    @PreDestroy
    synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
        users.clear();
    }

    /** Where a pool connects; its password stays in memory and out of {@link #toString()}. */
    private record Warehouse(String url, String username, String password) {
        @Override
        public String toString() {
            return username + "@" + url;
        }
    }
}
