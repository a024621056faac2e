package org.isms.platform.csv;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes RFC 4180 CSV (CRLF line ends) that is safe to open in a spreadsheet (CSV injection, OWASP):
 * <ul>
 * <li>a cell whose first character other than a space is {@code = + - @}, a tab, a carriage return or a line
 * feed gets a leading {@code '}, so it is never taken for a formula; in a list cell ({@link #list}) every
 * element is escaped so, because a spreadsheet may split the cell at its {@code ;};</li>
 * <li>every cell holding the separator {@code ,}, the list separator {@code ;} (the separator of spreadsheets
 * in many locales), a quote, a line break, the escape {@code '} or leading or trailing spaces is quoted.</li>
 * </ul>
 */
public final class CsvWriter {
    private static final String TRIGGERS = "=+-@\t\r\n";
    private final StringBuilder out = new StringBuilder();

    public CsvWriter line(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(escape(cells.get(i) == null ? "" : cells.get(i))));
        }
        out.append("\r\n");
        return this;
    }

    /** What was written so far, and a fresh start (for a streamed export: one chunk per page). */
    public String drain() {
        String s = out.toString();
        out.setLength(0);
        return s;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * A list as one cell: the elements joined by {@code ;}, each escaped on its own but the first, which
     * {@link #line} escapes with the cell (so a reader that unescapes each element gets every one back).
     */
    public static String list(Collection<?> values) {
        List<String> all = values.stream().map(String::valueOf).toList();
        return all.isEmpty() ? "" : all.get(0) + all.stream().skip(1).map(v -> ";" + escape(v))
                .collect(Collectors.joining());
    }

    /** The value with a leading {@code '} when a spreadsheet would read it as a formula. */
    static String escape(String v) {
        return needsEscape(v) ? "'" + v : v;
    }

    /** The value as it was before {@link #escape}: a reader of our exports takes the prefix back. */
    public static String unescape(String cell) {
        return cell.startsWith("'") && needsEscape(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /**
     * A formula trigger first (after spaces), or a value that itself looks escaped ({@code '=x} is written
     * {@code ''=x}), so that {@link #unescape} gives back exactly what was written.
     */
    private static boolean needsEscape(String v) {
        int quotes = 0;
        while (quotes < v.length() && v.charAt(quotes) == '\'') {
            quotes++;
        }
        int first = quotes;
        while (first < v.length() && v.charAt(first) == ' ') {
            first++; // spaces only: a tab or a line break is itself a trigger
        }
        return first < v.length() && TRIGGERS.indexOf(v.charAt(first)) >= 0;
    }

    static String quote(String v) {
        boolean needs = v.indexOf(',') >= 0 || v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0 || v.startsWith("'") || (!v.isEmpty() && (v.charAt(0) == ' '
                        || v.charAt(v.length() - 1) == ' '));
        return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
