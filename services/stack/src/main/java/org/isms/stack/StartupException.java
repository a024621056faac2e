package org.isms.stack;

import java.nio.file.Path;

/** A component that did not come up; the message names it and the log to read. */
public class StartupException extends RuntimeException {
    public StartupException(String component, String problem, Path log) {
        super(component + ": " + problem + (log == null ? "" : " (log: " + log + ")"));
    }

    public StartupException(String component, String problem, Path log, Throwable cause) {
        super(component + ": " + problem + (log == null ? "" : " (log: " + log + ")"), cause);
    }
}
