package org.isms.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 * {@code type} is stable per kind of problem ({@code urn:isms:problem:<kind>}), so clients branch on
 * it; {@code errors} lists the fields at fault for validation problems.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field at fault: its JSON path (e.g. {@code classification.confidentiality}) and what is wrong;
     * for an uploaded file also the line it is on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
