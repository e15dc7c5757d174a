package com.pulse.events;

import java.util.Objects;

/**
 * A Kafka topic with the types of its key and value, written once in {@link Topics}.
 *
 * @param name      the topic's base name, e.g. {@code crm.opportunities.v1}
 * @param keyType   the key type (aggregate id or aggregate key, as a string)
 * @param valueType the payload type
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
    }

    /**
     * The name to use on a broker whose topics are namespaced by a prefix
     * (tests give each class its own prefix; production uses none).
     */
    public String qualified(String prefix) {
        return prefix == null || prefix.isBlank() ? name : prefix + "." + name;
    }
}
