package com.pulse.notifier.delivery.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * Message templates as classpath resources: {@code templates/delivery/<NAME>/<locale>/} holding
 * {@code subject.txt}, {@code text.txt}, {@code html.html} and optionally {@code sms.txt}. A recipient's
 * locale is looked up as given ({@code zh-CN}), then by language ({@code zh}), then in the default locale.
 * Values are HTML-escaped in the HTML part only.
 */
public class Templates {

    private static final Logger log = LoggerFactory.getLogger(Templates.class);
    private static final String ROOT = "templates/delivery/";

    private final String defaultLocale;
    private final ClassLoader loader;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    public Templates(String defaultLocale) {
        this.defaultLocale = defaultLocale;
        this.loader = Templates.class.getClassLoader();
    }

    /** The {@code {{macro}}} names a text written by a user uses (a mass send's subject and body). */
    public static java.util.Set<String> macroNames(String text) {
        return Macros.names(text);
    }

    /** A user's text with its macros filled in, unescaped (for the plain-text and SMS parts; HTML escapes later). */
    public static String fillText(String text, Map<String, String> values) {
        return Macros.fill(text, values, v -> v, new java.util.HashSet<>());
    }

    /** Whether a template of this name exists in the default locale (the one every template must have). */
    public boolean exists(String name) {
        return resource(name, defaultLocale, "subject.txt").isPresent();
    }

    /**
     * The template in the recipient's locale, filled in.
     *
     * @throws UnknownTemplate when no such template exists in any candidate locale
     */
    public RenderedMessage render(String name, String locale, Map<String, String> values) {
        String folder = folder(name, locale).orElseThrow(() -> new UnknownTemplate(name));
        Set<String> missing = new TreeSet<>();
        UnaryOperator<String> plain = UnaryOperator.identity();
        String subject = Macros.fill(part(name, folder, "subject.txt"), values, plain, missing).strip();
        String text = Macros.fill(part(name, folder, "text.txt"), values, plain, missing);
        String html = Macros.fill(part(name, folder, "html.html"), values, HtmlUtils::htmlEscape, missing);
        String sms = resource(name, folder, "sms.txt")
                .map(t -> Macros.fill(t, values, plain, missing).strip()).orElse(text.strip());
        if (!missing.isEmpty()) {
            log.warn("Template {} ({}) rendered without values for {}", name, folder, missing);
        }
        return new RenderedMessage(subject, text, html, sms);
    }

    private Optional<String> folder(String name, String locale) {
        for (String candidate : candidates(locale)) {
            if (resource(name, candidate, "subject.txt").isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private List<String> candidates(String locale) {
        List<String> candidates = new ArrayList<>();
        if (locale != null && !locale.isBlank()) {
            Locale parsed = Locale.forLanguageTag(locale.replace('_', '-'));
            candidates.add(parsed.toLanguageTag());
            candidates.add(parsed.getLanguage());
        }
        candidates.add(defaultLocale);
        return candidates;
    }

    private String part(String name, String folder, String file) {
        return resource(name, folder, file).orElseThrow(() -> new UnknownTemplate(name + "/" + folder + "/" + file));
    }

    private Optional<String> resource(String name, String locale, String file) {
        if (!name.matches("[A-Za-z0-9_-]+") || !locale.matches("[A-Za-z0-9-]*")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(ROOT + name + "/" + locale + "/" + file, this::load);
    }

    private Optional<String> load(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
