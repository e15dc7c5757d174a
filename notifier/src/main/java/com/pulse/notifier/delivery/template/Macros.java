package com.pulse.notifier.delivery.template;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{name}}} (dotted names, spaces inside the braces allowed) by its value. A name without
 * a value renders empty and is reported in {@code missing}: a reminder with a blank where a contact's name
 * should be is better than no reminder, and the log says which variable was absent.
 */
final class Macros {

    private static final Pattern MACRO = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Macros() {
    }

    /** The macro names the template uses, in order of first use. */
    static java.util.LinkedHashSet<String> names(String template) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        Matcher m = MACRO.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String fill(String template, Map<String, String> values, UnaryOperator<String> escape, Set<String> missing) {
        Matcher m = MACRO.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                missing.add(m.group(1));
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
