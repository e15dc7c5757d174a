package com.pulse.streams.targets;

import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The WON_AMOUNT targets (METRICS.md §Targets, §Forecast) from {@code crm.targets.v1}, version-filtered, and the
 * target of a scope for a month:
 * <ul>
 *   <li>a MONTH target of the month if there is one;</li>
 *   <li>else the QUARTER target of the month's quarter spread evenly: value / 3;</li>
 *   <li>else the YEAR target spread evenly: value / 12;</li>
 *   <li>else none (null).</li>
 * </ul>
 * A spread share is rounded HALF_UP to cents. Several live targets for the same scope and period add up.
 * Deleted targets and other metrics count nowhere.
 */
public final class TargetBook {

    public static final String BY_ID = "targets-by-id";
    public static final String INDEX = "targets-index";
    public static final String WON_AMOUNT = "WON_AMOUNT";

    /** A target as kept: the snapshot's scope, period, metric and value. */
    public record TargetDim(String scopeType, String scopeId, String periodType, String period, String metric, BigDecimal value,
                            boolean deleted, long version) {

        boolean counts() {
            return !deleted && WON_AMOUNT.equals(metric) && value != null && scopeId != null && period != null;
        }

        String indexKey(String targetId) {
            return prefix(scopeType, scopeId, periodType, period) + targetId;
        }

        /** The calendar months the target's period covers ("2027" → 12, "2027-Q1" → 3, "2027-01" → 1). */
        List<YearMonth> months() {
            List<YearMonth> months = new ArrayList<>();
            try {
                switch (periodType) {
                    case "MONTH" -> months.add(YearMonth.parse(period));
                    case "QUARTER" -> {
                        int year = Integer.parseInt(period.substring(0, 4));
                        int quarter = Integer.parseInt(period.substring(period.indexOf('Q') + 1));
                        for (int m = 1; m <= 3; m++) {
                            months.add(YearMonth.of(year, (quarter - 1) * 3 + m));
                        }
                    }
                    case "YEAR" -> {
                        int year = Integer.parseInt(period);
                        for (int m = 1; m <= 12; m++) {
                            months.add(YearMonth.of(year, m));
                        }
                    }
                    default -> { }
                }
            } catch (RuntimeException e) {
                // a malformed period covers no month; the API validates periods, this is only defence
                months.clear();
            }
            return months;
        }
    }

    /** What a target change touched: the scope (TEAM or USER, id) and the months whose target may have changed. */
    public record Touched(String scopeType, String scopeId, Set<YearMonth> months) {
    }

    private final KeyValueStore<String, TargetDim> byId;
    private final KeyValueStore<String, TargetDim> index;

    public TargetBook(KeyValueStore<String, TargetDim> byId, KeyValueStore<String, TargetDim> index) {
        this.byId = byId;
        this.index = index;
    }

    /** Applies a target version; returns what it touched, empty when the version is not newer than the applied one. */
    public List<Touched> apply(TargetChanged e) {
        String id = e.aggregateId().toString();
        TargetDim old = byId.get(id);
        if (old != null && e.aggregateVersion() <= old.version()) {
            return List.of();
        }
        TargetSnapshot s = e.snapshot();
        TargetDim now = new TargetDim(s.scopeType(), s.scopeId() == null ? null : s.scopeId().toString(), s.periodType(), s.period(),
                s.metric(), s.value(), s.deleted(), e.aggregateVersion());
        byId.put(id, now);
        List<Touched> touched = new ArrayList<>();
        if (old != null && old.counts()) {
            index.delete(old.indexKey(id));
            touched.add(new Touched(old.scopeType(), old.scopeId(), new LinkedHashSet<>(old.months())));
        }
        if (now.counts()) {
            index.put(now.indexKey(id), now);
            touched.add(new Touched(now.scopeType(), now.scopeId(), new LinkedHashSet<>(now.months())));
        }
        return touched;
    }

    /** The target of a TEAM or USER scope for a month, or null when it has none. */
    public BigDecimal target(String scopeType, String scopeId, YearMonth month) {
        BigDecimal monthly = sum(prefix(scopeType, scopeId, "MONTH", month.toString()));
        if (monthly != null) {
            return monthly;
        }
        String quarter = month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
        BigDecimal quarterly = sum(prefix(scopeType, scopeId, "QUARTER", quarter));
        if (quarterly != null) {
            return quarterly.divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
        }
        BigDecimal yearly = sum(prefix(scopeType, scopeId, "YEAR", Integer.toString(month.getYear())));
        return yearly == null ? null : yearly.divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
    }

    /** Every (scope type, scope id) that has a live target. */
    public Set<List<String>> scopes() {
        Set<List<String>> scopes = new LinkedHashSet<>();
        try (KeyValueIterator<String, TargetDim> it = index.all()) {
            it.forEachRemaining(kv -> scopes.add(List.of(kv.value.scopeType(), kv.value.scopeId())));
        }
        return scopes;
    }

    /** Every month some live TEAM target covers: the months whose company target depends on the top-level teams. */
    public Set<YearMonth> teamTargetMonths() {
        Set<YearMonth> months = new java.util.TreeSet<>();
        try (KeyValueIterator<String, TargetDim> it = index.all()) {
            it.forEachRemaining(kv -> {
                if ("TEAM".equals(kv.value.scopeType())) {
                    months.addAll(kv.value.months());
                }
            });
        }
        return months;
    }

    private BigDecimal sum(String prefix) {
        BigDecimal total = null;
        try (KeyValueIterator<String, TargetDim> it = index.range(prefix, prefix + '\uffff')) {
            while (it.hasNext()) {
                BigDecimal v = it.next().value.value();
                total = total == null ? v : total.add(v);
            }
        }
        return total;
    }

    private static String prefix(String scopeType, String scopeId, String periodType, String period) {
        return scopeType + "|" + scopeId + "|" + periodType + "|" + period + "|";
    }
}
