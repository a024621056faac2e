package org.isms.platform.csv;

import java.util.List;

/**
 * Writes RFC 4180 CSV (CRLF line ends, quotes only where needed) that is safe to open in a spreadsheet:
 * a cell starting with {@code = + - @}, a tab or a carriage return is prefixed with {@code '} so that it is
 * never taken for a formula (CSV injection).
 */
public final class CsvWriter {
    private final StringBuilder out = new StringBuilder();

    public CsvWriter line(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i) == null ? "" : cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String quote(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("'")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
