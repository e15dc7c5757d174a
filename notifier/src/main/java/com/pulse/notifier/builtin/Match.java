package com.pulse.notifier.builtin;

/**
 * One record a rule found.
 *
 * @param subject what the alert is about, stable across firings (e.g. {@code account:<id>}): part of the dedupe key
 * @param line    one line describing it, for the alert and for digests
 * @param link    the api resource, e.g. {@code /api/v1/accounts/<id>}
 */
public record Match(String subject, String line, String link) {
}
