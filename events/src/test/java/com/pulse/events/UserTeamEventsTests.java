package com.pulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserTeamEventsTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123456Z");

    @Test
    void userAndTeamEventsRoundTripThroughTheCodec() {
        UUID id = UUID.randomUUID();
        var user = new UserChanged(UUID.randomUUID(), id, 3, Operation.UPDATED, "admin", NOW,
                new UserSnapshot(id, "wang.fang", "王芳", "wang.fang@example.cn", "+8613812345678", "zh-CN",
                        "Asia/Shanghai", List.of("MANAGER", "REP"), UUID.randomUUID(), true, NOW, NOW, false, 3));
        UUID teamId = UUID.randomUUID();
        var team = new TeamChanged(UUID.randomUUID(), teamId, 1, Operation.CREATED, "admin", NOW,
                new TeamSnapshot(teamId, "华东销售部", UUID.randomUUID(), id, NOW, NOW, false, 1));

        byte[] userBytes = CloudEventCodec.encode(user, "/pulse/api");

        assertThat(CloudEventCodec.decode(userBytes)).isEqualTo(user);
        assertThat(CloudEventCodec.decode(CloudEventCodec.encode(team, "/pulse/api"))).isEqualTo(team);
        assertThat(new String(userBytes, StandardCharsets.UTF_8)).doesNotContainIgnoringCase("password");
        assertThat(Topics.ALL).contains(Topics.USERS, Topics.TEAMS);
        assertThat(Topics.USERS.name()).isEqualTo("crm.users.v1");
        assertThat(Topics.TEAMS.name()).isEqualTo("crm.teams.v1");
    }
}
