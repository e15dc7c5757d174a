package com.pulse.devstack;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names of a test namespace. Only lowercase letters, digits and underscores, so they are safe
 * identifiers in Postgres, ClickHouse and Kafka without quoting. The shapes are recognisable,
 * which lets devstack drop what earlier runs left behind.
 */
final class Names {

    static final int HINT_MAX = 32;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DATABASE = Pattern.compile("t_[a-z0-9_]{1," + HINT_MAX + "}_[a-z0-9]{8}");
    private static final Pattern TOPIC = Pattern.compile("t[a-z0-9]{8}\\..+");

    private Names() {
    }

    /** {@code FunnelIntegrationTests} → {@code funnel_integration_tests}. */
    static String hint(String raw) {
        String snake = raw.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (snake.length() > HINT_MAX) {
            snake = snake.substring(0, HINT_MAX).replaceAll("_+$", "");
        }
        return snake.isEmpty() ? "ns" : snake;
    }

    static String random() {
        StringBuilder out = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    static String database(String hint, String random) {
        return "t_" + hint + "_" + random;
    }

    static String topicPrefix(String random) {
        return "t" + random;
    }

    static boolean isNamespaceDatabase(String name) {
        return DATABASE.matcher(name).matches();
    }

    static boolean isNamespaceTopic(String name) {
        return TOPIC.matcher(name).matches();
    }
}
