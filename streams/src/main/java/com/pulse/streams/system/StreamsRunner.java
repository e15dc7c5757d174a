package com.pulse.streams.system;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Starts the topology with the application context and closes it (committing) on shutdown. */
class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    private static final int START_ATTEMPTS = 10;

    private final Topology topology;
    private final Properties config;
    private final StreamsClock clock;
    private volatile KafkaStreams streams;

    StreamsRunner(Topology topology, Properties config, StreamsClock clock) {
        this.topology = topology;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            KafkaStreams candidate = new KafkaStreams(topology, config, clock);
            // A failed stream thread is replaced; its tasks resume from the last committed transaction.
            candidate.setUncaughtExceptionHandler(e -> {
                log.error("stream thread failed; replacing it", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            try {
                candidate.start();
                streams = candidate;
                log.info("Kafka Streams {} started", config.get("application.id"));
                return;
            } catch (StreamsException e) {
                // A global store's topic that KafkaAdmin has just created may not be in the metadata yet
                // ("no partitions available … when initializing global store"): try again shortly.
                candidate.close(Duration.ofSeconds(10));
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                log.warn("Kafka Streams did not start (attempt {} of {}): {}", attempt, START_ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.NOT_RUNNING : s.state();
    }
}
