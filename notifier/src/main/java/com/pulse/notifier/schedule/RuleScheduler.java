package com.pulse.notifier.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

/**
 * The rules' Quartz jobs and triggers: one durable job per rule, one cron trigger per (rule, recipient) in
 * the recipient's time zone. Quartz's JDBC store shares the application's DataSource and joins the
 * caller's transaction, so a rule row and its triggers commit or roll back together.
 */
@Component
public class RuleScheduler {

    static final String GROUP = "rules";
    static final String DEFERRED_GROUP = "rules-deferred";
    static final String RETRY_GROUP = "rules-retry";
    static final String RULE = "ruleId";
    static final String RECIPIENT = "recipient";
    static final String PERIOD = "period";
    static final String AS_OF = "asOf";

    private final Scheduler scheduler;

    RuleScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static JobKey job(UUID ruleId) {
        return JobKey.jobKey(ruleId.toString(), GROUP);
    }

    public static TriggerKey trigger(UUID ruleId, String recipient) {
        return TriggerKey.triggerKey(ruleId + "/" + recipient, GROUP);
    }

    /** Replaces the rule's triggers with one per recipient, each on the recipient's clock. */
    public void schedule(UUID ruleId, String cron, Map<String, ZoneId> recipients) {
        JobDetail job = JobBuilder.newJob(RuleFiringJob.class).withIdentity(job(ruleId)).storeDurably()
                .requestRecovery().usingJobData(RULE, ruleId.toString()).build();
        Set<Trigger> triggers = new LinkedHashSet<>();
        recipients.forEach((recipient, zone) -> triggers.add(cronTrigger(ruleId, recipient, cron, zone)));
        try {
            // replace=true swaps the job and drops triggers no longer wanted (a removed recipient)
            scheduler.deleteJob(job.getKey());
            scheduler.scheduleJob(job, triggers, true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule rule " + ruleId, e);
        }
    }

    /** The trigger of one recipient: the rule's cron read in {@code zone}. A missed firing runs once on recovery. */
    public static Trigger cronTrigger(UUID ruleId, String recipient, String cron, ZoneId zone) {
        return TriggerBuilder.newTrigger().withIdentity(trigger(ruleId, recipient)).forJob(job(ruleId))
                .usingJobData(RECIPIENT, recipient)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** Removes the rule's job and all its triggers (deleted or disabled). */
    public void unschedule(UUID ruleId) {
        try {
            scheduler.deleteJob(job(ruleId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule rule " + ruleId, e);
        }
    }

    /**
     * A one-off firing at {@code at} for the firing of {@code period} that quiet hours held back. Keyed by
     * (rule, recipient, period): deferring the same firing twice (a re-run) schedules it once.
     */
    public boolean defer(UUID ruleId, String recipient, Instant period, Instant at) {
        return oneOff(TriggerKey.triggerKey(ruleId + "/" + recipient + "/" + period.toEpochMilli(), DEFERRED_GROUP),
                ruleId, recipient, period, null, at);
    }

    /**
     * A one-off firing at {@code at} that tries the firing of {@code period} again after its {@code attempt}-th try
     * could not read its facts, evaluating as of {@code asOf} (the failed try's instant). Keyed by (rule, recipient,
     * period, attempt): the same failed try schedules one retry.
     */
    public boolean retry(UUID ruleId, String recipient, Instant period, Instant asOf, int attempt, Instant at) {
        return oneOff(retryTrigger(ruleId, recipient, period, attempt), ruleId, recipient, period, asOf, at);
    }

    /** The key of the retry after the {@code attempt}-th failed try of a firing. */
    public static TriggerKey retryTrigger(UUID ruleId, String recipient, Instant period, int attempt) {
        return TriggerKey.triggerKey(ruleId + "/" + recipient + "/" + period.toEpochMilli() + "/" + attempt, RETRY_GROUP);
    }

    // asOf null: the one-off firing evaluates as of its own time (quiet hours' end)
    private boolean oneOff(TriggerKey key, UUID ruleId, String recipient, Instant period, Instant asOf, Instant at) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(key)
                .forJob(job(ruleId)).usingJobData(RECIPIENT, recipient).usingJobData(PERIOD, period.toEpochMilli());
        if (asOf != null) {
            builder.usingJobData(AS_OF, asOf.toEpochMilli());
        }
        Trigger trigger = builder.startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(trigger);
            return true;
        } catch (ObjectAlreadyExistsException e) {
            return false;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule a one-off firing of rule " + ruleId, e);
        }
    }
}
