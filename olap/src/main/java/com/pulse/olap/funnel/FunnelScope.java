package com.pulse.olap.funnel;

import com.pulse.events.FunnelChanged;
import com.pulse.olap.system.InvalidParameter;
import java.util.List;

/**
 * Whose funnel: for now only the whole company. Team and owner scopes arrive with tokens and
 * data scopes (issue 5), as new values here, checked against the caller's own scope.
 */
record FunnelScope(String type, String id) {

    static final String COMPANY_ID = "company";
    static final FunnelScope COMPANY = new FunnelScope(FunnelChanged.COMPANY, COMPANY_ID);

    /** The scope named by the optional {@code scopeType} / {@code scopeId} parameters. */
    static FunnelScope of(String type, String id) {
        if (type != null && !type.equals(FunnelChanged.COMPANY)) {
            throw new InvalidParameter("scopeType", type, List.of(FunnelChanged.COMPANY));
        }
        if (id != null && !id.equals(COMPANY_ID)) {
            throw new InvalidParameter("scopeId", id, List.of(COMPANY_ID));
        }
        return COMPANY;
    }
}
