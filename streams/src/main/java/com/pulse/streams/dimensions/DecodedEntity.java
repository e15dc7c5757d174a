package com.pulse.streams.dimensions;

/** A user, team or target record after decoding: the scopes task's input, or the dead letter to publish instead. */
record DecodedEntity(ScopeInput input, byte[] deadLetter) {
}
