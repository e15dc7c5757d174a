package com.pulse.api.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactRulesTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

    private static CreateContact withPhoneAndEmail(String phone, String email) {
        return new CreateContact(UUID.randomUUID(), "Li Wei", null, phone, email, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+8613812345678", "+14155552671", "+12", "+123456789012345"})
    void acceptsE164Phones(String phone) {
        assertThat(ContactRules.validate(withPhoneAndEmail(phone, null), TODAY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8613812345678", "+0861381234", "+1234567890123456", "+86 138", "+86-138", "+", "+1", "+８６１３８"})
    void refusesOtherPhones(String phone) {
        assertThat(ContactRules.validate(withPhoneAndEmail(phone, null), TODAY)).extracting(FieldProblem::field).containsExactly("phone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"li.wei@example.cn", "a+b@mail.example.com", "王芳@例子.中国"})
    void acceptsEmails(String email) {
        assertThat(ContactRules.validate(withPhoneAndEmail(null, email), TODAY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"li.wei", "li@wei", "@example.com", "li@@example.com", "li wei@example.com", "li@example..com",
            "li@example.com\n", "li@.com"})
    void refusesOtherEmails(String email) {
        assertThat(ContactRules.validate(withPhoneAndEmail(null, email), TODAY)).extracting(FieldProblem::field).containsExactly("email");
    }

    @Test
    void birthdaysLieBetween1900AndToday() {
        CreateContact today = new CreateContact(UUID.randomUUID(), "Li", null, null, null, TODAY, null);
        CreateContact tomorrow = new CreateContact(UUID.randomUUID(), "Li", null, null, null, TODAY.plusDays(1), null);
        CreateContact old = new CreateContact(UUID.randomUUID(), "Li", null, null, null, LocalDate.of(1899, 12, 31), null);

        assertThat(ContactRules.validate(today, TODAY)).isEmpty();
        assertThat(ContactRules.validate(tomorrow, TODAY)).extracting(FieldProblem::field).containsExactly("birthday");
        assertThat(ContactRules.validate(old, TODAY)).extracting(FieldProblem::field).containsExactly("birthday");
    }

    @Test
    void accountAndNameAreRequired() {
        assertThat(ContactRules.validate(new CreateContact(null, null, null, null, null, null, null), TODAY))
                .extracting(FieldProblem::field).containsExactly("accountId", "name");
    }

    @Test
    void historyListsExactlyTheChangedFields() {
        Contact before = ContactRules.create(UUID.randomUUID(), withPhoneAndEmail("+8613812345678", null), T0);
        Contact after = ContactRules.update(before,
                new UpdateContact(null, null, "CFO", "+8613812345678", null, null, null, 1L), T0.plusSeconds(1));

        assertThat(after.version()).isEqualTo(2);
        assertThat(ContactRules.changes(before, after)).containsExactly(new FieldChange("title", null, "CFO"));
    }
}
