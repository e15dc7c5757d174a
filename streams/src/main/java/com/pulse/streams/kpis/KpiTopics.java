package com.pulse.streams.kpis;

import com.pulse.events.Topics;

/** The topics the KPI task reads and writes, qualified by the configured prefix (tests get their own). */
public record KpiTopics(String opportunities, String leads, String activities, String accounts, String targets, String ownerTeams,
                        String aggKpis, String aggLeads, String aggActivities, String dlq) {

    public static KpiTopics of(String prefix) {
        return new KpiTopics(Topics.OPPORTUNITIES.qualified(prefix), Topics.LEADS.qualified(prefix), Topics.ACTIVITIES.qualified(prefix),
                Topics.ACCOUNTS.qualified(prefix), Topics.TARGETS.qualified(prefix), Topics.AGG_OWNER_TEAMS.qualified(prefix),
                Topics.AGG_KPIS.qualified(prefix), Topics.AGG_LEADS.qualified(prefix), Topics.AGG_ACTIVITIES.qualified(prefix),
                Topics.DLQ.qualified(prefix));
    }
}
