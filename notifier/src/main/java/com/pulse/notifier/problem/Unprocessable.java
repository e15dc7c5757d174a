package com.pulse.notifier.problem;

/** A well-formed request that cannot be carried out as asked: 422 problem+json naming the field and why. */
public class Unprocessable extends RuntimeException {

    private final String title;
    private final String field;

    public Unprocessable(String title, String field, String detail) {
        super(detail);
        this.title = title;
        this.field = field;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
