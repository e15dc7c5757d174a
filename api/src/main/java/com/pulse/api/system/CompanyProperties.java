package com.pulse.api.system;

import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Company-wide settings (METRICS.md): periods and "today" are in this time zone; amounts in this currency. */
@ConfigurationProperties("pulse.company")
public record CompanyProperties(
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue("CNY") String baseCurrency) {

    public LocalDate today() {
        return LocalDate.now(timeZone);
    }
}
