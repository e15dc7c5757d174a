package com.pulse.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountRulesTests {

    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-27T02:00:00Z");

    private static CreateAccount create(String name, String tier, String type, List<UUID> sharedWith) {
        return new CreateAccount(name, null, null, tier, type, null, null, sharedWith, null);
    }

    @Test
    void aValidAccountGetsDefaultsAndDistinctSharing() {
        UUID user = UUID.randomUUID();
        CreateAccount request = create("  Huaxin  ", "A", null, List.of(user, user));

        assertThat(AccountRules.validate(request)).isEmpty();
        Account account = AccountRules.create(UUID.randomUUID(), request, T0);

        assertThat(account.name()).isEqualTo("Huaxin");
        assertThat(account.type()).isEqualTo("CUSTOMER");
        assertThat(account.status()).isEqualTo("ACTIVE");
        assertThat(account.sharedWith()).containsExactly(user);
        assertThat(account.version()).isEqualTo(1);
    }

    @Test
    void everyBadFieldIsNamed() {
        List<FieldProblem> errors = AccountRules.validate(new CreateAccount(" ", "\u0007", "R".repeat(101), "E", "customer",
                null, null, Arrays.asList(UUID.randomUUID(), null), "CLOSED"));

        assertThat(errors).extracting(FieldProblem::field)
                .containsExactly("name", "industry", "region", "tier", "type", "status", "sharedWith");
        assertThat(AccountRules.validate(create(null, null, null, null))).extracting(FieldProblem::field).containsExactly("name");
        assertThat(AccountRules.validate(create("N".repeat(201), null, null, null))).extracting(FieldProblem::field).containsExactly("name");
    }

    @Test
    void anEmptyPatchOrAVersionBelowOneIsRefused() {
        assertThat(AccountRules.validate(new UpdateAccount(null, null, null, null, null, null, null, null, null, 0L)))
                .extracting(FieldProblem::field).containsExactly("version", "body");
    }

    @Test
    void historyListsExactlyTheChangedFields() {
        Account before = AccountRules.create(UUID.randomUUID(), create("Huaxin", "C", null, null), T0);
        UUID user = UUID.randomUUID();
        Account after = AccountRules.update(before,
                new UpdateAccount(null, null, null, "A", "CUSTOMER", null, null, List.of(user), null, null), T1);

        assertThat(after.version()).isEqualTo(2);
        assertThat(after.updatedAt()).isEqualTo(T1);
        assertThat(AccountRules.changes(before, after)).containsExactly(
                new FieldChange("tier", "C", "A"), new FieldChange("sharedWith", null, user.toString()));
        assertThat(AccountRules.changes(after, after.binned(T1, T1))).containsExactly(new FieldChange("deleted", "false", "true"));
        assertThat(AccountRules.changes(null, before)).extracting(FieldChange::field)
                .containsExactly("name", "tier", "type", "status");
    }
}
