package com.pulse.streams.sink;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.streams.TopicNames;
import com.pulse.streams.system.PulseProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The sink's consumer: read_committed (only what the streams transactions committed), batches by
 * size ({@code max.poll.records}) and time ({@code fetch.min.bytes} / {@code fetch.max.wait.ms}),
 * offsets committed by the container after the listener returned, and a failed batch retried with
 * exponential back-off for as long as it takes: ClickHouse being down delays the sink, never loses data.
 */
@Configuration(proxyBeanMethods = false)
class SinkConfig {

    @Bean
    String sinkGroupId(PulseProperties pulse) {
        return pulse.kafka().qualify(ClickHouseSink.CONSUMER);
    }

    @Bean
    ClickHouseSink clickHouseSink(ClickHouseGateway gateway, KafkaTemplate<String, byte[]> sinkDeadLetters, TopicNames topics,
                                  PulseProperties pulse) {
        return new ClickHouseSink(gateway, sinkDeadLetters, topics, pulse.company().timeZone());
    }

    @Bean
    KafkaTemplate<String, byte[]> sinkDeadLetters(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> sinkContainerFactory(KafkaProperties kafka, PulseProperties pulse) {
        PulseProperties.Sink sink = pulse.sink();
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sink.maxPollRecords());
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, sink.fetchMinBytes());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) sink.fetchMaxWait().toMillis());

        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props));
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        ExponentialBackOff backOff = new ExponentialBackOff(sink.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(sink.retryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
