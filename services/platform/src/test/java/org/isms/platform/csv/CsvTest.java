package org.isms.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.isms.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Reading and writing CSV: line numbers, quoting, and the escape against formula injection, both ways. */
class CsvTest {

    static List<CsvReader.Record> read(String text) {
        List<CsvReader.Record> all = new ArrayList<>();
        CsvReader.of(text).forEachRemaining(all::add);
        return all;
    }

    @Test
    void shouldReadQuotedCellsAcrossLinesAndKeepLineNumbers() {
        var records = read("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"one\ntwo\",z\n\nlast,\n");
        assertThat(records).extracting(CsvReader.Record::line).containsExactly(1, 2, 3, 6);
        assertThat(records.get(0).cells()).containsExactly("a", "b");
        assertThat(records.get(1).cells()).containsExactly("x, y", "say \"hi\"");
        assertThat(records.get(2).cells()).containsExactly("one\ntwo", "z");
        assertThat(records.get(3).cells()).containsExactly("last", "");
    }

    @Test
    void shouldReadAFileWithoutTrailingNewline() {
        assertThat(read("a,b\n1,2")).extracting(CsvReader.Record::cells).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void shouldRefuseAnUnclosedQuoteNamingWhereItStopped() {
        assertThatThrownBy(() -> read("a\nb\n\"open\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("after line 2");
    }

    @Test
    void shouldReadOneRecordAtATime() {
        // a caller stops early: records after it are never parsed (an unclosed quote further on does no harm)
        CsvReader reader = CsvReader.of("h\n1\n2\n\"never closed");
        assertThat(reader.next().cells()).containsExactly("h");
        assertThat(reader.next().cells()).containsExactly("1");
    }

    @Test
    void shouldEscapeEveryCellASpreadsheetWouldRunAsAFormula() {
        String csv = new CsvWriter().line(List.of("=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", " =lead", "plain", "a'b"))
                .toString();
        assertThat(csv).isEqualTo("\"'=1+1\",\"'+cmd\",\"'-2\",\"'@SUM(A1)\",\"'\tx\",\"' =lead\",plain,a'b\r\n");
    }

    @Test
    void shouldQuoteEveryCellHoldingASeparatorAQuoteOrALineBreak() {
        String csv = new CsvWriter().line(List.of("a,b", "a;b", "say \"x\"", "one\ntwo", "cr\rhere", " padded ")).toString();
        assertThat(csv).isEqualTo("\"a,b\",\"a;b\",\"say \"\"x\"\"\",\"one\ntwo\",\"cr\rhere\",\" padded \"\r\n");
    }

    @Test
    void shouldEscapeEachElementOfAListSoASplitCellIsSafeToo() {
        // a spreadsheet splitting "CRM;=HYPERLINK(...)" at ';' would run the second part
        String cell = CsvWriter.list(List.of("CRM", "=HYPERLINK(\"http://evil\")", "-1"));
        assertThat(cell).isEqualTo("CRM;'=HYPERLINK(\"http://evil\");'-1");
        assertThat(new CsvWriter().line(List.of(cell)).toString()).isEqualTo("\"CRM;'=HYPERLINK(\"\"http://evil\"\");'-1\"\r\n");
        // the first element is escaped with the cell, once
        assertThat(new CsvWriter().line(List.of(CsvWriter.list(List.of("@a", "b")))).toString()).isEqualTo("\"'@a;b\"\r\n");
    }

    @Test
    void shouldTakeTheEscapeBackExactly() {
        for (String v : List.of("=x", "'=x", "''=x", "'plain", "plain", "-5", " =y", "'", "''", "")) {
            assertThat(CsvWriter.unescape(CsvWriter.escape(v))).as(v).isEqualTo(v);
        }
        assertThat(CsvWriter.unescape("'hello")).as("a quote nobody added stays").isEqualTo("'hello");
    }
}
