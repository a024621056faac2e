package org.isms.asset.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.isms.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The RFC 4180 reading of the import, line numbers included. */
class AssetCsvParseTest {

    @Test
    void shouldReadQuotedCellsAcrossLinesAndKeepLineNumbers() {
        var records = AssetCsv.parse("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"one\ntwo\",z\n\nlast,\n");
        assertThat(records).extracting(AssetCsv.Record::line).containsExactly(1, 2, 3, 6);
        assertThat(records.get(1).cells()).containsExactly("x, y", "say \"hi\"");
        assertThat(records.get(2).cells()).containsExactly("one\ntwo", "z");
        assertThat(records.get(3).cells()).containsExactly("last", "");
    }

    @Test
    void shouldRefuseAnUnclosedQuote() {
        assertThatThrownBy(() -> AssetCsv.parse("a\n\"open\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void shouldReadAFileWithoutTrailingNewline() {
        assertThat(AssetCsv.parse("a,b\n1,2")).extracting(AssetCsv.Record::cells)
                .containsExactly(List.of("a", "b"), List.of("1", "2"));
    }
}
