package com.pulse.streams.sink;

import com.pulse.streams.DeadLetters;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Moves a record a sink cannot turn into rows to the dead-letter topic, and waits for Kafka's acknowledgement:
 * a letter Kafka did not take fails the batch, so the batch is retried rather than the record lost.
 */
final class SinkDeadLetter {

    private static final Logger log = LoggerFactory.getLogger(SinkDeadLetter.class);

    private final KafkaTemplate<String, byte[]> dlq;
    private final String topic;

    SinkDeadLetter(KafkaTemplate<String, byte[]> dlq, String topic) {
        this.dlq = dlq;
        this.topic = topic;
    }

    void send(ConsumerRecord<String, byte[]> record, RuntimeException reason) {
        log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason.getMessage());
        byte[] letter = DeadLetters.of(record.topic(), record.partition(), record.offset(), ClickHouseSink.CONSUMER, reason,
                record.value(), Instant.now());
        try {
            dlq.send(new ProducerRecord<>(topic, record.key(), letter)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter " + record.topic() + "@" + record.offset(), e);
        }
    }
}
