package com.pulse.olap.forecast;

import com.pulse.events.ForecastChanged;
import com.pulse.olap.scope.Scope;

/** Whose forecast: the company, a team (with its sub-teams) or one owner, as streams keys the cells. */
record ForecastScope(String type, String id) {

    static final String COMPANY_ID = Scope.COMPANY_ID;
    static final ForecastScope COMPANY = new ForecastScope(ForecastChanged.COMPANY, COMPANY_ID);

    /** The scope named by the optional {@code scopeType} / {@code scopeId} parameters. */
    static ForecastScope of(String type, String id) {
        return of(Scope.of(type, id));
    }

    static ForecastScope of(Scope scope) {
        return new ForecastScope(scope.type(), scope.id());
    }
}
