package com.pulse.notifier.delivery.template;

/**
 * A template filled in for one recipient: {@code subject} (email subject, in-app title), {@code text}
 * (plain-text email part, in-app body), {@code html} (values HTML-escaped) and {@code sms} (the SMS body;
 * the text when the template has no SMS variant).
 */
public record RenderedMessage(String subject, String text, String html, String sms) {
}
