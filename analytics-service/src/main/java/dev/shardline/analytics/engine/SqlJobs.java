package dev.shardline.analytics.engine;

import dev.shardline.platform.error.AwsErrorType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Flink SQL applications: the {@code CREATE} statements run in a fresh table environment, the {@code INSERT INTO}s
 * together as one statement set, i.e. one streaming job named after the application. Planning needs no cluster, so
 * validating an application costs no Flink job.
 */
final class SqlJobs {

    private final PipelineExecutorServiceLoader executors;

    /** @param executors where the planned job goes: the embedded cluster or a remote one */
    SqlJobs(PipelineExecutorServiceLoader executors) {
        this.executors = executors;
    }

    /** Parses and plans the application, as submitting it would, without running it. */
    void validate(JobSpec.Sql code, Configuration configuration) {
        StatementSet inserts = statementSet(code, configuration);
        EngineErrors.asCodeValidation(() -> inserts.explain());
    }

    JobClient submit(JobSpec.Sql code, Configuration configuration) {
        StatementSet inserts = statementSet(code, configuration);
        TableResult result = EngineErrors.asCodeValidation(inserts::execute);
        return result.getJobClient().orElseThrow(() -> new IllegalStateException("The statement set started no job"));
    }

    private StatementSet statementSet(JobSpec.Sql code, Configuration configuration) {
        List<String> statements = SqlScript.parse(code.statements()).statements();
        if (statements.stream().noneMatch(SqlScript::isInsert)) {
            throw AwsErrorType.CODE_VALIDATION.exception(
                    "The SQL application has no INSERT INTO statement: nothing would run");
        }
        ClassLoader classLoader = SqlJobs.class.getClassLoader();
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(executors, configuration, classLoader);
        StreamTableEnvironment tables = StreamTableEnvironment.create(
                env,
                EnvironmentSettings.newInstance()
                        .inStreamingMode()
                        .withConfiguration(configuration)
                        .withClassLoader(classLoader)
                        .build());
        StatementSet inserts = tables.createStatementSet();
        for (String statement : statements) {
            Optional<Map.Entry<String, String>> option = SqlScript.setting(statement);
            if (option.isPresent()) {
                // As the SQL client does; TableEnvironment.executeSql takes no SET.
                tables.getConfig().set(option.get().getKey(), option.get().getValue());
            } else if (SqlScript.isInsert(statement)) {
                EngineErrors.asCodeValidation(() -> inserts.addInsertSql(statement));
            } else {
                EngineErrors.asCodeValidation(() -> tables.executeSql(statement));
            }
        }
        return inserts;
    }
}
