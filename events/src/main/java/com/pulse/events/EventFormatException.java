package com.pulse.events;

/** A payload that cannot be read or written in the contract's format (a poison record). */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
