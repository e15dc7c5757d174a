package com.pulse.notifier.rules;

import com.pulse.notifier.problem.BodyReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The built-in rule types and their parameters: scheduled ones (evaluated by Quartz on their schedule) and
 * event ones ({@link #event()}: evaluated on each {@code crm.opportunities.v1} record, with no schedule). {@link #parameters} validates a rule's
 * {@code parameters} object and fills in the defaults, so a stored rule always names every value it uses.
 */
public enum RuleType {

    /** Accounts with no completed activity in {@code days} days (default 90). */
    DORMANT_CUSTOMERS {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("days"));
            return days(p, r, 90);
        }
    },
    /** Contacts whose birthday is this month ({@code window} THIS_MONTH) or in the next {@code days} days (NEXT_DAYS). */
    BIRTHDAYS {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("window", "days"));
            String window = r.text(p, "window", PATH + ".window", false);
            window = window == null ? "THIS_MONTH" : window;
            Map<String, Object> values = new LinkedHashMap<>();
            if (!window.equals("THIS_MONTH") && !window.equals("NEXT_DAYS")) {
                r.problem(PATH + ".window", "must be THIS_MONTH or NEXT_DAYS");
            } else if (window.equals("THIS_MONTH") && p.has("days")) {
                r.problem(PATH + ".days", "only with window NEXT_DAYS");
            } else if (window.equals("NEXT_DAYS")) {
                Integer days = r.integer(p, "days", PATH + ".days", false, 1, 366);
                values.put("days", days == null ? 7 : days);
            }
            values.put("window", window);
            return values;
        }
    },
    /** Open activities and tasks due in the next {@code hours} hours (default 24), and overdue ones unless {@code overdue} is false. */
    DUE_SOON {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("hours", "overdue"));
            Integer hours = r.integer(p, "hours", PATH + ".hours", false, 1, 720);
            Boolean overdue = r.bool(p, "overdue", PATH + ".overdue", false);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("hours", hours == null ? 24 : hours);
            values.put("overdue", overdue == null || overdue);
            return values;
        }
    },
    /** Open deals that entered their current stage more than {@code days} days ago (default 30). */
    STALLED_DEALS {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("days"));
            return days(p, r, 30);
        }
    },
    /**
     * A saved OLAP view ({@code viewId}, one the owner may see) and a condition on one of its measures: alert when
     * the view's grand total of {@code measure} is {@code BELOW} or {@code ABOVE} {@code threshold} (base currency
     * for money). Whether the view exists and has the measure is checked when the rule is saved (RuleParameterCheck).
     */
    CUSTOM_VIEW {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("viewId", "measure", "condition", "threshold"));
            Map<String, Object> values = new LinkedHashMap<>();
            String view = r.text(p, "viewId", PATH + ".viewId", true);
            if (view != null) {
                try {
                    values.put("viewId", java.util.UUID.fromString(view).toString());
                } catch (IllegalArgumentException e) {
                    r.problem(PATH + ".viewId", "must be the id of a saved view");
                }
            }
            String measure = r.text(p, "measure", PATH + ".measure", true);
            if (measure != null && (measure.isBlank() || measure.length() > 100)) {
                r.problem(PATH + ".measure", "must name one of the view's measures");
            } else if (measure != null) {
                values.put("measure", measure);
            }
            String condition = r.text(p, "condition", PATH + ".condition", true);
            if (condition != null && !condition.equals("BELOW") && !condition.equals("ABOVE")) {
                r.problem(PATH + ".condition", "must be BELOW or ABOVE");
            } else if (condition != null) {
                values.put("condition", condition);
            }
            JsonNode threshold = p.get("threshold");
            if (threshold == null || threshold.isNull()) {
                r.problem(PATH + ".threshold", "required: the number the measure is compared with");
            } else if (!threshold.isNumber()) {
                r.problem(PATH + ".threshold", "must be a number");
            } else {
                // kept as a string, compared exactly
                values.put("threshold", threshold.decimalValue().stripTrailingZeros().toPlainString());
            }
            return values;
        }
    },
    /**
     * One summary on each firing, whatever it finds: {@code report} WON_LAST_MONTH (revenueWon of the previous
     * month and its largest deals), ACTIVITIES_THIS_WEEK (completed, open and overdue activities of the current week by
     * type) or SALES_BY_TEAM_LAST_YEAR (revenueWon of the previous year by the owners' teams); periods are the
     * company's, as in METRICS.md.
     */
    PERIODIC_SUMMARY {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("report"));
            String report = r.text(p, "report", PATH + ".report", true);
            Map<String, Object> values = new LinkedHashMap<>();
            if (report != null && !REPORTS.contains(report)) {
                r.problem(PATH + ".report", "must be one of " + REPORTS);
            } else if (report != null) {
                values.put("report", report);
            }
            return values;
        }

        @Override
        public boolean summary() {
            return true;
        }
    },
    /**
     * Won revenue (METRICS.md revenueWon) of a WON_AMOUNT target's owner or team below {@code attainmentBelowPct} %
     * of the target (default 80) while at least {@code periodElapsedPct} % of the target's period has passed
     * (default 50).
     */
    TARGET_AT_RISK {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("attainmentBelowPct", "periodElapsedPct"));
            Integer below = r.integer(p, "attainmentBelowPct", PATH + ".attainmentBelowPct", false, 1, 100);
            // 100 % would never fire: a firing inside the period always has some of it left
            Integer elapsed = r.integer(p, "periodElapsedPct", PATH + ".periodElapsedPct", false, 0, 99);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("attainmentBelowPct", below == null ? 80 : below);
            values.put("periodElapsedPct", elapsed == null ? 50 : elapsed);
            return values;
        }
    },
    /** Event: an opportunity is won with {@code amountBase} at or above {@code minAmount} (base currency, > 0). */
    BIG_DEAL_WON {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            return minAmount(p, r);
        }

        @Override
        public boolean event() {
            return true;
        }
    },
    /** Event: an opportunity is lost with {@code amountBase} at or above {@code minAmount} (base currency, > 0). */
    BIG_DEAL_LOST {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            return minAmount(p, r);
        }

        @Override
        public boolean event() {
            return true;
        }
    },
    /**
     * Event: a change moved an opportunity with {@code amountBase} at or above {@code minAmount} (base currency,
     * ≥ 0, default 0) to an earlier stage of the pipeline.
     */
    STAGE_MOVED_BACKWARDS {
        @Override
        Map<String, Object> read(JsonNode p, BodyReader r) {
            r.onlyKnown(p, PATH, Set.of("minAmount"));
            JsonNode node = p.get("minAmount");
            Map<String, Object> values = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                values.put("minAmount", "0");
            } else if (!node.isNumber() || node.decimalValue().signum() < 0) {
                r.problem(PATH + ".minAmount", "must be a number of 0 or more");
            } else {
                values.put("minAmount", node.decimalValue().stripTrailingZeros().toPlainString());
            }
            return values;
        }

        @Override
        public boolean event() {
            return true;
        }
    };

    static final String PATH = "parameters";
    static final List<String> REPORTS = List.of("WON_LAST_MONTH", "ACTIVITIES_THIS_WEEK", "SALES_BY_TEAM_LAST_YEAR");

    /**
     * A summary: its evaluation is one report, sent as one alert (its first line the title, all lines the body) on
     * every firing, digest or not, even when it has nothing to count.
     */
    public boolean summary() {
        return false;
    }

    /** Triggered by events rather than a schedule: such a rule has no schedule and no Quartz triggers. */
    public boolean event() {
        return false;
    }

    abstract Map<String, Object> read(JsonNode parameters, BodyReader reader);

    /** The validated parameters with defaults filled in ({@code parameters} may be null: all defaults). */
    public Map<String, Object> parameters(JsonNode parameters, BodyReader reader) {
        JsonNode node = parameters == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : parameters;
        return read(node, reader);
    }

    // Kept as a string in the stored parameters so the threshold is compared exactly, never through a double.
    private static Map<String, Object> minAmount(JsonNode p, BodyReader r) {
        r.onlyKnown(p, PATH, Set.of("minAmount"));
        JsonNode node = p.get("minAmount");
        Map<String, Object> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            r.problem(PATH + ".minAmount", "required: the smallest amount in the base currency that alerts");
        } else if (!node.isNumber() || node.decimalValue().signum() <= 0) {
            r.problem(PATH + ".minAmount", "must be a number greater than 0");
        } else {
            values.put("minAmount", node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return values;
    }

    private static Map<String, Object> days(JsonNode p, BodyReader r, int fallback) {
        Integer days = r.integer(p, "days", PATH + ".days", false, 1, 3650);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("days", days == null ? fallback : days);
        return values;
    }
}
