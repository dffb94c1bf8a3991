package dev.shardline.analytics.application;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** ListApplicationOperations and DescribeApplicationOperation. */
@Service
public class ApplicationOperations {

    private final ApplicationRepository applications;
    private final OperationRepository operations;

    ApplicationOperations(ApplicationRepository applications, OperationRepository operations) {
        this.applications = applications;
        this.operations = operations;
    }

    /** A page of operations, newest first; {@code next} is the NextToken of the page after, or null. */
    public record OperationPage(List<OperationView> operations, String next) {}

    /** The operations, newest first, of one kind ({@code operation}) and outcome ({@code status}) where given. */
    @Transactional(readOnly = true)
    public OperationPage list(ApplicationRef ref, String operation, String status, String nextToken, int limit) {
        Application app = find(ref);
        List<OperationView> all = operations.findByApplication(app.id()).stream()
                .map(Operation::view)
                .filter(o -> operation == null || operation.equals(o.operation()))
                .filter(o -> status == null || status.equals(o.status()))
                .toList();
        Paging<OperationView> page = Paging.of(all, nextToken, limit);
        return new OperationPage(page.items(), page.next());
    }

    @Transactional(readOnly = true)
    public OperationView describe(ApplicationRef ref, String operationId) {
        Application app = find(ref);
        return operations
                .find(app.id(), operationId)
                .orElseThrow(() -> ApplicationErrors.operationNotFound(app.name(), operationId))
                .view();
    }

    private Application find(ApplicationRef ref) {
        return applications
                .findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }
}
