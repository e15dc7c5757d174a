package com.pulse.streams.funnel;

import com.pulse.events.OpportunityChanged;

/** An input record after decoding: either the event, or the dead letter to publish instead. */
record Decoded(OpportunityChanged event, byte[] deadLetter) {

    static Decoded ok(OpportunityChanged event) {
        return new Decoded(event, null);
    }

    static Decoded dead(byte[] deadLetter) {
        return new Decoded(null, deadLetter);
    }

    boolean isDead() {
        return deadLetter != null;
    }
}
