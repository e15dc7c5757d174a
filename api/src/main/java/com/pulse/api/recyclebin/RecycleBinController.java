package com.pulse.api.recyclebin;

import com.pulse.api.security.Caller;
import com.pulse.api.system.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code DELETE /api/v1/recycle-bin}: administrators only (SecurityConfig). Optional {@code entity}
 * (e.g. {@code accounts}) limits the purge to one entity; optional {@code olderThan} (an ISO date-time
 * with offset, or a date meaning its start in UTC) to rows binned before it. Answers the counts per entity.
 */
@RestController
@RequestMapping(path = "/api/v1/recycle-bin", produces = MediaType.APPLICATION_JSON_VALUE)
class RecycleBinController {

    private final RecycleBin bin;

    RecycleBinController(RecycleBin bin) {
        this.bin = bin;
    }

    @DeleteMapping
    Mono<RecycleBin.Report> purge(@RequestParam(required = false) String entity,
                                  @RequestParam(required = false) String olderThan, Caller caller) {
        List<BinnedTable> tables = entity == null ? BinnedTable.ALL
                : BinnedTable.ALL.stream().filter(t -> t.entity().equals(entity)).toList();
        if (tables.isEmpty()) {
            throw new InvalidRequestException("entity", "must be one of " + String.join(", ", BinnedTable.names()));
        }
        return bin.purge(tables, olderThan == null ? null : cutOff(olderThan), caller);
    }

    private static Instant cutOff(String olderThan) {
        try {
            return olderThan.length() == 10 ? LocalDate.parse(olderThan).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(olderThan).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("olderThan", "must be a date (YYYY-MM-DD) or a date-time with offset (ISO 8601)");
        }
    }
}
