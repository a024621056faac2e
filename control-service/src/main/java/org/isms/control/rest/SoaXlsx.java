package org.isms.control.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.isms.control.service.Soa.Entry;
import org.isms.control.service.Soa.Statement;

/**
 * The statement as an Excel workbook (Apache POI): a sheet with one control per row, the columns of the CSV, and a
 * sheet with what the statement is (tenant, version, approver, counts). Cells are written as text, never as
 * formulas, so a justification starting with {@code =} stays text.
 */
final class SoaXlsx {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int[] WIDTHS = { 10, 45, 16, 6, 11, 60, 40, 13, 20, 14, 12, 40, 12 };

    private SoaXlsx() {
    }

    static byte[] write(String tenant, Statement s) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle wrapped = book.createCellStyle();
            wrapped.setWrapText(true);

            Sheet soa = book.createSheet("Statement of Applicability");
            Row header = soa.createRow(0);
            for (int c = 0; c < SoaCsv.COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(SoaCsv.COLUMNS.get(c));
                header.getCell(c).setCellStyle(bold);
                soa.setColumnWidth(c, WIDTHS[c] * 256);
            }
            soa.createFreezePane(0, 1);
            int r = 1;
            for (Entry e : s.entries()) {
                Row row = soa.createRow(r++);
                List<String> cells = SoaCsv.cells(e, titles -> String.join("; ", titles));
                for (int c = 0; c < cells.size(); c++) {
                    row.createCell(c).setCellValue(cells.get(c));
                    if (c == 5 || c == 6 || c == 11) {
                        row.getCell(c).setCellStyle(wrapped);
                    }
                }
            }
            soa.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, r - 1, 0, SoaCsv.COLUMNS.size() - 1));

            Sheet about = book.createSheet("About");
            String[][] facts = { { "Organization (tenant)", tenant },
                    { "Version", s.number() == null ? "current (not published)" : String.valueOf(s.number()) },
                    { s.number() == null ? "Drawn up at" : "Published at", String.valueOf(s.at()) },
                    { "Approved by", text(s.publishedBy()) }, { "Note", text(s.note()) },
                    { "Applicable", String.valueOf(s.applicable()) }, { "Excluded", String.valueOf(s.excluded()) },
                    { "Undecided", String.valueOf(s.undecided()) },
                    { "Standard", "ISO/IEC 27001:2022, 6.1.3 d) and Annex A" } };
            for (int k = 0; k < facts.length; k++) {
                Row row = about.createRow(k);
                row.createCell(0).setCellValue(facts[k][0]);
                row.getCell(0).setCellStyle(bold);
                row.createCell(1).setCellValue(facts[k][1]);
            }
            about.setColumnWidth(0, 24 * 256);
            about.setColumnWidth(1, 60 * 256);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SoA workbook", e);
        }
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
