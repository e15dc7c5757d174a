package com.pulse.streams.kpis;

import com.pulse.events.AccountSnapshot;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.StageKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** What a record version contributes (METRICS.md §KPIs); deleted records contribute nothing. */
final class Contributions {

    private final Pipeline pipeline;
    private final ZoneId zone;

    Contributions(Pipeline pipeline, ZoneId zone) {
        this.pipeline = pipeline;
        this.zone = zone;
    }

    /**
     * newOpportunities on the creation day; won: revenue, count and cycle on the day of closedAt; lost: count on that
     * day (win rate); open: amount and weighted now. A stage the pipeline does not know counts as created only.
     */
    Contribution of(OpportunitySnapshot s) {
        if (s.deleted()) {
            return Contribution.NONE;
        }
        Contribution.Builder c = Contribution.of(id(s.ownerId())).add(day(s.createdAt()), KpiCell.newOpportunity());
        StageKind kind = pipeline.stage(s.stage()).map(PipelineStage::kind).orElse(null);
        if (kind == StageKind.WON && s.closedAt() != null) {
            c.add(day(s.closedAt()), KpiCell.wonDeal(s.amountBase(), Duration.between(s.createdAt(), s.closedAt()).toSeconds()));
        } else if (kind == StageKind.LOST && s.closedAt() != null) {
            c.add(day(s.closedAt()), KpiCell.lostDeal());
        } else if (kind == StageKind.OPEN) {
            c.add(Contribution.NOW, KpiCell.open(s.amountBase(),
                    s.amountBase().multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2)));
        }
        return c.build();
    }

    /** newLeads on the creation day; converted on the day of convertedAt; disqualified on the day first seen so. */
    Contribution of(LeadSnapshot s, Instant disqualifiedAt) {
        if (s.deleted()) {
            return Contribution.NONE;
        }
        Contribution.Builder c = Contribution.of(id(s.ownerId())).add(day(s.createdAt()), KpiCell.newLead());
        if ("CONVERTED".equals(s.status()) && s.convertedAt() != null) {
            c.add(day(s.convertedAt()), KpiCell.leadClosed(true));
        } else if ("DISQUALIFIED".equals(s.status()) && disqualifiedAt != null) {
            c.add(day(disqualifiedAt), KpiCell.leadClosed(false));
        }
        return c.build();
    }

    /** Counted on the day it was completed; not before. */
    Contribution of(ActivitySnapshot s) {
        if (s.deleted() || s.completedAt() == null) {
            return Contribution.NONE;
        }
        return Contribution.of(id(s.ownerId())).add(day(s.completedAt()), KpiCell.activity()).build();
    }

    /** A CUSTOMER account is a new customer on its creation day; an ACTIVE account counts in its tier now. */
    Contribution of(AccountSnapshot s) {
        if (s.deleted()) {
            return Contribution.NONE;
        }
        Contribution.Builder c = Contribution.of(id(s.ownerId()));
        if ("CUSTOMER".equals(s.type()) && s.createdAt() != null) {
            c.add(day(s.createdAt()), KpiCell.newCustomer());
        }
        if ("ACTIVE".equals(s.status()) && s.tier() != null) {
            c.add(Contribution.NOW, KpiCell.activeAccount(s.tier()));
        }
        return c.build();
    }

    String day(Instant at) {
        return "D:" + LocalDate.ofInstant(at, zone);
    }

    private static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
