package com.pulse.api.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Status moves, the disqualified reason and conversion bodies, without a database. */
class LeadRulesTests {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    private static Lead lead(String status, String reason) {
        return new Lead(UUID.randomUUID(), "WEB", null, "Co", "Li", null, null, null, status, reason, null, null, null, null,
                null, T0, T0, null, 1);
    }

    private static UpdateLead status(String status, String reason) {
        return new UpdateLead(null, null, null, null, null, null, null, status, reason, null, null);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NEW, WORKING, true", "NEW, QUALIFIED, true", "NEW, DISQUALIFIED, true",
            "WORKING, NEW, true", "WORKING, QUALIFIED, true", "WORKING, DISQUALIFIED, true",
            "QUALIFIED, WORKING, true", "QUALIFIED, DISQUALIFIED, true", "QUALIFIED, NEW, false",
            "DISQUALIFIED, NEW, true", "DISQUALIFIED, WORKING, true", "DISQUALIFIED, QUALIFIED, false",
            "NEW, NEW, true"})
    void statusMoves(String from, String to, boolean allowed) {
        List<FieldProblem> errors = new ArrayList<>();
        Lead next = LeadRules.update(lead(from, null), status(to, null), T0, errors);

        assertThat(errors.isEmpty()).isEqualTo(allowed);
        assertThat(next.status()).isEqualTo(to);
        assertThat(next.version()).isEqualTo(2);
    }

    @Test
    void theReasonStaysWhileDisqualifiedAndGoesWhenTheLeadLeaves() {
        List<FieldProblem> errors = new ArrayList<>();
        Lead out = LeadRules.update(lead("WORKING", null), status("DISQUALIFIED", " No budget "), T0, errors);
        Lead edited = LeadRules.update(out, new UpdateLead(null, null, null, null, "CIO", null, null, null, null, null, null),
                T0, errors);
        Lead back = LeadRules.update(edited, status("NEW", null), T0, errors);

        assertThat(errors).isEmpty();
        assertThat(out.disqualifiedReason()).isEqualTo("No budget");
        assertThat(edited.disqualifiedReason()).isEqualTo("No budget");
        assertThat(back.disqualifiedReason()).isNull();
        LeadRules.update(lead("NEW", null), status(null, "why"), T0, errors);
        assertThat(errors).extracting(FieldProblem::field).containsExactly("disqualifiedReason");
    }

    @Test
    void convertedIsNeitherSettableNorLeft() {
        assertThat(LeadRules.validate(status("CONVERTED", null))).extracting(FieldProblem::field).containsExactly("status");
        assertThat(LeadRules.validate(new CreateLead("WEB", null, null, "Li", null, null, null, "CONVERTED", null, null)))
                .extracting(FieldProblem::field).containsExactly("status");
        assertThat(LeadRules.MOVES.get("CONVERTED")).isEmpty();
        assertThat(LeadRules.CONVERTIBLE).doesNotContain("DISQUALIFIED", "CONVERTED");
    }

    @Test
    void aConversionTakesANewAccountNameOrAnExistingAccountNotBoth() {
        assertThat(LeadRules.validate(new ConvertLead("A", UUID.randomUUID(), null, null)))
                .extracting(FieldProblem::field).containsExactly("existingAccountId");
        assertThat(LeadRules.validate(new ConvertLead(" ", null, null, 0L)))
                .extracting(FieldProblem::field).containsExactly("accountName", "version");
        assertThat(LeadRules.validate(new ConvertLead(null, null, null, null))).isEmpty();
    }

    @Test
    void creationRecordsEveryPresentFieldAndAConversionItsIds() {
        Lead created = LeadRules.create(UUID.randomUUID(),
                new CreateLead("WEB", null, " Co ", " Li ", null, "li@example.cn", null, null, null, null), T0);
        assertThat(LeadRules.changes(null, created)).extracting(c -> c.field())
                .containsExactly("source", "company", "contactName", "email", "status");

        UUID account = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        Lead converted = created.convertedTo(account, contact, null, T0.plusSeconds(1));
        assertThat(LeadRules.changes(created, converted)).extracting(c -> c.field() + ":" + c.oldValue() + ">" + c.newValue())
                .containsExactly("status:NEW>CONVERTED", "convertedAt:null>" + T0.plusSeconds(1),
                        "convertedAccountId:null>" + account, "convertedContactId:null>" + contact);
    }
}
