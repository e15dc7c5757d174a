package com.pulse.api.crud;

import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;

/** The responses every versioned entity answers with: its JSON and its version as the ETag. */
public final class Responses {

    private Responses() {
    }

    public static <T> ResponseEntity<T> created(String location, T body, long version) {
        return ResponseEntity.created(URI.create(location)).eTag(Versions.etag(version)).body(body);
    }

    /** 201 with the record; {@code Idempotent-Replayed} says whether an Idempotency-Key returned an earlier create. */
    public static <T> ResponseEntity<T> created(String location, T body, long version, boolean replayed) {
        return ResponseEntity.created(URI.create(location)).eTag(Versions.etag(version))
                .header(IdempotencyKey.REPLAYED, String.valueOf(replayed)).body(body);
    }

    public static <T> ResponseEntity<T> ok(T body, long version) {
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(body);
    }

    /** Throws a 400 carrying {@code errors} unless it is empty. */
    public static void reject(List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
