package com.pulse.api.system;

/**
 * A request that cannot be carried out in the record's present state (409), that the caller's role does
 * not allow (403), or that contradicts an
 * earlier one (422, e.g. an Idempotency-Key reused with another body). The detail is shown to the client.
 */
public class RefusedException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;

    private RefusedException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** 409: e.g. deleting an opportunity that is already in the recycle bin. */
    public static RefusedException stateConflict(String detail) {
        return new RefusedException(409, "state-conflict", "Conflict with the record's state", detail);
    }

    /** 403: the caller's role does not allow this change (e.g. setting another user's password). */
    public static RefusedException forbidden(String detail) {
        return new RefusedException(403, "forbidden", "Forbidden", detail);
    }

    /** 422: e.g. an Idempotency-Key already used for a different request. */
    public static RefusedException unprocessable(String slug, String detail) {
        return new RefusedException(422, slug, "Unprocessable request", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
