package com.pulse.api.crud;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Makes every insert into the outbox fail while some requests run (a trigger raises), so a test
 * can prove that a change whose event cannot be written leaves nothing behind: no row, no history,
 * no outbox row. Each test class has a database of its own, so one trigger name serves all.
 */
public final class OutboxRefusal {

    private OutboxRefusal() {
    }

    /** Runs {@code requests} while every outbox insert fails. */
    public static void during(DatabaseClient db, Runnable requests) {
        during(db, null, requests);
    }

    /** Runs {@code requests} while outbox inserts for {@code topic} (all topics when null) fail. */
    public static void during(DatabaseClient db, String topic, Runnable requests) {
        db.sql("""
                CREATE FUNCTION refuse_outbox_in_test() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'outbox refused by test'; END; $$""").then().block();
        db.sql("CREATE TRIGGER refuse_outbox_in_test BEFORE INSERT ON outbox FOR EACH ROW "
                + (topic == null ? "" : "WHEN (NEW.topic = '" + topic.replace("'", "''") + "') ")
                + "EXECUTE FUNCTION refuse_outbox_in_test()").then().block();
        try {
            requests.run();
        } finally {
            db.sql("DROP TRIGGER refuse_outbox_in_test ON outbox").then().block();
            db.sql("DROP FUNCTION refuse_outbox_in_test()").then().block();
        }
    }
}
