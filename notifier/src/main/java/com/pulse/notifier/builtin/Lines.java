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
