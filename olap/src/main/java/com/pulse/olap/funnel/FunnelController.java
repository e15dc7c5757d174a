package com.pulse.olap.funnel;

import com.pulse.events.Pipeline;
import com.pulse.olap.scope.Scope;
import com.pulse.olap.security.ScopeGuard;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cockpit's snapshot funnel. */
@RestController
class FunnelController {

    private final FunnelReader reader;
    private final ScopeGuard guard;
    private final Clock clock = Clock.systemUTC();

    FunnelController(FunnelReader reader, ScopeGuard guard) {
        this.reader = reader;
        this.guard = guard;
    }

    @GetMapping("/olap/v1/funnel")
    Funnel funnel(@RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId) {
        FunnelScope scope = FunnelScope.of(guard.check(Scope.of(scopeType, scopeId)));
        return Funnel.assemble(scope, Pipeline.DEFAULT, reader.cells(scope), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
