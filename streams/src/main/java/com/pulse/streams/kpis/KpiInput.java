package com.pulse.streams.kpis;

import com.pulse.events.AccountSnapshot;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.OwnerTeams;
import com.pulse.events.TargetSnapshot;

/**
 * One input of the KPI task, after decoding: exactly one of the fields is set. Entity snapshots carry the aggregate
 * version the task filters on; an owner's team path is the scopes task's latest (a compacted topic, no version).
 */
record KpiInput(long version, OpportunitySnapshot opportunity, LeadSnapshot lead, ActivitySnapshot activity,
                AccountSnapshot account, TargetSnapshot target, OwnerTeams ownerTeams) {

    static KpiInput of(OpportunitySnapshot s, long version) {
        return new KpiInput(version, s, null, null, null, null, null);
    }

    static KpiInput of(LeadSnapshot s, long version) {
        return new KpiInput(version, null, s, null, null, null, null);
    }

    static KpiInput of(ActivitySnapshot s, long version) {
        return new KpiInput(version, null, null, s, null, null, null);
    }

    static KpiInput of(AccountSnapshot s, long version) {
        return new KpiInput(version, null, null, null, s, null, null);
    }

    static KpiInput of(TargetSnapshot s, long version) {
        return new KpiInput(version, null, null, null, null, s, null);
    }

    static KpiInput of(OwnerTeams t) {
        return new KpiInput(0, null, null, null, null, null, t);
    }

    /** The record-state key: kind and id, so ids of different entities never collide. */
    String recordKey() {
        if (opportunity != null) {
            return "O:" + opportunity.id();
        }
        if (lead != null) {
            return "L:" + lead.id();
        }
        if (activity != null) {
            return "A:" + activity.id();
        }
        if (account != null) {
            return "C:" + account.id();
        }
        if (target != null) {
            return "T:" + target.id();
        }
        throw new IllegalStateException("no entity in " + this);
    }
}
