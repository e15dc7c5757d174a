package com.pulse.streams.rebuild;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The source partitions a replay reads, from their first to their end offset when the plan was made. */
public record ReplayPlan(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {

    /** Every {@code crm.*.v1} partition as it is now. */
    public static ReplayPlan of(Admin admin, SourceTopics sources) throws Exception {
        List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(sources::isSource).sorted().toList();
        return new ReplayPlan(StreamsReset.Offsets.of(admin, topics, OffsetSpec.earliest()),
                StreamsReset.Offsets.of(admin, topics, OffsetSpec.latest()));
    }

    public long records() {
        return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.getOrDefault(e.getKey(), 0L)).sum();
    }
}
