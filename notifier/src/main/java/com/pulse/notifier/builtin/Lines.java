package com.pulse.notifier.builtin;

import java.time.LocalDate;

/**
 * The words of the built-in rules' alerts in the recipient's language: {@code zh…} locales get Chinese,
 * everything else English (the two languages the notifier's users have).
 */
public final class Lines {

    private final boolean chinese;

    private Lines(boolean chinese) {
        this.chinese = chinese;
    }

    public static Lines of(String locale) {
        return new Lines(locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith("zh"));
    }

    String dormant(String account, LocalDate lastCompleted) {
        if (lastCompleted == null) {
            return account + (chinese ? " — 尚无已完成的活动" : " — no completed activity yet");
        }
        return account + (chinese ? " — 最近一次完成的活动 " : " — last completed activity ") + lastCompleted;
    }

    String birthday(String contact, LocalDate day) {
        return contact + (chinese ? " — 生日 " : " — birthday ") + day;
    }

    String due(String title, String when, boolean overdue) {
        if (chinese) {
            return title + (overdue ? " — 已逾期，截止 " : " — 截止 ") + when;
        }
        return title + (overdue ? " — overdue since " : " — due ") + when;
    }

    String stalled(String deal, String stage, long days) {
        return chinese ? deal + " — 停留在 " + stage + " 已 " + days + " 天" : deal + " — in " + stage + " for " + days + " days";
    }

    /**
     * A target at risk: whose it is, its period, won against target with the attainment, and how much of the
     * period has passed.
     */
    String targetAtRisk(boolean team, String name, String period, String won, String target, String attainment,
                        long elapsed) {
        if (chinese) {
            return (team ? "团队 " : "") + name + " — " + period + "：已赢单 " + won + " / 目标 " + target
                    + "（" + attainment + "%），期间已过 " + elapsed + "%";
        }
        return (team ? "Team " : "") + name + " — " + period + ": " + won + " of " + target + " won (" + attainment
                + " %), " + elapsed + " % of the period gone";
    }

    String wonInMonth(String month, long deals, String amount) {
        return chinese ? month + " 赢单：" + deals + " 笔，" + amount
                : "Won in " + month + ": " + deals + (deals == 1 ? " deal, " : " deals, ") + amount;
    }

    String wonDeal(String deal, String amount) {
        return deal + " — " + amount;
    }

    String activitiesWeek(String monday, String sunday, long completed, long open, long overdue) {
        if (chinese) {
            return monday + " 至 " + sunday + " 这一周：已完成活动 " + completed + " 项，本周内待办 " + open + " 项，逾期 "
                    + overdue + " 项";
        }
        return "Week " + monday + " to " + sunday + ": " + completed + " activities completed, " + open
                + " open and due this week, " + overdue + " overdue";
    }

    String activitiesOfType(String type, long completed, long open, long overdue) {
        return chinese ? type + "：完成 " + completed + "，待办 " + open + "，逾期 " + overdue
                : type + ": " + completed + " completed, " + open + " open, " + overdue + " overdue";
    }

    String wonInYear(String year, long deals, String amount) {
        return chinese ? year + " 年赢单：" + deals + " 笔，" + amount
                : "Won in " + year + ": " + deals + (deals == 1 ? " deal, " : " deals, ") + amount;
    }

    String teamWon(String team, long deals, String amount) {
        String name = team == null ? (chinese ? "（无团队）" : "(no team)") : team;
        return chinese ? name + " — " + amount + "（" + deals + " 笔）"
                : name + " — " + amount + " (" + deals + (deals == 1 ? " deal)" : " deals)");
    }

    /** A custom rule's finding: the view's measure and how it stands against the threshold. */
    public String customView(String view, String measureEn, String measureZh, String value, boolean below,
                             String threshold) {
        if (chinese) {
            return view + "：" + measureZh + " 为 " + value + "，" + (below ? "低于 " : "高于 ") + threshold;
        }
        return view + ": " + measureEn + " is " + value + ", " + (below ? "below " : "above ") + threshold;
    }

    /** The title of a digest of {@code count} matches of the rule named {@code rule}. */
    public String digest(String rule, int count) {
        if (chinese) {
            return rule + "：" + count + " 条";
        }
        return rule + ": " + count + (count == 1 ? " match" : " matches");
    }

    /** The title of one match's alert. */
    public String single(String rule, String line) {
        return rule + (chinese ? "：" : ": ") + line;
    }

    /** The digest's last line when it lists only the first of its matches. */
    public String more(int count) {
        return chinese ? "… 另有 " + count + " 条" : "… and " + count + " more";
    }
}
