package com.pulse.api.crud;

import com.pulse.api.system.ConflictException;
import com.pulse.api.system.InvalidRequestException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/** Optimistic locking: the version a client last saw, from {@code If-Match} or the body, against the stored one. */
public final class Versions {

    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** If-Match wins over the body's version; "*" (or neither) means any version, answered with null. */
    public static Long expected(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (bodyVersion != null && bodyVersion < 1) {
                throw new InvalidRequestException("version", "must be at least 1");
            }
            return bodyVersion;
        }
        if (ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = ETAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new InvalidRequestException("If-Match", "must be an ETag this API returned, e.g. \"3\"");
        }
        return Long.parseLong(m.group(1));
    }

    /** {@code current} when the client's expectation holds (or it has none), else a 409 naming the stored version. */
    public static <T> Mono<T> check(String what, UUID id, T current, long currentVersion, Long expected) {
        if (expected != null && expected != currentVersion) {
            return Mono.error(new ConflictException(what + " " + id + " is at version " + currentVersion
                    + ", not " + expected, currentVersion));
        }
        return Mono.just(current);
    }

    /** The guarded UPDATE touched no row: another writer got there between our read and our write. */
    public static <T> Mono<T> written(long rows, T next, String what, UUID id, long previousVersion) {
        return rows == 1 ? Mono.just(next)
                : Mono.error(new ConflictException(what + " " + id + " changed concurrently", previousVersion));
    }
}
