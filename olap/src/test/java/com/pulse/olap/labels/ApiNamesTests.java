package com.pulse.olap.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The api lookup on its own: one request per lookup, the token forwarded, the cache and its expiry, every failure. */
class ApiNamesTests {

    static final String U1 = "0a000000-0000-4000-8000-000000000001";
    static final String U2 = "0a000000-0000-4000-8000-000000000002";
    static final String T1 = "a0000000-0000-4000-8000-0000000000a1";

    final DirectoryStub api = new DirectoryStub(Map.of(U1, "王芳", U2, "Li Lei"), Map.of(T1, "East China"));
    final MutableClock clock = new MutableClock();

    @AfterEach
    void stop() {
        api.close();
    }

    ApiNames names(String url) {
        return new ApiNames(JsonMapper.builder().build(), clock, url, 60, 2000);
    }

    @Test
    void oneRequestForTheIdsWithTheCallersTokenAndUnknownIdsLeftOut() {
        String unknown = UUID.randomUUID().toString();
        ApiNames.Answer answer = names(api.url()).names(Set.of(U1, U2, T1, unknown), "Bearer abc");
        assertThat(answer.names()).isEqualTo(Map.of(U1, "王芳", U2, "Li Lei", T1, "East China"));
        assertThat(answer.failure()).isEmpty();
        assertThat(api.requests()).hasSize(1);
        assertThat(api.requests().get(0).ids()).containsExactlyInAnyOrder(U1, U2, T1, unknown);
        assertThat(api.requests().get(0).authorization()).isEqualTo("Bearer abc");
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        names(api.url()).names(Set.of(U1), null);
        assertThat(api.requests()).extracting(DirectoryStub.Request::authorization).containsExactly((String) null);
    }

    @Test
    void namesAndUnknownIdsAreCachedForTheirTimeThenAskedAgain() {
        ApiNames names = names(api.url());
        String unknown = UUID.randomUUID().toString();
        names.names(Set.of(U1, unknown), "Bearer abc");
        clock.advance(Duration.ofSeconds(59));
        ApiNames.Answer cached = names.names(Set.of(U1, unknown), "Bearer abc");
        assertThat(cached.names()).isEqualTo(Map.of(U1, "王芳"));
        assertThat(api.requests()).hasSize(1);
        // only what is not cached is asked
        names.names(Set.of(U1, U2), "Bearer abc");
        assertThat(api.requests()).hasSize(2);
        assertThat(api.requests().get(1).ids()).containsExactly(U2);
        clock.advance(Duration.ofSeconds(2));
        names.names(Set.of(U1, unknown), "Bearer abc");
        assertThat(api.requests()).hasSize(3);
        assertThat(api.requests().get(2).ids()).containsExactlyInAnyOrder(U1, unknown);
    }

    @Test
    void moreIdsThanTheApiTakesAtOnceGoInChunks() {
        Set<String> ids = IntStream.range(0, 2 * ApiNames.MAX_IDS + 1).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ids.add(U1);
        ApiNames.Answer answer = names(api.url()).names(ids, "Bearer abc");
        assertThat(answer.names()).isEqualTo(Map.of(U1, "王芳"));
        assertThat(api.requests()).hasSize(3);
        assertThat(api.requests()).allSatisfy(r -> assertThat(r.ids().size()).isLessThanOrEqualTo(ApiNames.MAX_IDS));
    }

    @Test
    void anErrorAnswerIsAFailureAndNothingIsCached() {
        ApiNames names = names(api.url());
        for (int status : new int[] {401, 403, 404, 500, 503}) {
            api.answer(status);
            ApiNames.Answer answer = names.names(Set.of(U1), "Bearer abc");
            assertThat(answer.names()).isEmpty();
            assertThat(answer.failure()).hasValue("the api answered " + status);
        }
        api.answer(200);
        assertThat(names.names(Set.of(U1), "Bearer abc").names()).isEqualTo(Map.of(U1, "王芳"));
    }

    @Test
    void anUnreachableApiIsAFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ApiNames.Answer answer = names("http://127.0.0.1:" + closed).names(Set.of(U1), "Bearer abc");
        assertThat(answer.names()).isEmpty();
        assertThat(answer.failure().orElseThrow()).startsWith("the api could not be reached");
    }

    @Test
    void noIdsNoRequest() {
        assertThat(names(api.url()).names(Set.of(), "Bearer abc").failure()).isEmpty();
        assertThat(api.requests()).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
