package com.pulse.events;

import java.util.List;

/** The one registry of Pulse topics: names, key and value types. */
public final class Topics {

    /** Entity snapshots of opportunities, key = opportunity id. CloudEvents (structured JSON). */
    public static final Topic<String, OpportunityChanged> OPPORTUNITIES =
            new Topic<>("crm.opportunities.v1", String.class, OpportunityChanged.class);

    /** Entity snapshots of accounts, key = account id. CloudEvents (structured JSON). */
    public static final Topic<String, AccountChanged> ACCOUNTS =
            new Topic<>("crm.accounts.v1", String.class, AccountChanged.class);

    /** Entity snapshots of contacts, key = contact id. CloudEvents (structured JSON). */
    public static final Topic<String, ContactChanged> CONTACTS =
            new Topic<>("crm.contacts.v1", String.class, ContactChanged.class);

    /** Entity snapshots of marketing campaigns, key = campaign id. CloudEvents (structured JSON). */
    public static final Topic<String, CampaignChanged> CAMPAIGNS =
            new Topic<>("crm.campaigns.v1", String.class, CampaignChanged.class);

    /** Entity snapshots of catalogue products, key = product id. CloudEvents (structured JSON). */
    public static final Topic<String, ProductChanged> PRODUCTS =
            new Topic<>("crm.products.v1", String.class, ProductChanged.class);

    /** Entity snapshots of leads, key = lead id. CloudEvents (structured JSON). */
    public static final Topic<String, LeadChanged> LEADS =
            new Topic<>("crm.leads.v1", String.class, LeadChanged.class);

    /** Entity snapshots of activities (calls, visits, emails, meetings), key = activity id. CloudEvents (structured JSON). */
    public static final Topic<String, ActivityChanged> ACTIVITIES =
            new Topic<>("crm.activities.v1", String.class, ActivityChanged.class);

    /** Entity snapshots of tasks, key = task id. CloudEvents (structured JSON). */
    public static final Topic<String, TaskChanged> TASKS =
            new Topic<>("crm.tasks.v1", String.class, TaskChanged.class);

    /** Entity snapshots of targets (scope × period × metric → value), key = target id. CloudEvents (structured JSON). */
    public static final Topic<String, TargetChanged> TARGETS =
            new Topic<>("crm.targets.v1", String.class, TargetChanged.class);

    /** Entity snapshots of users (never a password or its hash), key = user id. CloudEvents (structured JSON). */
    public static final Topic<String, UserChanged> USERS =
            new Topic<>("crm.users.v1", String.class, UserChanged.class);

    /** Entity snapshots of teams, key = team id. CloudEvents (structured JSON). */
    public static final Topic<String, TeamChanged> TEAMS =
            new Topic<>("crm.teams.v1", String.class, TeamChanged.class);

    /** Snapshot funnel cells as they change, key = {@link FunnelChanged#key()}. Plain JSON. */
    public static final Topic<String, FunnelChanged> AGG_FUNNEL =
            new Topic<>("pulse.agg.funnel.v1", String.class, FunnelChanged.class);

    /** Stage transitions as facts, key = opportunity id. Plain JSON. */
    public static final Topic<String, StageTransitioned> AGG_TRANSITIONS =
            new Topic<>("pulse.agg.transitions.v1", String.class, StageTransitioned.class);

    /** Forecast cells (scope, month) as they change, key = {@link ForecastChanged#key()}. Plain JSON. */
    public static final Topic<String, ForecastChanged> AGG_FORECAST =
            new Topic<>("pulse.agg.forecast.v1", String.class, ForecastChanged.class);

    /** Monthly forecast snapshots (frozen on the 1st, error when the month ended), key = {@link ForecastSnapshot#key()}. Plain JSON. */
    public static final Topic<String, ForecastSnapshot> AGG_FORECAST_SNAPSHOTS =
            new Topic<>("pulse.agg.forecast-snapshots.v1", String.class, ForecastSnapshot.class);

    /** Each owner's team and team path after a user or team change, key = owner id (compacted). Plain JSON. */
    public static final Topic<String, OwnerTeams> AGG_OWNER_TEAMS =
            new Topic<>("pulse.agg.owner-teams.v1", String.class, OwnerTeams.class);

    /** Opportunity versions with owner team path and account dimensions joined in, key = opportunity id. Plain JSON. */
    public static final Topic<String, OpportunityFact> AGG_OPPORTUNITIES =
            new Topic<>("pulse.agg.opportunities.v1", String.class, OpportunityFact.class);

    /** A scope's KPIs for a period (TODAY, MTD, QTD, YTD) as they change, key = {@link KpiChanged#key()}. Plain JSON. */
    public static final Topic<String, KpiChanged> AGG_KPIS =
            new Topic<>("pulse.agg.kpis.v1", String.class, KpiChanged.class);

    /** Lead versions with the owner's team path joined in, key = lead id. Plain JSON. */
    public static final Topic<String, LeadFact> AGG_LEADS =
            new Topic<>("pulse.agg.leads.v1", String.class, LeadFact.class);

    /** Activity versions with the owner's team path joined in, key = activity id. Plain JSON. */
    public static final Topic<String, ActivityFact> AGG_ACTIVITIES =
            new Topic<>("pulse.agg.activities.v1", String.class, ActivityFact.class);

    /** Records that could not be processed, with the reason and the source offset. */
    public static final Topic<String, DeadLetter> DLQ =
            new Topic<>("pulse.dlq.v1", String.class, DeadLetter.class);

    public static final List<Topic<?, ?>> ALL =
            List.of(OPPORTUNITIES, ACCOUNTS, CONTACTS, CAMPAIGNS, PRODUCTS, LEADS, ACTIVITIES, TASKS, TARGETS, USERS, TEAMS,
                    AGG_FUNNEL, AGG_TRANSITIONS, AGG_FORECAST, AGG_FORECAST_SNAPSHOTS, AGG_OWNER_TEAMS, AGG_OPPORTUNITIES,
                    AGG_KPIS, AGG_LEADS, AGG_ACTIVITIES, DLQ);

    private Topics() {
    }
}
