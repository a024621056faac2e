package org.isms.asset.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;
import org.isms.asset.rest.AssetDtos.AssetIdentifiers;
import org.isms.asset.rest.AssetDtos.AssetRequest;
import org.isms.asset.rest.AssetDtos.Ratings;
import org.isms.asset.service.AssetService.AssetDetails;
import org.isms.asset.service.AssetService.ImportRow;
import org.isms.platform.csv.CsvWriter;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;

/**
 * The CSV form of the inventory (RFC 4180, UTF-8, header row first). Export and import use the same
 * columns, so an export imports again. Lists ({@code tags}, {@code hostnames}, {@code ipAddresses},
 * {@code externalIds}, {@code dependsOn}) are separated by {@code ;} inside their cell. A cell that a
 * spreadsheet would run as a formula is exported with a leading {@code '}, which the import removes.
 */
@ApplicationScoped
public class AssetCsv {
    public static final String MEDIA_TYPE = "text/csv";
    public static final int MAX_ROWS = 10_000;
    public static final List<String> COLUMNS = List.of("id", "name", "type", "description", "owner", "custodian",
            "location", "tags", "status", "confidentiality", "integrity", "availability", "personalData",
            "businessCritical", "hostnames", "ipAddresses", "externalIds", "dependsOn", "reviewDate");
    private static final Set<String> REQUIRED = Set.of("name", "type", "owner", "confidentiality", "integrity",
            "availability");

    private final Validator validator;

    public AssetCsv(Validator validator) {
        this.validator = validator;
    }

    /** The rows of a file, and every fault found reading it (with its line). */
    public record ParsedFile(List<ImportRow> rows, List<FieldError> faults) {
    }

    public String write(List<AssetDetails> assets) {
        CsvWriter out = new CsvWriter().line(COLUMNS);
        for (AssetDetails d : assets) {
            Asset a = d.asset();
            out.line(List.of(a.id.toString(), a.name, a.type.name(), text(a.description), a.owner, text(a.custodian),
                    text(a.location), join(a.tags), a.status.name(), String.valueOf(a.confidentiality),
                    String.valueOf(a.integrity), String.valueOf(a.availability), String.valueOf(a.personalData),
                    String.valueOf(a.businessCritical), join(a.hostnames), join(a.ipAddresses), join(a.externalIds),
                    d.dependsOn().stream().map(UUID::toString).collect(Collectors.joining(";")),
                    a.reviewDate == null ? "" : a.reviewDate.toString()));
        }
        return out.toString();
    }

    public ParsedFile read(String body) {
        List<Record> records = parse(body);
        List<FieldError> faults = new ArrayList<>();
        if (records.isEmpty()) {
            throw new InvalidInputException("file", "is empty; the first line must name the columns: " + COLUMNS);
        }
        Record header = records.get(0);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).strip();
            if (!COLUMNS.contains(name)) {
                faults.add(new FieldError(name, "is not a column; the columns are " + COLUMNS, header.line()));
            } else if (index.putIfAbsent(name, i) != null) {
                faults.add(new FieldError(name, "appears twice in the header", header.line()));
            }
        }
        REQUIRED.stream().filter(c -> !index.containsKey(c)).sorted()
                .forEach(c -> faults.add(new FieldError(c, "required column is missing", header.line())));
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the header line is not usable; nothing was imported", faults);
        }
        List<Record> data = records.subList(1, records.size());
        if (data.size() > MAX_ROWS) {
            throw new InvalidInputException("file", "has " + data.size() + " rows; import at most " + MAX_ROWS
                    + " at a time");
        }
        List<ImportRow> rows = new ArrayList<>();
        for (Record r : data) {
            if (r.cells().size() != header.cells().size()) {
                faults.add(new FieldError("row", "has " + r.cells().size() + " cells, the header has "
                        + header.cells().size(), r.line()));
                continue;
            }
            Row row = new Row(r, index, faults);
            AssetRequest request = new AssetRequest(row.text("name"), row.value("type", AssetCsv::assetType),
                    row.text("description"), row.text("owner"), row.text("custodian"), row.text("location"),
                    row.list("tags"), row.value("status", AssetCsv::assetStatus),
                    new Ratings(row.value("confidentiality", AssetCsv::rating), row.value("integrity", AssetCsv::rating),
                            row.value("availability", AssetCsv::rating)),
                    row.value("personalData", AssetCsv::flag), row.value("businessCritical", AssetCsv::flag),
                    new AssetIdentifiers(row.list("hostnames"), row.list("ipAddresses"), row.list("externalIds")),
                    row.list("dependsOn").stream().map(v -> row.parse("dependsOn", v, UUID::fromString)).toList(),
                    row.value("reviewDate", LocalDate::parse));
            UUID id = row.value("id", UUID::fromString);
            for (ConstraintViolation<AssetRequest> v : validator.validate(request)) {
                String field = v.getPropertyPath().toString().replace("classification.", "").replace("identifiers.", "");
                if (!row.failed(field)) {
                    faults.add(new FieldError(field, v.getMessage(), r.line()));
                }
            }
            if (!row.failed()) {
                rows.add(new ImportRow(r.line(), id, AssetMapper.draft(request)));
            }
        }
        return new ParsedFile(rows, faults);
    }

    /** The cells of one data row, converted one by one; a cell that does not convert is a fault of its line. */
    private static final class Row {
        private final Record record;
        private final Map<String, Integer> index;
        private final List<FieldError> faults;
        private final Set<String> failed = new java.util.HashSet<>();

        Row(Record record, Map<String, Integer> index, List<FieldError> faults) {
            this.record = record;
            this.index = index;
            this.faults = faults;
        }

        String text(String column) {
            Integer i = index.get(column);
            if (i == null) {
                return null;
            }
            String v = record.cells().get(i);
            if (v.length() > 1 && v.charAt(0) == '\'' && "=+-@\t\r".indexOf(v.charAt(1)) >= 0) {
                v = v.substring(1);
            }
            return v.isBlank() ? null : v.strip();
        }

        List<String> list(String column) {
            String v = text(column);
            return v == null ? List.of() : Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        <T> T value(String column, Function<String, T> convert) {
            String v = text(column);
            return v == null ? null : parse(column, v, convert);
        }

        <T> T parse(String column, String v, Function<String, T> convert) {
            try {
                return convert.apply(v);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                failed.add(column);
                String message = e instanceof DateTimeParseException ? "'" + v + "' is not a date (YYYY-MM-DD)"
                        : e.getMessage() != null && e.getMessage().startsWith("'") ? e.getMessage()
                        : "'" + v + "' is not a valid " + column;
                faults.add(new FieldError(column, message, record.line()));
                return null;
            }
        }

        boolean failed(String column) {
            return failed.contains(column);
        }

        boolean failed() {
            return !failed.isEmpty() || faults.stream().anyMatch(f -> f.line() != null && f.line() == record.line());
        }
    }

    private static AssetType assetType(String v) {
        return enumValue(AssetType.class, v);
    }

    private static AssetStatus assetStatus(String v) {
        return enumValue(AssetStatus.class, v);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Integer rating(String v) {
        if (!v.matches("[1-4]")) {
            throw new IllegalArgumentException("'" + v + "' is not a rating from 1 to 4");
        }
        return Integer.parseInt(v);
    }

    private static Boolean flag(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
        };
    }

    // ------------------------------------------------------------------------------------- RFC 4180

    /** One record of the file and the line it starts on (a quoted cell may span lines). */
    record Record(int line, List<String> cells) {
    }

    static List<Record> parse(String body) {
        List<Record> records = new ArrayList<>();
        String s = body.startsWith("\uFEFF") ? body.substring(1) : body;
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            int start = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean end = false;
            while (i < s.length() && !end) {
                char c = s.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < s.length() && s.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' && i < s.length() && s.charAt(i) == '\n') {
                    // CRLF: the \n ends the record
                } else if (c == '\n') {
                    line++;
                    end = true;
                } else {
                    cell.append(c);
                }
            }
            if (quoted) {
                throw new InvalidInputException("a quoted cell opened on line " + start + " is not closed",
                        List.of(new FieldError("file", "a quoted cell is not closed", start)));
            }
            cells.add(cell.toString());
            if (!(cells.size() == 1 && cells.get(0).isBlank())) {
                records.add(new Record(start, cells));
            }
        }
        return records;
    }

    private static String text(String v) {
        return v == null ? "" : v;
    }

    private static String join(String[] values) {
        return values == null ? "" : String.join(";", values);
    }
}
