package com.pulse.notifier.bigdeal;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.Operation;
import com.pulse.notifier.inbox.NewAlert;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BigDealRuleTests {

    final BigDealRule rule = new BigDealRule(new BigDecimal("1000000"), "CNY");
    final UUID id = UUID.fromString("0b6f7f3e-8d7a-4d2c-9b1e-2f0a7c1d5e41");
    final UUID owner = UUID.randomUUID();

    @Test
    void wonAtExactlyTheThresholdAlertsTheOwnerWithNameAmountAndLink() {
        NewAlert alert = rule.on(Deals.movedTo(id, owner, "CLOSED_WON", "1000000.00", 7)).orElseThrow();

        assertThat(alert.kind()).isEqualTo("BIG_DEAL_WON");
        assertThat(alert.title()).isEqualTo("Big deal won: Deal 0b6f7f3e — 1,000,000.00 CNY");
        assertThat(alert.body()).isEqualTo("Closed won at 1,000,000.00 CNY.");
        assertThat(alert.link()).isEqualTo("/api/v1/opportunities/0b6f7f3e-8d7a-4d2c-9b1e-2f0a7c1d5e41");
    }

    @Test
    void oneCentBelowTheThresholdDoesNotAlert() {
        assertThat(rule.on(Deals.movedTo(id, owner, "CLOSED_WON", "999999.99", 7))).isEmpty();
    }

    @Test
    void aForeignCurrencyDealIsJudgedByItsBaseAmountAndShowsBoth() {
        OpportunityChanged usd = Deals.event(id, owner, "CLOSED_WON", "150000.00", "USD", "1070000.00", 3,
                Operation.UPDATED, Deals.AT, Deals.AT);

        assertThat(rule.on(usd).orElseThrow().body()).isEqualTo("Closed won at 1,070,000.00 CNY (150,000.00 USD).");
    }

    @Test
    void aDealCreatedAlreadyWonAlerts() {
        OpportunityChanged created = Deals.event(id, owner, "CLOSED_WON", "2000000", "CNY", "2000000", 1,
                Operation.CREATED, Deals.AT, Deals.AT);

        assertThat(rule.on(created)).isPresent();
    }

    @Test
    void aLaterEditOfADealWonEarlierDoesNotAlertAgain() {
        OpportunityChanged edit = Deals.event(id, owner, "CLOSED_WON", "2000000", "CNY", "2000000", 8,
                Operation.UPDATED, Deals.AT, Deals.AT.plusSeconds(3600));

        assertThat(rule.on(edit)).isEmpty();
    }

    @Test
    void lostOpenDeletedOrOwnerlessDealsDoNotAlert() {
        assertThat(rule.on(Deals.movedTo(id, owner, "CLOSED_LOST", "5000000", 2))).isEmpty();
        assertThat(rule.on(Deals.movedTo(id, owner, "NEGOTIATION", "5000000", 2))).isEmpty();
        assertThat(rule.on(Deals.event(id, owner, "CLOSED_WON", "5000000", "CNY", "5000000", 2,
                Operation.DELETED, Deals.AT, Deals.AT))).isEmpty();
        assertThat(rule.on(Deals.movedTo(id, null, "CLOSED_WON", "5000000", 2))).isEmpty();
    }

    @Test
    void theDedupeKeyIsTheOpportunityAndItsVersion() {
        OpportunityChanged event = Deals.movedTo(id, owner, "CLOSED_WON", "1000000", 7);

        assertThat(BigDealRule.dedupeKey(event)).isEqualTo("BIG_DEAL_WON:0b6f7f3e-8d7a-4d2c-9b1e-2f0a7c1d5e41:7");
    }
}
