/**
 * The event contract every Pulse service shares: payload records (past tense,
 * carrying event id, aggregate id, aggregate version and time), the typed
 * topic registry, the CloudEvents 1.0 codec and the Kafka serdes.
 *
 * <p>Spring-free on purpose: producers, stream processors and consumers all
 * depend on this module and nothing else to agree on the wire format.
 */
package com.pulse.events;
