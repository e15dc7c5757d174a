package com.pulse.api.recyclebin;

import java.util.List;

/**
 * One entity's recycle bin as the purge sees it: its table, its history table, and the other rows
 * (live or binned) that may still point at one of its rows. A row that anything still points at is
 * kept, so a purge never breaks a reference (nor a foreign key).
 *
 * @param entity       the API's path segment, e.g. {@code accounts}
 * @param historyKey   the history table's column naming the row
 * @param references   SQL conditions, each true when some row refers to {@code t.id}
 * @param selfNesting  true for hierarchies (accounts, teams): a parent is purgeable only after its
 *                     binned children, so the purge repeats until it finds nothing more
 */
record BinnedTable(String entity, String table, String historyTable, String historyKey, List<String> references,
                   boolean selfNesting) {

    /** Purge order: rows that refer to others come before the rows they refer to. */
    static final List<BinnedTable> ALL = List.of(
            new BinnedTable("activities", "activities", "activity_history", "activity_id", List.of(), false),
            new BinnedTable("tasks", "tasks", "task_history", "task_id", List.of(), false),
            new BinnedTable("targets", "targets", "target_history", "target_id", List.of(), false),
            new BinnedTable("leads", "leads", "lead_history", "lead_id", List.of(), false),
            new BinnedTable("opportunities", "opportunities", "opportunity_history", "opportunity_id", List.of(
                    "EXISTS (SELECT 1 FROM leads r WHERE r.converted_opportunity_id = t.id)",
                    "EXISTS (SELECT 1 FROM activities r WHERE r.opportunity_id = t.id)",
                    "EXISTS (SELECT 1 FROM tasks r WHERE r.opportunity_id = t.id)"), false),
            new BinnedTable("contacts", "contacts", "contact_history", "contact_id", List.of(
                    "EXISTS (SELECT 1 FROM leads r WHERE r.converted_contact_id = t.id)",
                    "EXISTS (SELECT 1 FROM activities r WHERE r.contact_id = t.id)"), false),
            new BinnedTable("campaigns", "campaigns", "campaign_history", "campaign_id", List.of(
                    "EXISTS (SELECT 1 FROM leads r WHERE r.campaign_id = t.id)"), false),
            // Deal lines copy a product's code and name, but still name it by id.
            new BinnedTable("products", "products", "product_history", "product_id", List.of(
                    "EXISTS (SELECT 1 FROM opportunities r WHERE r.lines @> "
                            + "jsonb_build_array(jsonb_build_object('productId', t.id::text)))"), false),
            new BinnedTable("accounts", "accounts", "account_history", "account_id", List.of(
                    "EXISTS (SELECT 1 FROM accounts r WHERE r.parent_account_id = t.id)",
                    "EXISTS (SELECT 1 FROM contacts r WHERE r.account_id = t.id)",
                    "EXISTS (SELECT 1 FROM opportunities r WHERE r.account_id = t.id)",
                    "EXISTS (SELECT 1 FROM leads r WHERE r.converted_account_id = t.id)",
                    "EXISTS (SELECT 1 FROM activities r WHERE r.account_id = t.id)",
                    "EXISTS (SELECT 1 FROM tasks r WHERE r.account_id = t.id)"), true),
            new BinnedTable("users", "users", "user_history", "user_id", List.of(
                    "EXISTS (SELECT 1 FROM teams r WHERE r.manager_id = t.id)",
                    "EXISTS (SELECT 1 FROM accounts r WHERE r.owner_id = t.id OR t.id = ANY(r.shared_with))",
                    "EXISTS (SELECT 1 FROM contacts r WHERE r.owner_id = t.id)",
                    "EXISTS (SELECT 1 FROM opportunities r WHERE r.owner_id = t.id)",
                    "EXISTS (SELECT 1 FROM leads r WHERE r.owner_id = t.id)",
                    "EXISTS (SELECT 1 FROM activities r WHERE r.owner_id = t.id)",
                    "EXISTS (SELECT 1 FROM tasks r WHERE r.assignee_id = t.id)",
                    "EXISTS (SELECT 1 FROM targets r WHERE r.scope_type = 'USER' AND r.scope_id = t.id)"), false),
            new BinnedTable("teams", "teams", "team_history", "team_id", List.of(
                    "EXISTS (SELECT 1 FROM teams r WHERE r.parent_id = t.id)",
                    "EXISTS (SELECT 1 FROM users r WHERE r.team_id = t.id)",
                    "EXISTS (SELECT 1 FROM targets r WHERE r.scope_type = 'TEAM' AND r.scope_id = t.id)"), true));

    static List<String> names() {
        return ALL.stream().map(BinnedTable::entity).toList();
    }

    /** Binned rows deleted before the cut-off that nothing refers to, locked against a concurrent restore. */
    String purgeableSql() {
        String free = references.isEmpty() ? "" : " AND NOT (" + String.join(" OR ", references) + ")";
        return "SELECT t.id FROM " + table + " t WHERE t.deleted_at IS NOT NULL AND t.deleted_at < :before" + free
                + " FOR UPDATE OF t SKIP LOCKED";
    }

    String binnedCountSql() {
        return "SELECT count(*) FROM " + table + " WHERE deleted_at IS NOT NULL AND deleted_at < :before";
    }

    String deleteHistorySql() {
        return "DELETE FROM " + historyTable + " WHERE " + historyKey + " = ANY(:ids)";
    }

    String deleteRowsSql() {
        return "DELETE FROM " + table + " WHERE id = ANY(:ids)";
    }
}
