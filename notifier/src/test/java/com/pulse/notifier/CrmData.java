package com.pulse.notifier;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A small known dataset written into the api's tables (schema public), as the api would have written it. */
public final class CrmData {

    private final JdbcClient jdbc;

    public CrmData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID team(String name, UUID parent) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO public.teams (id, name, parent_id) VALUES (?, ?, ?)").params(id, name, parent).update();
        return id;
    }

    public void manages(UUID manager, UUID team) {
        jdbc.sql("UPDATE public.teams SET manager_id = ? WHERE id = ?").params(manager, team).update();
    }

    /** The team binned, as the api's DELETE leaves it. */
    public void binTeam(UUID team) {
        jdbc.sql("UPDATE public.teams SET deleted_at = now() WHERE id = ?").params(team).update();
    }

    /** A user who reads English. */
    public UUID user(String name, UUID team, String role, String timeZone) {
        return user(name, team, role, timeZone, "en");
    }

    public UUID user(String name, UUID team, String role, String timeZone, String locale) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO public.users (id, name, email, team_id, roles, time_zone, locale)
                        VALUES (?, ?, ?, ?, ARRAY[?], ?, ?)""")
                .params(id, name, id + "@example.com", team, role, timeZone, locale).update();
        return id;
    }

    public UUID account(String name, UUID owner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO public.accounts (id, name, owner_id) VALUES (?, ?, ?)").params(id, name, owner).update();
        return id;
    }

    public void shareAccount(UUID account, UUID with) {
        jdbc.sql("UPDATE public.accounts SET shared_with = array_append(shared_with, ?) WHERE id = ?").params(with, account).update();
    }

    public void deleteAccount(UUID account) {
        jdbc.sql("UPDATE public.accounts SET deleted_at = now() WHERE id = ?").params(account).update();
    }

    public UUID activity(String subject, UUID account, UUID owner, Instant due, Instant completed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO public.activities (id, type, subject, account_id, owner_id, due_at, completed_at, created_at, updated_at, version)
                        VALUES (?, 'CALL', ?, ?, ?, ?, ?, now(), now(), 1)""")
                .params(id, subject, account, owner, ts(due), ts(completed)).update();
        return id;
    }

    public UUID task(String title, UUID assignee, Instant due, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO public.tasks (id, title, assignee_id, due, status, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, now(), now(), 1)""")
                .params(id, title, assignee, ts(due), status).update();
        return id;
    }

    public UUID contact(String name, UUID account, UUID owner, LocalDate birthday) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO public.contacts (id, account_id, name, birthday, owner_id, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, now(), now(), 1)""")
                .params(id, account, name, birthday, owner).update();
        return id;
    }

    /** An open deal created at {@code created}, in {@code stage} since {@code stageSince} (null: since creation, no history). */
    public UUID deal(String name, UUID owner, String stage, Instant created, Instant stageSince, Instant closed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO public.opportunities (id, owner_id, name, stage, amount, currency, amount_base, probability,
                            forecast_category, closed_at, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, 1000, 'CNY', 1000, 10, ?, ?, ?, ?, 1)""")
                .params(id, owner, name, stage, closed == null ? "PIPELINE" : "CLOSED", ts(closed), ts(created), ts(created))
                .update();
        if (stageSince != null) {
            history(id, "PROSPECTING", stage, stageSince);
        }
        return id;
    }

    public void history(UUID deal, String from, String to, Instant at) {
        history(deal, 2, from, to, at);
    }

    /** The stage row the api writes with version {@code version} of a deal when that change moves its stage. */
    public void history(UUID deal, long version, String from, String to, Instant at) {
        jdbc.sql("""
                        INSERT INTO public.opportunity_history (opportunity_id, version, field, old_value, new_value, actor, changed_at)
                        VALUES (?, ?, 'stage', ?, ?, 'test', ?)""")
                .params(deal, version, from, to, ts(at)).update();
    }

    /** A deal closed at {@code closed} in {@code stage} (CLOSED_WON or CLOSED_LOST) for {@code amountBase} in the base currency. */
    public UUID closedDeal(String name, UUID owner, String stage, String amountBase, Instant closed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO public.opportunities (id, owner_id, name, stage, amount, currency, amount_base, probability,
                            forecast_category, closed_at, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, CAST(? AS numeric), 'CNY', CAST(? AS numeric), ?, ?, ?, ?, ?, 2)""")
                .params(id, owner, name, stage, amountBase, amountBase, stage.equals("CLOSED_WON") ? 100 : 0,
                        stage.equals("CLOSED_WON") ? "CLOSED" : "OMITTED", ts(closed), ts(closed.minusSeconds(86_400 * 30)),
                        ts(closed))
                .update();
        return id;
    }

    public void deleteDeal(UUID deal) {
        jdbc.sql("UPDATE public.opportunities SET deleted_at = now() WHERE id = ?").params(deal).update();
    }

    /** A live target as the api stores it: {@code period} in the api's form (2027, 2027-Q2, 2027-06). */
    public UUID target(String scopeType, UUID scopeId, String period, String metric, String value) {
        UUID id = UUID.randomUUID();
        String periodType = period.length() == 4 ? "YEAR" : period.contains("Q") ? "QUARTER" : "MONTH";
        jdbc.sql("""
                        INSERT INTO public.targets (id, scope_type, scope_id, period_type, period, metric, value, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, CAST(? AS numeric), now(), now(), 1)""")
                .params(id, scopeType, scopeId, periodType, period, metric, value).update();
        return id;
    }

    public void deleteTarget(UUID target) {
        jdbc.sql("UPDATE public.targets SET deleted_at = now() WHERE id = ?").params(target).update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
