package org.isms.control.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.isms.control.domain.RiskRef;
import org.isms.control.service.Soa.Entry;
import org.isms.control.service.Soa.Statement;

/**
 * The statement as a PDF (Apache PDFBox) for a Stage 1 auditor: A4 landscape, a heading with the organization,
 * version, approver and counts, then one row per control with its answer, reason, status, effectiveness and risks,
 * text wrapped in its column, rows carried to the next page. The standard Helvetica font has no glyphs beyond
 * Latin-1 and a few signs: a character it cannot show is written as {@code ?} (the CSV, XLSX and JSON keep it).
 */
final class SoaPdf {
    static final String MEDIA_TYPE = "application/pdf";
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float SIZE = 7.5f;
    private static final float LEADING = 9.5f;
    private static final String[] HEADERS = { "Control", "Title", "Applicable", "Reason / justification", "Status",
            "Effectiveness", "Risks" };
    private static final float[] WIDTHS = { 38, 150, 50, 250, 60, 70, 152 };

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final java.util.Map<Integer, Boolean> encodable = new java.util.HashMap<>();
    private PDDocument doc;
    private PDPageContentStream page;
    private float y;

    private SoaPdf() {
    }

    static byte[] write(String tenant, Statement s) {
        return new SoaPdf().render(tenant, s);
    }

    private byte[] render(String tenant, Statement s) {
        try (PDDocument d = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc = d;
            PDDocumentInformation info = d.getDocumentInformation();
            info.setTitle("Statement of Applicability - " + tenant);
            info.setSubject("ISO/IEC 27001:2022 6.1.3 d) and Annex A");
            info.setCreator("ISMS control-service");
            newPage();
            line(bold, 14, "Statement of Applicability - " + tenant);
            line(regular, 9, (s.number() == null ? "Current statement (not published), drawn up "
                    : "Version " + s.number() + ", published ") + s.at() + (s.publishedBy() == null ? ""
                            : " by " + s.publishedBy()));
            if (s.note() != null) {
                line(regular, 9, "Note: " + s.note());
            }
            line(regular, 9, s.applicable() + " applicable, " + s.excluded() + " excluded, " + s.undecided()
                    + " undecided, of " + s.entries().size() + " controls (ISO/IEC 27001:2022 Annex A and own).");
            y -= 6;
            header();
            for (Entry e : s.entries()) {
                row(new String[] { e.controlId(), e.title(), SoaCsv.answer(e.applicable()), text(e.reason()),
                        e.status(), e.effectiveness(), String.join("; ", e.risks().stream().map(RiskRef::title).toList()) });
            }
            page.close();
            d.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SoA PDF", e);
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PAGE);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = PAGE.getHeight() - MARGIN;
    }

    private void line(PDType1Font font, float size, String text) throws IOException {
        show(font, size, MARGIN, y - size, text);
        y -= size + 5;
    }

    private void header() throws IOException {
        float x = MARGIN;
        for (int c = 0; c < HEADERS.length; c++) {
            show(bold, SIZE, x, y - SIZE, HEADERS[c]);
            x += WIDTHS[c];
        }
        y -= LEADING + 2;
        page.moveTo(MARGIN, y + 2);
        page.lineTo(PAGE.getWidth() - MARGIN, y + 2);
        page.stroke();
    }

    private void row(String[] cells) throws IOException {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int c = 0; c < cells.length; c++) {
            List<String> l = wrap(cells[c], WIDTHS[c] - 4);
            wrapped.add(l);
            lines = Math.max(lines, l.size());
        }
        if (y - lines * LEADING < MARGIN) {
            newPage();
            header();
        }
        float x = MARGIN;
        for (int c = 0; c < cells.length; c++) {
            for (int k = 0; k < wrapped.get(c).size(); k++) {
                show(regular, SIZE, x, y - SIZE - k * LEADING, wrapped.get(c).get(k));
            }
            x += WIDTHS[c];
        }
        y -= lines * LEADING + 3;
    }

    /** The text broken into lines that fit {@code width} (words longer than a line are cut). */
    private List<String> wrap(String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : printable(text).split("\\s+")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (width(candidate) <= width) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
                current.setLength(0);
            }
            while (width(word) > width && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && width(word.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            current.append(word);
        }
        if (!current.isEmpty() || lines.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private float width(String s) throws IOException {
        return regular.getStringWidth(s) / 1000 * SIZE;
    }

    private void show(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(printable(text));
        page.endText();
    }

    /** The text with what the font cannot show replaced by {@code ?}, and line breaks by spaces. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(Character.isWhitespace(cp) ? ' ' : cp));
            out.append(encodable.computeIfAbsent(cp, k -> encodes(ch)) ? ch : "?");
        });
        return out.toString();
    }

    private boolean encodes(String ch) {
        try {
            regular.encode(ch);
            bold.encode(ch);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
