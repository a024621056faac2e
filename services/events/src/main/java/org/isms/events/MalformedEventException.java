package org.isms.events;

/** An incoming event that cannot be understood: missing attributes or data of the wrong shape. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
