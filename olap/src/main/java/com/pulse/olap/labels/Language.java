package com.pulse.olap.labels;

import com.pulse.olap.query.Labels;
import com.pulse.olap.system.InvalidParameter;
import java.util.List;
import java.util.Locale;

/**
 * The language of a pivot's labels: an export's titles (dimension, measure and total labels) and the labels of the
 * members of the answer (DESIGN.md "Member labels"). The {@code lang} parameter wins; otherwise the first {@code Accept-Language} range naming one of
 * the two languages (any {@code zh} is zh-CN, the only Chinese the catalogue has); otherwise English.
 */
public enum Language {

    EN("en", "Total", "Subtotal"),
    ZH_CN("zh-CN", "合计", "小计");

    public static final List<String> TAGS = List.of(EN.tag, ZH_CN.tag);

    public final String tag;
    public final String total;
    public final String subtotal;

    Language(String tag, String total, String subtotal) {
        this.tag = tag;
        this.total = total;
        this.subtotal = subtotal;
    }

    public String of(Labels labels) {
        return this == ZH_CN ? labels.zhCN() : labels.en();
    }

    public static Language choose(String lang, String acceptLanguage) {
        if (lang != null) {
            for (Language l : values()) {
                if (l.tag.equalsIgnoreCase(lang)) {
                    return l;
                }
            }
            throw new InvalidParameter("lang", lang, TAGS);
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return EN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage); // highest weight first
        } catch (IllegalArgumentException e) {
            return EN; // a malformed header is not worth refusing a download for
        }
        for (Locale.LanguageRange r : ranges) {
            String range = r.getRange().toLowerCase(Locale.ROOT);
            if (r.getWeight() == 0) {
                continue;
            }
            if (range.equals("zh") || range.startsWith("zh-")) {
                return ZH_CN;
            }
            if (range.equals("en") || range.startsWith("en-") || range.equals("*")) {
                return EN;
            }
        }
        return EN;
    }
}
