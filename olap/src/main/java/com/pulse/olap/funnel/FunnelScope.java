package com.pulse.olap.funnel;

import com.pulse.events.FunnelChanged;
import com.pulse.olap.scope.Scope;

/** Whose funnel: the company, a team (with its sub-teams) or one owner, as {@code funnel_snapshot} keys them. */
record FunnelScope(String type, String id) {

    static final String COMPANY_ID = Scope.COMPANY_ID;
    static final FunnelScope COMPANY = new FunnelScope(FunnelChanged.COMPANY, COMPANY_ID);

    /** The scope named by the optional {@code scopeType} / {@code scopeId} parameters. */
    static FunnelScope of(String type, String id) {
        return of(Scope.of(type, id));
    }

    static FunnelScope of(Scope scope) {
        return new FunnelScope(scope.type(), scope.id());
    }
}
