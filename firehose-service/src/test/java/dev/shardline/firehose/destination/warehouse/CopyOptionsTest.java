package dev.shardline.firehose.destination.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redshift COPY options and their PostgreSQL COPY translation. */
class CopyOptionsTest {

    @Test
    void textFormatKeepsRedshiftsPipeDelimiterByDefault() {
        assertThat(CopyOptions.parse("").postgresOptions()).isEqualTo("FORMAT text, DELIMITER '|'");
        assertThat(CopyOptions.parse(null).format()).isEqualTo(CopyOptions.Format.TEXT);
    }

    @Test
    void csvDelimiterNullQuoteAndHeaderTranslate() {
        CopyOptions options =
                CopyOptions.parse("format as csv delimiter as ';' NULL AS 'it''s null' QUOTE '~' IGNOREHEADER AS 2;");
        assertThat(options.postgresOptions()).isEqualTo("FORMAT csv, DELIMITER ';', NULL 'it''s null', QUOTE '~'");
        assertThat(options.ignoreHeader()).isEqualTo(2);
        assertThat(CopyOptions.parse("CSV").postgresOptions()).isEqualTo("FORMAT csv, DELIMITER ','");
    }

    @Test
    void aTabDelimiterIsWrittenAsBackslashT() {
        assertThat(CopyOptions.parse("delimiter '\\t' gzip").delimiter()).isEqualTo('\t');
        assertThat(CopyOptions.parse("delimiter '\\t' gzip").gzip()).isTrue();
        assertThat(CopyOptions.parse("delimiter '|' escape").postgresOptions()).isEqualTo("FORMAT text, DELIMITER '|'");
    }

    @Test
    void jsonAutoBecomesCsvOfTheTargetColumns() {
        CopyOptions auto = CopyOptions.parse("JSON 'auto'");
        assertThat(auto.format()).isEqualTo(CopyOptions.Format.JSON);
        assertThat(auto.ignoreCase()).isFalse();
        assertThat(CopyOptions.parse("FORMAT AS JSON 'auto ignorecase'").ignoreCase())
                .isTrue();
        assertThat(CopyCommands.copySql("s.t", List.of("a", "b"), auto))
                .isEqualTo("COPY s.t (a, b) FROM STDIN WITH (FORMAT csv)");
    }

    @Test
    void autoDateAndTimeFormatsAreLeftToPostgres() {
        assertThat(CopyOptions.parse("CSV DATEFORMAT 'auto' TIMEFORMAT AS 'auto'")
                        .format())
                .isEqualTo(CopyOptions.Format.CSV);
    }

    @Test
    void optionsWithoutATranslationAreRefusedByName() {
        assertThatThrownBy(() -> CopyOptions.parse("CSV MAXERROR 10"))
                .isInstanceOf(AwsException.class)
                .hasMessageStartingWith("CopyOptions MAXERROR cannot be translated to PostgreSQL's COPY");
        assertThatThrownBy(() -> CopyOptions.parse("TIMEFORMAT 'epochsecs'"))
                .hasMessageContaining("TIMEFORMAT 'epochsecs' (only 'auto')");
        assertThatThrownBy(() -> CopyOptions.parse("JSON 'auto' DELIMITER ','"))
                .hasMessageContaining("JSON cannot be combined");
        assertThatThrownBy(() -> CopyOptions.parse("DELIMITER '||'")).hasMessageContaining("single ASCII character");
        assertThatThrownBy(() -> CopyOptions.parse("CSV ESCAPE")).hasMessageContaining("ESCAPE cannot be combined");
        assertThatThrownBy(() -> CopyOptions.parse("NULL AS 'x")).hasMessageContaining("unterminated");
    }
}
