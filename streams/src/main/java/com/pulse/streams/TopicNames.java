package com.pulse.streams;

import com.pulse.events.Topics;

/** The topic names this service uses, qualified by the configured prefix (tests get their own). */
public record TopicNames(String opportunities, String aggFunnel, String aggTransitions, String aggForecast, String dlq,
                         String users, String teams, String targets, String aggForecastSnapshots, String accounts,
                         String aggOwnerTeams, String aggOpportunities) {

    public static TopicNames of(String prefix) {
        return new TopicNames(Topics.OPPORTUNITIES.qualified(prefix), Topics.AGG_FUNNEL.qualified(prefix),
                Topics.AGG_TRANSITIONS.qualified(prefix), Topics.AGG_FORECAST.qualified(prefix), Topics.DLQ.qualified(prefix),
                Topics.USERS.qualified(prefix), Topics.TEAMS.qualified(prefix), Topics.TARGETS.qualified(prefix),
                Topics.AGG_FORECAST_SNAPSHOTS.qualified(prefix), Topics.ACCOUNTS.qualified(prefix),
                Topics.AGG_OWNER_TEAMS.qualified(prefix), Topics.AGG_OPPORTUNITIES.qualified(prefix));
    }
}
