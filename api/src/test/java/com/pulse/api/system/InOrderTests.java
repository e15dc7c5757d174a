package com.pulse.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class InOrderTests {

    @Test
    void eachSourceStartsOnlyAfterThePreviousOneFinished() {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        List<Integer> overlap = new CopyOnWriteArrayList<>();

        var joined = InOrder.zip(slow("a", 1, events, running, overlap), slow("b", true, events, running, overlap),
                slow("c", "x", events, running, overlap), slow("d", 4L, events, running, overlap)).block();

        assertThat(joined.getT1()).isEqualTo(1);
        assertThat(joined.getT2()).isTrue();
        assertThat(joined.getT3()).isEqualTo("x");
        assertThat(joined.getT4()).isEqualTo(4L);
        assertThat(events).containsExactly("start a", "end a", "start b", "end b", "start c", "end c", "start d", "end d");
        assertThat(overlap).as("sources running at the same time").containsOnly(1);
    }

    @Test
    void anEmptySourceMakesTheResultEmptyAndAnErrorEndsIt() {
        AtomicInteger later = new AtomicInteger();
        Mono<Boolean> counted = Mono.fromCallable(() -> later.incrementAndGet() > 0);

        assertThat(InOrder.zip(Mono.just(1), Mono.<Integer>empty(), counted).blockOptional()).isEmpty();
        assertThatThrownBy(() -> InOrder.zip(Mono.error(new IllegalStateException("first")), counted).block())
                .isInstanceOf(IllegalStateException.class).hasMessage("first");
        assertThat(later).as("nothing after an empty or failed source is subscribed").hasValue(0);
    }

    private static <T> Mono<T> slow(String name, T value, List<String> events, AtomicInteger running, List<Integer> overlap) {
        return Mono.defer(() -> {
            events.add("start " + name);
            overlap.add(running.incrementAndGet());
            return Mono.delay(Duration.ofMillis(20)).thenReturn(value)
                    .doOnNext(v -> {
                        running.decrementAndGet();
                        events.add("end " + name);
                    });
        });
    }
}
