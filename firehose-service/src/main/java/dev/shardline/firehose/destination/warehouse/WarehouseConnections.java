package dev.shardline.firehose.destination.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shardline.firehose.delivery.DeliveryStreamEvents;
import dev.shardline.firehose.outbound.OutboundHosts;
import dev.shardline.firehose.outbound.OutboundRefusedException;
import jakarta.annotation.PreDestroy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    private static final Pattern HOST_AND_PORT = Pattern.compile("(jdbc:postgresql://)([^:/]+)(:\\d+)?(/.*)");

    private final Map<Warehouse, HikariDataSource> pools = new HashMap<>();
    private final Map<UUID, Warehouse> users = new HashMap<>();
    private final AtomicInteger poolNumber = new AtomicInteger();
    private final OutboundHosts outbound;

    WarehouseConnections(OutboundHosts outbound) {
        this.outbound = outbound;
    }

    /** A connection to the stream's warehouse; the caller closes it. */
    Connection connect(UUID streamId, WarehouseDestination destination) throws SQLException {
        if (destination.clusterJdbcUrl().startsWith(REDSHIFT)) {
            throw new SQLException("Amazon Redshift (" + destination.clusterJdbcUrl() + ") is not reachable from "
                    + "Shardline: it loads with PostgreSQL's COPY FROM STDIN, so use a jdbc:postgresql:// URL");
        }
        return pool(streamId, destination, checkedUrl(destination.clusterJdbcUrl()))
                .getConnection();
    }

    /**
     * The JDBC URL with its host replaced by the addresses it resolves to, each checked against the outbound rules: the
     * driver connects to exactly those (trying them in order), never to what a second lookup might answer.
     */
    private String checkedUrl(String jdbcUrl) throws SQLException {
        Matcher url = HOST_AND_PORT.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new SQLException("ClusterJDBCURL " + jdbcUrl + " names no host");
        }
        List<InetAddress> addresses;
        try {
            addresses = outbound.resolve(url.group(2));
        } catch (OutboundRefusedException e) {
            throw new RefusedConnection("Firehose refused to connect to " + jdbcUrl + ": " + e.getMessage());
        }
        String port = url.group(3) == null ? ":5432" : url.group(3);
        return url.group(1)
                + addresses.stream()
                        .map(a -> (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress())
                                + port)
                        .collect(Collectors.joining(","))
                + url.group(4);
    }

    private synchronized HikariDataSource pool(UUID streamId, WarehouseDestination destination, String url) {
        Warehouse warehouse = new Warehouse(url, destination.username(), destination.password());
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

    /** The warehouse's host is not one Firehose connects to. */
    static final class RefusedConnection extends SQLException {
        RefusedConnection(String message) {
            super(message);
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
