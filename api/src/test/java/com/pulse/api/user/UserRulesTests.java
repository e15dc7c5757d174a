package com.pulse.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserRulesTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static CreateUser create(String username, String email, String mobile, String locale, String zone,
                                     List<String> roles, String password) {
        return new CreateUser(username, "Name", email, mobile, locale, zone, roles, null, null, password);
    }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void aValidUserHasNoProblemsAndGetsDefaultsAndCanonicalRoles() {
        CreateUser r = create("wang.fang", "Wang@Example.CN", null, null, null, List.of("REP", "ADMIN", "REP"),
                "ten chars!");

        assertThat(UserRules.validate(r)).isEmpty();
        User u = UserRules.create(UUID.randomUUID(), r, "Asia/Shanghai", "$2a$hash", NOW);
        assertThat(u.roles()).containsExactly("ADMIN", "REP");
        assertThat(u.email()).isEqualTo("wang@example.cn");
        assertThat(u.locale()).isEqualTo("zh-CN");
        assertThat(u.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(u.active()).isTrue();
        assertThat(u.toString()).doesNotContain("$2a$");
    }

    @Test
    void eachFieldIsChecked() {
        assertThat(fields(UserRules.validate(create("ab", "x", "138", "fr", "Mars/Base", List.of(), "short"))))
                .containsExactlyInAnyOrder("username", "email", "mobile", "locale", "timeZone", "roles", "password");
        assertThat(fields(UserRules.validate(create("ok.user", "a@b.cn", "+8613800138000", "en", "UTC",
                List.of("ROOT"), "x".repeat(73))))).containsExactlyInAnyOrder("roles", "password");
        assertThat(fields(UserRules.validate(new CreateUser(null, null, null, null, null, null, null, null, null, null))))
                .containsExactlyInAnyOrder("username", "name", "email", "roles", "password");
    }

    @Test
    void historyNamesAPasswordChangeButNeverTheHash() {
        User u = UserRules.create(UUID.randomUUID(), create("li.lei", "l@e.cn", null, "en", "UTC", List.of("REP"),
                "long password"), "UTC", "$2a$old", NOW);

        assertThat(UserRules.changes(null, u)).anyMatch(c -> c.field().equals("password") && "set".equals(c.newValue()));
        assertThat(UserRules.changes(u, u.withPassword("$2a$new", NOW)))
                .singleElement().satisfies(c -> {
                    assertThat(c.field()).isEqualTo("password");
                    assertThat(c.oldValue()).isNull();
                    assertThat(c.newValue()).isEqualTo("changed");
                });
    }
}
