package dev.shardline.analytics.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** One call that changes how an application runs (Start, Stop, Update, CreateApplicationSnapshot, Rollback). */
// Named apart from other services' entities: all-in-one runs them in one persistence unit.
@Entity(name = "AnalyticsOperation")
@Table(schema = "analytics", name = "application_operation")
class Operation {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String SUCCESSFUL = "SUCCESSFUL";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_ERROR = 512;

    @Id
    private String id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(nullable = false)
    private String operation;

    @Column(nullable = false)
    private String status;

    @Column(name = "start_time", nullable = false)
    private Instant startTime;

    @Column(name = "end_time")
    private Instant endTime;

    @Column(name = "error_string")
    private String errorString;

    @Column(name = "version_updated_from")
    private Long versionUpdatedFrom;

    @Column(name = "version_updated_to")
    private Long versionUpdatedTo;

    protected Operation() {}

    static Operation begin(UUID applicationId, String operation, Instant now) {
        Operation op = new Operation();
        op.id = newId();
        op.applicationId = applicationId;
        op.operation = operation;
        op.status = IN_PROGRESS;
        op.startTime = now;
        return op;
    }

    /** An operation that changes the version: ApplicationVersionChangeDetails. */
    Operation changingVersion(long from, long to) {
        versionUpdatedFrom = from;
        versionUpdatedTo = to;
        return this;
    }

    void succeed(Instant now) {
        end(SUCCESSFUL, null, now);
    }

    void fail(String error, Instant now) {
        end(FAILED, error, now);
    }

    void cancel(String why, Instant now) {
        end(CANCELLED, why, now);
    }

    private void end(String outcome, String error, Instant now) {
        if (!IN_PROGRESS.equals(status)) {
            return; // already ended: the first outcome stands
        }
        status = outcome;
        endTime = now;
        if (error != null) {
            errorString = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 3) + "...";
        }
    }

    /** AWS's operation ids are opaque strings; these are 22 random letters and digits. */
    private static String newId() {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    String id() {
        return id;
    }

    String status() {
        return status;
    }

    String operation() {
        return operation;
    }

    OperationView view() {
        return new OperationView(
                id, operation, status, startTime, endTime, errorString, versionUpdatedFrom, versionUpdatedTo);
    }
}
