package com.pulse.streams;

import com.pulse.events.DeadLetter;
import com.pulse.events.EventJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Builds the {@code pulse.dlq.v1} value for a record that could not be processed. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static byte[] of(String topic, int partition, long offset, String consumer, Throwable reason, byte[] payload, Instant at) {
        return EventJson.write(new DeadLetter(topic, partition, offset, consumer, reason(reason), text(payload), at));
    }

    private static String reason(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    }

    /** The payload as UTF-8 text, or Base64 when it is not valid UTF-8 (DeadLetter's contract). */
    static String text(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return Base64.getEncoder().encodeToString(payload);
        }
    }
}
