package com.pulse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Encodes domain events as CloudEvents 1.0 in structured JSON mode
 * ({@code application/cloudevents+json}) and decodes them back.
 *
 * <p>Attributes: {@code id} = event id, {@code source} = the producing service,
 * {@code type} = {@link DomainEvent#type()}, {@code subject} = aggregate id,
 * {@code time} = occurred at; extensions {@code aggregateversion} and
 * {@code operation}. The data is the event record as JSON.
 */
public final class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String EXT_VERSION = "aggregateversion";
    public static final String EXT_OPERATION = "operation";

    /** Kafka header names for binary-mode attributes we also set, so consumers can route without parsing. */
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_ID = "ce_id";

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    /*
     * Reading goes through our own mapper: the SDK's default reader turns JSON
     * numbers in the data into doubles, which loses the scale and the digits of
     * money amounts (1234.50 -> 1234.5, 99999999999999.99 -> ...98). Ours keeps
     * every number as an exact BigDecimal, trailing zeros included.
     */
    private static final ObjectMapper READER = EventJson.mapper().copy()
            .registerModule(JsonFormat.getCloudEventJacksonModule())
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private static final Map<String, Class<? extends DomainEvent>> TYPES = Map.ofEntries(
            Map.entry(OpportunityChanged.TYPE, OpportunityChanged.class),
            Map.entry(AccountChanged.TYPE, AccountChanged.class),
            Map.entry(ContactChanged.TYPE, ContactChanged.class),
            Map.entry(CampaignChanged.TYPE, CampaignChanged.class),
            Map.entry(ProductChanged.TYPE, ProductChanged.class),
            Map.entry(LeadChanged.TYPE, LeadChanged.class),
            Map.entry(ActivityChanged.TYPE, ActivityChanged.class),
            Map.entry(TaskChanged.TYPE, TaskChanged.class),
            Map.entry(TargetChanged.TYPE, TargetChanged.class),
            Map.entry(UserChanged.TYPE, UserChanged.class),
            Map.entry(TeamChanged.TYPE, TeamChanged.class));

    private CloudEventCodec() {
    }

    public static CloudEvent toCloudEvent(DomainEvent event, String source) {
        return CloudEventBuilder.v1()
                .withId(event.eventId().toString())
                .withSource(URI.create(source))
                .withType(event.type())
                .withSubject(event.aggregateId().toString())
                .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(EXT_VERSION, event.aggregateVersion())
                .withExtension(EXT_OPERATION, event.operation().name())
                .withData(EventJson.write(event))
                .build();
    }

    public static byte[] encode(DomainEvent event, String source) {
        return FORMAT.serialize(toCloudEvent(event, source));
    }

    public static CloudEvent parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EventFormatException("empty CloudEvent");
        }
        try {
            return READER.readValue(bytes, CloudEvent.class);
        } catch (IOException | RuntimeException e) {
            throw new EventFormatException("not a CloudEvents 1.0 JSON envelope: " + e.getMessage(), e);
        }
    }

    /** Decodes the event of any registered type. */
    public static DomainEvent decode(byte[] bytes) {
        CloudEvent ce = parse(bytes);
        Class<? extends DomainEvent> type = TYPES.get(ce.getType());
        if (type == null) {
            throw new EventFormatException("unknown event type '" + ce.getType() + "'");
        }
        return data(ce, type);
    }

    /** Decodes an event that must be of the given type. */
    public static <T extends DomainEvent> T decode(byte[] bytes, Class<T> type) {
        DomainEvent event = decode(bytes);
        if (!type.isInstance(event)) {
            throw new EventFormatException("expected " + type.getSimpleName() + " but got " + event.type());
        }
        return type.cast(event);
    }

    private static <T> T data(CloudEvent ce, Class<T> type) {
        CloudEventData data = ce.getData();
        if (data == null) {
            throw new EventFormatException("CloudEvent " + ce.getId() + " has no data");
        }
        if (data instanceof JsonCloudEventData json) {
            return fromTree(json.getNode(), type);
        }
        return EventJson.read(data.toBytes(), type);
    }

    private static <T> T fromTree(JsonNode node, Class<T> type) {
        try {
            return READER.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new EventFormatException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
