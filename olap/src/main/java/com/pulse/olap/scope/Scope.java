package com.pulse.olap.scope;

import com.pulse.olap.system.InvalidParameter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whose figures (METRICS.md §Scopes): the whole company, a team with its sub-teams, or one owner,
 * as streams keys its cells ({@code COMPANY}/{@code company}, {@code TEAM}/team id, {@code OWNER}/user id).
 */
public record Scope(String type, String id) {

    public static final String COMPANY = "COMPANY";
    public static final String TEAM = "TEAM";
    public static final String OWNER = "OWNER";
    public static final String COMPANY_ID = "company";
    public static final Scope THE_COMPANY = new Scope(COMPANY, COMPANY_ID);

    // Canonical form only: UUID.fromString also takes "1-2-3-4-5", which no id ever is.
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The scope named by the optional {@code scopeType} / {@code scopeId} parameters; bad values are a 400. */
    public static Scope of(String type, String id) {
        if (type == null || type.equals(COMPANY)) {
            if (id != null && !id.equals(COMPANY_ID)) {
                throw new InvalidParameter("scopeId", id, List.of(COMPANY_ID));
            }
            return THE_COMPANY;
        }
        if (!type.equals(TEAM) && !type.equals(OWNER)) {
            throw new InvalidParameter("scopeType", type, List.of(COMPANY, TEAM, OWNER));
        }
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw new InvalidParameter("scopeId", String.valueOf(id),
                    List.of(type.equals(TEAM) ? "a team id (UUID)" : "an owner's user id (UUID)"));
        }
        // streams keys team and owner cells by UUID.toString(), which is lower case
        return new Scope(type, id.toLowerCase(Locale.ROOT));
    }
}
