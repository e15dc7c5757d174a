package com.pulse.streams.dimensions;

import com.pulse.events.ForecastChanged;
import com.pulse.events.ForecastSnapshot;
import com.pulse.events.FunnelChanged;
import com.pulse.events.OwnerTeams;

/** One output of the scopes task, exactly one field set; the topology splits them to their topics. */
record ScopeOutput(FunnelChanged funnel, ForecastChanged forecast, ForecastSnapshot snapshot, OwnerTeams ownerTeams) {

    static ScopeOutput of(FunnelChanged c) {
        return new ScopeOutput(c, null, null, null);
    }

    static ScopeOutput of(ForecastChanged c) {
        return new ScopeOutput(null, c, null, null);
    }

    static ScopeOutput of(OwnerTeams o) {
        return new ScopeOutput(null, null, null, o);
    }

    static ScopeOutput of(ForecastSnapshot s) {
        return new ScopeOutput(null, null, s, null);
    }
}
