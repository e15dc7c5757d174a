package com.pulse.api.user;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Only JSON true/false: Jackson would also read any integer as a boolean ({"active": -1} → true). */
class StrictBoolean extends ValueDeserializer<Boolean> {

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.hasToken(JsonToken.VALUE_TRUE)) {
            return Boolean.TRUE;
        }
        if (p.hasToken(JsonToken.VALUE_FALSE)) {
            return Boolean.FALSE;
        }
        return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
    }
}
