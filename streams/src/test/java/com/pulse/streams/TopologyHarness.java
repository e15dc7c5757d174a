package com.pulse.streams;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.Pipeline;
import com.pulse.streams.funnel.FunnelTopology;
import java.time.ZoneId;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole streams topology in a {@link TopologyTestDriver}, fed with {@link TestDeal}s. */
public final class TopologyHarness implements AutoCloseable {

    public static final TopicNames TOPICS = TopicNames.of("");

    public final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> opportunities;

    public TopologyHarness(ZoneId zone) {
        StreamsBuilder builder = new StreamsBuilder();
        FunnelTopology.build(builder, TOPICS, Pipeline.DEFAULT, zone);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-tests");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(builder.build(), config);
        opportunities = driver.createInputTopic(TOPICS.opportunities(), new StringSerializer(), new ByteArraySerializer());
    }

    public TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void send(TestDeal deal) {
        opportunities.pipeInput(deal.id().toString(), CloudEventCodec.encode(deal.event(), "/pulse/api"), deal.at());
    }

    @Override
    public void close() {
        driver.close();
    }
}
