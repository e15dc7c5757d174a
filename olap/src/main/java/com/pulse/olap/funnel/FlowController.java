package com.pulse.olap.funnel;

import com.pulse.events.Pipeline;
import com.pulse.olap.scope.Scope;
import com.pulse.olap.security.ScopeGuard;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cockpit's stage-reached flow funnel for a period. */
@RestController
class FlowController {

    private final FlowReader reader;
    private final ScopeGuard guard;
    private final ZoneId companyZone;
    private final Clock clock = Clock.systemUTC();

    FlowController(FlowReader reader, ScopeGuard guard, @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone) {
        this.reader = reader;
        this.guard = guard;
        this.companyZone = ZoneId.of(companyZone);
    }

    // Parameters are taken as text and validated here, so every bad value is answered the same way
    // (400 naming the parameter and its valid values) rather than by Spring's type conversion.
    @GetMapping("/olap/v1/funnel/flow")
    FlowFunnel flow(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId) {
        Scope requested = Scope.of(scopeType, scopeId);
        // Days are the company's: a period starts and ends at the company's midnight.
        FlowPeriod period = FlowPeriod.of(from, to, LocalDate.now(clock.withZone(companyZone)), companyZone);
        FunnelScope scope = FunnelScope.of(guard.check(requested));
        return FlowFunnel.assemble(scope, period, Pipeline.DEFAULT, reader.cohort(scope, period),
                reader.cohortTransitions(scope, period), reader.exitTransitions(scope, period));
    }
}
