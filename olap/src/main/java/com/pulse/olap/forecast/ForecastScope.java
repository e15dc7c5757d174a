package com.pulse.olap.forecast;

import com.pulse.events.ForecastChanged;
import com.pulse.olap.system.InvalidParameter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whose forecast: the whole company, or one owner (the cells streams keeps per owner). Team scopes
 * arrive with tokens and data scopes (issue 5); until then any caller may read any owner.
 */
record ForecastScope(String type, String id) {

    static final String COMPANY_ID = "company";
    static final ForecastScope COMPANY = new ForecastScope(ForecastChanged.COMPANY, COMPANY_ID);

    // Canonical form only: UUID.fromString also takes "1-2-3-4-5", which no owner id ever is.
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The scope named by the optional {@code scopeType} / {@code scopeId} parameters. */
    static ForecastScope of(String type, String id) {
        if (type == null || type.equals(ForecastChanged.COMPANY)) {
            if (id != null && !id.equals(COMPANY_ID)) {
                throw new InvalidParameter("scopeId", id, List.of(COMPANY_ID));
            }
            return COMPANY;
        }
        if (!type.equals(ForecastChanged.OWNER)) {
            throw new InvalidParameter("scopeType", type, List.of(ForecastChanged.COMPANY, ForecastChanged.OWNER));
        }
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw new InvalidParameter("scopeId", String.valueOf(id), List.of("an owner's user id (UUID)"));
        }
        // streams keys owner cells by UUID.toString(), which is lower case
        return new ForecastScope(ForecastChanged.OWNER, id.toLowerCase(Locale.ROOT));
    }
}
