package com.pulse.dashboards.e2e;

import com.pulse.events.FunnelChanged;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in-process, routing to the {@link StackUnderTest}. Subclasses add nothing to the
 * Spring configuration, so they share one cached application context and one stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LiveStackSupport {

    static final List<String> OPEN_STAGES = Pipeline.DEFAULT.openStages().stream().map(PipelineStage::name).toList();

    @DynamicPropertySource
    static void gatewayInFrontOfTheStack(DynamicPropertyRegistry registry) {
        StackUnderTest.shared().gatewayProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int gatewayPort;

    @AfterEach
    void stackStillRunning() {
        stack().assertAllRunning();
    }

    StackUnderTest stack() {
        return StackUnderTest.shared();
    }

    URI gateway() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    String gatewayWebSocket() {
        return StackUnderTest.webSocketUrl(gateway());
    }

    PostgresFunnel postgres() {
        return new PostgresFunnel(stack().namespace.pgJdbcUrl());
    }

    static boolean companyScope(FunnelChanged change) {
        return FunnelChanged.COMPANY.equals(change.scopeType()) && "company".equals(change.scopeId());
    }

    /** Amounts whose weighted value (× 10, 20, 40, 60 or 80 %) is exact in cents, so every source agrees to the cent. */
    static BigDecimal amount(int i) {
        return new BigDecimal("1000.00").add(new BigDecimal("137.50").multiply(BigDecimal.valueOf(i)));
    }
}
