package com.pulse.dashboards.e2e;

/**
 * A scope of METRICS.md §Scopes whose figures are compared: {@code type} and {@code id} as streams writes them to
 * ClickHouse ({@code COMPANY/company}, {@code TEAM/<team id>}, {@code OWNER/<user id>}), {@code label} for people.
 */
record GroundTruthScope(String type, String id, String label) {

    static final GroundTruthScope COMPANY = new GroundTruthScope("COMPANY", "company", "company");

    String key() {
        return type + ":" + id;
    }

    @Override
    public String toString() {
        return type.equals("COMPANY") ? label : type + " " + label;
    }
}
