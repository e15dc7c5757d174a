package com.pulse.notifier.delivery.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTests {

    final Templates templates = new Templates("en");

    @Test
    void macrosAreFilledAndEscapedOnlyInTheHtml() {
        RenderedMessage m = templates.render("ALERT", "en",
                Map.of("title", "A <b> & C", "body", "x < y", "link", "/a?b=1&c=2"));

        assertThat(m.subject()).isEqualTo("A <b> & C");
        assertThat(m.text()).isEqualTo("x < y\n\n/a?b=1&c=2\n");
        assertThat(m.html()).contains("<p>x &lt; y</p>").contains("href=\"/a?b=1&amp;c=2\"");
        assertThat(m.sms()).isEqualTo("A <b> & C /a?b=1&c=2");
    }

    @Test
    void aMissingVariableRendersEmpty() {
        RenderedMessage m = templates.render("ALERT", "en", Map.of("title", "T"));

        assertThat(m.text()).isEqualTo("\n\n\n");
        assertThat(m.sms()).isEqualTo("T");
    }

    @Test
    void theLocaleFallsBackToItsLanguageThenToTheDefault() {
        Map<String, String> values = Map.of("account.name", "X", "amount", "1");

        assertThat(templates.render("BIG_DEAL_WON", "zh-CN", values).subject()).isEqualTo("赢得大单：X — 1");
        assertThat(templates.render("BIG_DEAL_WON", "zh_CN", values).subject()).isEqualTo("赢得大单：X — 1");
        assertThat(templates.render("BIG_DEAL_WON", "de-DE", values).subject()).isEqualTo("Big deal won: X — 1");
        assertThat(templates.render("BIG_DEAL_WON", null, values).subject()).isEqualTo("Big deal won: X — 1");
    }

    @Test
    void anUnknownOrPathLikeTemplateNameIsNoTemplate() {
        assertThat(templates.exists("BIG_DEAL_WON")).isTrue();
        assertThat(templates.exists("NOPE")).isFalse();
        assertThat(templates.exists("../BIG_DEAL_WON")).isFalse();
        assertThatThrownBy(() -> templates.render("NOPE", "en", Map.of())).isInstanceOf(UnknownTemplate.class);
    }
}
