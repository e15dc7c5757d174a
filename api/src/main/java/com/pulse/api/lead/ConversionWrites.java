package com.pulse.api.lead;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.outbox.OutboxWriter;
import com.pulse.api.security.Caller;
import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.ContactChanged;
import com.pulse.events.ContactSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The account and contact a conversion creates, written the way the account and contact services
 * write a creation (row at version 1, a history row per present field, the CREATED event on their
 * topic). Only called inside the conversion's transaction. Those services keep their types
 * package-private; a conversion needs only the few fields a lead carries, so it writes them here.
 */
@Component
class ConversionWrites {

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final HistoryTable accountHistory;
    private final HistoryTable contactHistory;

    ConversionWrites(DatabaseClient db, OutboxWriter outbox) {
        this.db = db;
        this.outbox = outbox;
        this.accountHistory = new HistoryTable(db, "account_history", "account_id");
        this.contactHistory = new HistoryTable(db, "contact_history", "contact_id");
    }

    /** A CUSTOMER account, ACTIVE, owned by the lead's owner. */
    Mono<AccountSnapshot> account(String name, UUID ownerId, Caller caller, Instant now) {
        AccountSnapshot a = new AccountSnapshot(UUID.randomUUID(), name, null, null, null, "CUSTOMER", null, ownerId, List.of(),
                "ACTIVE", now, now, false, 1);
        var spec = db.sql("""
                        INSERT INTO accounts (id, name, type, owner_id, shared_with, status, created_at, updated_at, version)
                        VALUES (:id, :name, :type, :ownerId, '{}', :status, :at, :at, 1)""")
                .bind("id", a.id()).bind("name", a.name()).bind("type", a.type()).bind("status", a.status())
                .bind("at", now.atOffset(ZoneOffset.UTC));
        spec = ownerId == null ? spec.bindNull("ownerId", UUID.class) : spec.bind("ownerId", ownerId);
        List<FieldChange> changes = FieldChange.Diff.of(true)
                .field("name", null, a.name())
                .field("type", null, a.type())
                .field("ownerId", null, a.ownerId())
                .field("status", null, a.status())
                .changes();
        return spec.then()
                .then(accountHistory.append(a.id(), 1, caller.actor(), now, changes))
                .then(outbox.append(Topics.ACCOUNTS, "account",
                        new AccountChanged(UUID.randomUUID(), a.id(), 1, Operation.CREATED, caller.actor(), now, a)))
                .thenReturn(a);
    }

    /** The lead's person as a contact of {@code accountId}. */
    Mono<ContactSnapshot> contact(Lead lead, UUID accountId, Caller caller, Instant now) {
        ContactSnapshot c = new ContactSnapshot(UUID.randomUUID(), accountId, lead.contactName(), lead.title(), lead.phone(),
                lead.email(), null, lead.ownerId(), now, now, false, 1);
        var spec = db.sql("""
                        INSERT INTO contacts (id, account_id, name, title, phone, email, owner_id, created_at, updated_at, version)
                        VALUES (:id, :accountId, :name, :title, :phone, :email, :ownerId, :at, :at, 1)""")
                .bind("id", c.id()).bind("accountId", accountId).bind("name", c.name())
                .bind("at", now.atOffset(ZoneOffset.UTC));
        spec = c.title() == null ? spec.bindNull("title", String.class) : spec.bind("title", c.title());
        spec = c.phone() == null ? spec.bindNull("phone", String.class) : spec.bind("phone", c.phone());
        spec = c.email() == null ? spec.bindNull("email", String.class) : spec.bind("email", c.email());
        spec = c.ownerId() == null ? spec.bindNull("ownerId", UUID.class) : spec.bind("ownerId", c.ownerId());
        List<FieldChange> changes = FieldChange.Diff.of(true)
                .field("accountId", null, c.accountId())
                .field("name", null, c.name())
                .field("title", null, c.title())
                .field("phone", null, c.phone())
                .field("email", null, c.email())
                .field("ownerId", null, c.ownerId())
                .changes();
        return spec.then()
                .then(contactHistory.append(c.id(), 1, caller.actor(), now, changes))
                .then(outbox.append(Topics.CONTACTS, "contact",
                        new ContactChanged(UUID.randomUUID(), c.id(), 1, Operation.CREATED, caller.actor(), now, c)))
                .thenReturn(c);
    }
}
