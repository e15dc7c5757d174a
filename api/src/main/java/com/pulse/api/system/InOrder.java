package com.pulse.api.system;

import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuple3;
import reactor.util.function.Tuple4;
import reactor.util.function.Tuples;

/**
 * {@code Mono.zip} for reads that run in one transaction: the sources are subscribed one after the other, never at
 * the same time. Inside a transaction every statement shares the transaction's single connection, and the
 * PostgreSQL R2DBC driver expects one user of a connection at a time (its maintainers: PostgreSQL does not multiplex
 * a connection); {@code Mono.zip} would put several statements on it at once. The checks these join are a few
 * indexed lookups each, so doing them in turn costs well under a millisecond. As with {@code Mono.zip}, an empty
 * source makes the result empty and the first error ends it.
 */
public final class InOrder {

    private InOrder() {
    }

    public static <A, B> Mono<Tuple2<A, B>> zip(Mono<A> a, Mono<B> b) {
        return a.flatMap(x -> b.map(y -> Tuples.of(x, y)));
    }

    public static <A, B, C> Mono<Tuple3<A, B, C>> zip(Mono<A> a, Mono<B> b, Mono<C> c) {
        return zip(a, b).flatMap(ab -> c.map(z -> Tuples.of(ab.getT1(), ab.getT2(), z)));
    }

    public static <A, B, C, D> Mono<Tuple4<A, B, C, D>> zip(Mono<A> a, Mono<B> b, Mono<C> c, Mono<D> d) {
        return zip(a, b, c).flatMap(abc -> d.map(w -> Tuples.of(abc.getT1(), abc.getT2(), abc.getT3(), w)));
    }
}
