package com.pulse.streams.dimensions;

import com.pulse.events.TargetChanged;
import com.pulse.events.TeamChanged;
import com.pulse.events.UserChanged;
import com.pulse.streams.forecast.ForecastCell;
import com.pulse.streams.funnel.FunnelCell;

/**
 * One input of the scopes task, exactly one field set: an owner funnel cell or a COMPANY/OWNER forecast cell
 * after a change ({@code cellKey} = its Kafka key), or a user, team or target event.
 */
public record ScopeInput(String cellKey, FunnelCell funnel, ForecastCell forecast, UserChanged user, TeamChanged team,
                         TargetChanged target) {

    static ScopeInput ofFunnel(String key, FunnelCell cell) {
        return new ScopeInput(key, cell, null, null, null, null);
    }

    static ScopeInput ofForecast(String key, ForecastCell cell) {
        return new ScopeInput(key, null, cell, null, null, null);
    }

    static ScopeInput of(UserChanged e) {
        return new ScopeInput(null, null, null, e, null, null);
    }

    static ScopeInput of(TeamChanged e) {
        return new ScopeInput(null, null, null, null, e, null);
    }

    static ScopeInput of(TargetChanged e) {
        return new ScopeInput(null, null, null, null, null, e);
    }
}
