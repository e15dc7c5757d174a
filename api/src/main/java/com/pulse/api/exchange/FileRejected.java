package com.pulse.api.exchange;

/** The uploaded file as a whole cannot be imported (too big, not CSV/XLSX, bad header): a 4xx problem. */
final class FileRejected extends RuntimeException {

    private final int status;
    private final String slug;

    FileRejected(int status, String slug, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
    }

    static FileRejected badFile(String detail) {
        return new FileRejected(400, "bad-import-file", detail);
    }

    static FileRejected tooLarge(String detail) {
        return new FileRejected(413, "payload-too-large", detail);
    }

    int status() {
        return status;
    }

    String slug() {
        return slug;
    }
}
