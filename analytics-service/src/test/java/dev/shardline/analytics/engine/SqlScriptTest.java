package dev.shardline.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void statementsSplitAtSemicolonsOutsideLiteralsIdentifiersAndComments() {
        SqlScript script = SqlScript.parse("""
                -- a comment; with a semicolon
                CREATE TABLE `a;b` (x STRING) WITH ('format' = 'csv', 'csv.field-delimiter' = ';');
                /* block; comment */ INSERT INTO `a;b` SELECT 'it''s; fine';
                ;;
                """);

        assertThat(script.statements())
                .containsExactly(
                        "CREATE TABLE `a;b` (x STRING) WITH ('format' = 'csv', 'csv.field-delimiter' = ';')",
                        "INSERT INTO `a;b` SELECT 'it''s; fine'");
    }

    @Test
    void setStatementsAreOptions() {
        assertThat(SqlScript.setting("SET 'table.exec.source.idle-timeout' = '5 s'"))
                .hasValue(java.util.Map.entry("table.exec.source.idle-timeout", "5 s"));
        assertThat(SqlScript.setting("CREATE TABLE t (x INT)")).isEmpty();
    }

    @Test
    void onlyInsertStatementsJoinTheJob() {
        assertThat(SqlScript.isInsert("insert into t select 1")).isTrue();
        assertThat(SqlScript.isInsert("CREATE TABLE t (x INT)")).isFalse();
    }
}
