package com.pulse.olap.forecast;

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

    private final ForecastReader reader;
    private final ZoneId companyZone;
    private final Clock clock = Clock.systemUTC();

    ForecastController(ForecastReader reader, @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone) {
        this.reader = reader;
        this.companyZone = ZoneId.of(companyZone);
    }

    // Parameters are taken as text and validated here, so every bad value is answered the same way
    // (400 naming the parameter and its valid values) rather than by Spring's type conversion.
    @GetMapping("/olap/v1/forecast")
    Forecast forecast(@RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String months) {
        ForecastScope scope = ForecastScope.of(scopeType, scopeId);
        // The current month is the company's: streams files cells by months of the company time zone.
        ForecastHorizon horizon = ForecastHorizon.of(from, months, YearMonth.now(clock.withZone(companyZone)));
        return Forecast.assemble(scope, horizon, reader.cells(scope, horizon), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
