package com.pulse.notifier.schedule;

import java.time.Instant;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz job of every rule. In a cluster, a trigger's firing is acquired under Quartz's row lock by one
 * instance only; the alerts' dedupe keys also make a recovered re-run a no-op.
 */
class RuleFiringJob implements Job {

    private final FiringHandler handler;

    RuleFiringJob(FiringHandler handler) {
        this.handler = handler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        Instant scheduled = context.getScheduledFireTime().toInstant();
        Instant period = data.containsKey(RuleScheduler.PERIOD)
                ? Instant.ofEpochMilli(data.getLong(RuleScheduler.PERIOD)) : scheduled;
        Instant asOf = data.containsKey(RuleScheduler.AS_OF)
                ? Instant.ofEpochMilli(data.getLong(RuleScheduler.AS_OF)) : scheduled;
        try {
            handler.fire(new Firing(UUID.fromString(data.getString(RuleScheduler.RULE)),
                    data.getString(RuleScheduler.RECIPIENT), scheduled, period, asOf));
        } catch (RuntimeException e) {
            // Quartz logs it; the next firing comes as scheduled. A failed period is not retried in a loop.
            throw new JobExecutionException(e, false);
        }
    }
}
