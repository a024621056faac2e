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
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;
import org.isms.asset.rest.AssetDtos.AssetIdentifiers;
import org.isms.asset.rest.AssetDtos.AssetRequest;
import org.isms.asset.rest.AssetDtos.Ratings;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.service.AssetGraph;
import org.isms.asset.service.AssetImport.ImportRow;
import org.isms.platform.csv.CsvReader;
import org.isms.platform.csv.CsvWriter;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.json.NoNulStrings;

/**
 * The CSV form of the inventory (RFC 4180, UTF-8, header row first). Export and import use the same
 * columns, so an export imports again. Lists ({@code tags}, {@code hostnames}, {@code ipAddresses},
 * {@code externalIds}, {@code dependsOn}) are separated by {@code ;} inside their cell. A cell (or list
 * element) that a spreadsheet would run as a formula is exported with a leading {@code '}, which the import
 * removes.
 *
 * <p>The import's work is bounded while the file is read, not after: at most {@link #MAX_ROWS} rows,
 * {@link AssetGraph#MAX_DEPENDENCIES} dependencies per row and {@link #MAX_EDGES} in all, and reading stops
 * after {@link #MAX_FAULTS} faults; the body's size is capped by the HTTP layer as it arrives
 * ({@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class AssetCsv {
    /**
     * A CMDB export of 100,000 assets imports in one file (about a minute at most; asset-service README,
     * "Performance"); at ~250 bytes a row it fits the 32 MiB body limit.
     */
    public static final int MAX_ROWS = 100_000;
    /** Two dependencies a row on average at the row cap: what CMDB exports hold (an application, its servers, a site). */
    public static final int MAX_EDGES = 200_000;
    public static final int MAX_FAULTS = 1_000;
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

    /** The header line of an export. */
    public String header() {
        return new CsvWriter().line(COLUMNS).drain();
    }

    /** The lines of these assets, as one chunk of an export. */
    public String lines(List<AssetDetails> assets) {
        CsvWriter out = new CsvWriter();
        for (AssetDetails d : assets) {
            Asset a = d.asset();
            out.line(List.of(a.id.toString(), a.name, a.type.name(), text(a.description), a.owner, text(a.custodian),
                    text(a.location), join(a.tags), a.status.name(), String.valueOf(a.confidentiality),
                    String.valueOf(a.integrity), String.valueOf(a.availability), String.valueOf(a.personalData),
                    String.valueOf(a.businessCritical), join(a.hostnames), join(a.ipAddresses), join(a.externalIds),
                    CsvWriter.list(d.dependsOn()), a.reviewDate == null ? "" : a.reviewDate.toString()));
        }
        return out.drain();
    }

    /** Reads a file, record by record, stopping as soon as one of the caps is passed. Blocks: call it off the event loop. */
    public ParsedFile read(String body) {
        CsvReader reader = CsvReader.of(body);
        if (!reader.hasNext()) {
            throw new InvalidInputException("file", "is empty; the first line must name the columns: " + COLUMNS);
        }
        List<FieldError> faults = new ArrayList<>();
        CsvReader.Record header = reader.next();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).strip();
            if (!COLUMNS.contains(name)) {
                faults.add(new FieldError(name.replace('\0', '?'), "is not a column; the columns are " + COLUMNS,
                        header.line()));
            } else if (index.putIfAbsent(name, i) != null) {
                faults.add(new FieldError(name, "appears twice in the header", header.line()));
            }
        }
        REQUIRED.stream().filter(c -> !index.containsKey(c)).sorted()
                .forEach(c -> faults.add(new FieldError(c, "required column is missing", header.line())));
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the header line is not usable; nothing was imported", faults);
        }
        List<ImportRow> rows = new ArrayList<>();
        int read = 0;
        long edges = 0;
        while (reader.hasNext()) {
            CsvReader.Record r = reader.next();
            if (++read > MAX_ROWS) {
                throw new InvalidInputException("file", "has more than " + MAX_ROWS + " rows (reading stopped at line "
                        + r.line() + "); import at most " + MAX_ROWS + " at a time");
            }
            if (r.cells().size() != header.cells().size()) {
                faults.add(new FieldError("row", "has " + r.cells().size() + " cells, the header has "
                        + header.cells().size(), r.line()));
            } else if (!nulFree(r, index, faults)) {
                // named above, cell by cell
            } else {
                Row row = new Row(r, index, faults);
                List<String> dependsOn = row.list("dependsOn");
                edges += dependsOn.size();
                if (edges > MAX_EDGES) {
                    throw new InvalidInputException("dependsOn", "the file names more than " + MAX_EDGES
                            + " dependencies in all (reading stopped at line " + r.line() + "); import it in parts");
                }
                if (dependsOn.size() > AssetGraph.MAX_DEPENDENCIES) {
                    faults.add(new FieldError("dependsOn", "has " + dependsOn.size() + " dependencies; at most "
                            + AssetGraph.MAX_DEPENDENCIES, r.line()));
                } else {
                    convert(row, r, dependsOn, faults).ifPresent(rows::add);
                }
            }
            if (faults.size() >= MAX_FAULTS) {
                throw new InvalidInputException(MAX_FAULTS + " faults by line " + r.line()
                        + " (reading stopped there); nothing was imported", faults);
            }
        }
        return new ParsedFile(rows, faults);
    }

    private java.util.Optional<ImportRow> convert(Row row, CsvReader.Record r, List<String> dependsOn,
            List<FieldError> faults) {
        AssetRequest request = new AssetRequest(row.text("name"), row.value("type", AssetCsv::assetType),
                row.text("description"), row.text("owner"), row.text("custodian"), row.text("location"),
                row.list("tags"), row.value("status", AssetCsv::assetStatus),
                new Ratings(row.value("confidentiality", AssetCsv::rating), row.value("integrity", AssetCsv::rating),
                        row.value("availability", AssetCsv::rating)),
                row.value("personalData", AssetCsv::flag), row.value("businessCritical", AssetCsv::flag),
                new AssetIdentifiers(row.list("hostnames"), row.list("ipAddresses"), row.list("externalIds")),
                dependsOn.stream().map(v -> row.parse("dependsOn", v, UUID::fromString)).toList(),
                row.value("reviewDate", LocalDate::parse));
        UUID id = row.value("id", UUID::fromString);
        for (ConstraintViolation<AssetRequest> v : validator.validate(request)) {
            String field = v.getPropertyPath().toString().replace("classification.", "").replace("identifiers.", "");
            if (!row.failed(field)) {
                faults.add(new FieldError(field, v.getMessage(), r.line()));
            }
        }
        return row.failed() ? java.util.Optional.empty()
                : java.util.Optional.of(new ImportRow(r.line(), id, AssetMapper.draft(request)));
    }

    /** Whether no cell holds a NUL character (which PostgreSQL cannot store); each one that does is a fault. */
    private static boolean nulFree(CsvReader.Record r, Map<String, Integer> index, List<FieldError> faults) {
        boolean clean = true;
        for (Map.Entry<String, Integer> column : index.entrySet()) {
            if (r.cells().get(column.getValue()).indexOf('\0') >= 0) {
                faults.add(new FieldError(column.getKey(), NoNulStrings.MESSAGE, r.line()));
                clean = false;
            }
        }
        return clean;
    }

    /** The cells of one data row, converted one by one; a cell that does not convert is a fault of its line. */
    private static final class Row {
        private final CsvReader.Record record;
        private final Map<String, Integer> index;
        private final List<FieldError> faults;
        private final Set<String> failed = new java.util.HashSet<>();

        /** How many faults the file had before this row: more after it means the row failed. */
        private final int faultsBefore;

        Row(CsvReader.Record record, Map<String, Integer> index, List<FieldError> faults) {
            this.record = record;
            this.index = index;
            this.faults = faults;
            this.faultsBefore = faults.size();
        }

        String text(String column) {
            Integer i = index.get(column);
            if (i == null) {
                return null;
            }
            String v = CsvWriter.unescape(record.cells().get(i));
            return v.isBlank() ? null : v.strip();
        }

        /** A list cell: its elements, each with the export's formula prefix taken back. */
        List<String> list(String column) {
            Integer i = index.get(column);
            if (i == null || record.cells().get(i).isBlank()) {
                return List.of();
            }
            return Arrays.stream(record.cells().get(i).split(";")).map(CsvWriter::unescape).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
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
            return !failed.isEmpty() || faults.size() > faultsBefore;
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

    private static String text(String v) {
        return v == null ? "" : v;
    }

    private static String join(String[] values) {
        return values == null ? "" : CsvWriter.list(Arrays.asList(values));
    }
}
