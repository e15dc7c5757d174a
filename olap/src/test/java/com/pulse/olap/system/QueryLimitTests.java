package com.pulse.olap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class QueryLimitTests {

    @Test
    void aUsersQueriesBeyondTheLimitAreRefusedWhileOthersRunAndCountAgainOnceTheyEnd() throws Exception {
        QueryLimit limit = new QueryLimit(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // given two queries of u1 held inside the limit
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> limit.run("u1", () -> hold(release)), pool);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> limit.run("u1", () -> hold(release)), pool);
            await().until(() -> limit.running("u1") == 2);

            // then a third of u1 is refused, another user's runs, and nobody's is counted without a user
            assertThatThrownBy(() -> limit.run("u1", () -> "third")).isInstanceOf(TooManyQueries.class)
                    .extracting(e -> ((TooManyQueries) e).limit()).isEqualTo(2);
            assertThat(limit.run("u2", () -> "other user")).isEqualTo("other user");
            assertThat(limit.run(null, () -> "auth off")).isEqualTo("auth off");
            assertThat(limit.running("u1")).isEqualTo(2);

            // when they end, u1 may run again
            release.countDown();
            assertThat(first.get()).isEqualTo("held");
            assertThat(second.get()).isEqualTo("held");
            assertThat(limit.running("u1")).isZero();
            assertThat(limit.run("u1", () -> "again")).isEqualTo("again");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedQueryGivesItsPlaceBack() {
        QueryLimit limit = new QueryLimit(1);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> limit.run("u1", () -> {
                throw new IllegalStateException("ClickHouse refused it");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(limit.running("u1")).isZero();
        assertThat(limit.run("u1", () -> 1)).isEqualTo(1);
        assertThatThrownBy(() -> new QueryLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hold(CountDownLatch release) {
        try {
            release.await();
            return "held";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
