package org.isms.platform.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;

/**
 * Reads RFC 4180 CSV (Apache Commons CSV) one record at a time, so a caller can stop at its caps while
 * reading rather than after: each record with the line it starts on (a quoted cell may span lines). A
 * leading byte-order mark is skipped, blank lines are not records. {@link CsvWriter#unescape} takes back
 * the prefix the writer put before a cell a spreadsheet would run as a formula.
 */
public final class CsvReader implements Iterator<CsvReader.Record> {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** One record and the line it starts on (1 = the first line). */
    public record Record(int line, List<String> cells) {
    }

    private final String text;
    private final Iterator<CSVRecord> records;
    private int line = 1;
    private long counted;

    private CsvReader(String text) {
        this.text = text;
        try {
            this.records = CSVParser.parse(new StringReader(text), FORMAT).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CsvReader of(String body) {
        return new CsvReader(body.startsWith("\uFEFF") ? body.substring(1) : body);
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw unreadable();
        }
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord r;
        try {
            r = records.next();
        } catch (UncheckedIOException e) {
            throw unreadable();
        }
        // the line a record starts on: count the line breaks up to its first character (once, going forward);
        // the parser's position may still be before the blank lines it skipped
        long start = r.getCharacterPosition();
        while (start < text.length() && (text.charAt((int) start) == '\n' || text.charAt((int) start) == '\r')) {
            start++;
        }
        for (long i = counted; i < start && i < text.length(); i++) {
            if (text.charAt((int) i) == '\n') {
                line++;
            }
        }
        counted = Math.max(counted, start);
        List<String> cells = new ArrayList<>(r.size());
        r.forEach(cells::add);
        return new Record(line, cells);
    }

    /** The file cannot be read on from here: almost always a quoted cell that is never closed. */
    private InvalidInputException unreadable() {
        int at = line;
        for (long i = counted; i < text.length(); i++) {
            if (text.charAt((int) i) == '\n') {
                break;
            }
        }
        return new InvalidInputException("the file cannot be read after line " + at
                + ": a quoted cell is not closed, or a quote stands inside an unquoted cell",
                List.of(new FieldError("file", "a quoted cell is not closed", at)));
    }
}
