package com.pulse.olap.forecast;

import com.pulse.olap.scope.Scope;
import com.pulse.olap.security.ScopeGuard;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cockpit's monthly forecast. */
@RestController
class ForecastController {

    static final int ACCURACY_DEFAULT_MONTHS = 12;

    private final ForecastReader reader;
    private final AccuracyReader accuracyReader;
    private final ScopeGuard guard;
    private final ZoneId companyZone;
    private final Clock clock = Clock.systemUTC();

    ForecastController(ForecastReader reader, AccuracyReader accuracyReader, ScopeGuard guard, @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone) {
        this.reader = reader;
        this.accuracyReader = accuracyReader;
        this.guard = guard;
        this.companyZone = ZoneId.of(companyZone);
    }

    // Parameters are taken as text and validated here, so every bad value is answered the same way
    // (400 naming the parameter and its valid values) rather than by Spring's type conversion.
    @GetMapping("/olap/v1/forecast")
    Forecast forecast(@RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String months) {
        ForecastScope scope = ForecastScope.of(guard.check(Scope.of(scopeType, scopeId)));
        // The current month is the company's: streams files cells by months of the company time zone.
        ForecastHorizon horizon = ForecastHorizon.of(from, months, YearMonth.now(clock.withZone(companyZone)));
        return Forecast.assemble(scope, horizon, reader.cells(scope, horizon), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Frozen months and their error; by default the twelve months up to and including the current one. */
    @GetMapping("/olap/v1/forecast/accuracy")
    ForecastAccuracy accuracy(@RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String months) {
        ForecastScope scope = ForecastScope.of(guard.check(Scope.of(scopeType, scopeId)));
        YearMonth current = YearMonth.now(clock.withZone(companyZone));
        ForecastHorizon horizon = ForecastHorizon.of(from, months,
                current.minusMonths(ACCURACY_DEFAULT_MONTHS - 1L), ACCURACY_DEFAULT_MONTHS);
        return ForecastAccuracy.assemble(scope, horizon, accuracyReader.months(scope, horizon));
    }
}
