package com.pulse.api.demo;

import com.pulse.api.account.AccountService;
import com.pulse.api.account.CreateAccount;
import com.pulse.api.activity.ActivityService;
import com.pulse.api.activity.CreateActivity;
import com.pulse.api.contact.ContactService;
import com.pulse.api.contact.CreateContact;
import com.pulse.api.crud.ChangeClock;
import com.pulse.api.crud.Versioned;
import com.pulse.api.opportunity.CreateOpportunity;
import com.pulse.api.opportunity.OpportunityService;
import com.pulse.api.opportunity.UpdateOpportunity;
import com.pulse.api.security.Caller;
import com.pulse.api.target.CreateTarget;
import com.pulse.api.target.TargetService;
import com.pulse.api.task.CreateTask;
import com.pulse.api.task.TaskService;
import com.pulse.api.team.CreateTeam;
import com.pulse.api.team.TeamService;
import com.pulse.api.team.UpdateTeam;
import com.pulse.api.user.CreateUser;
import com.pulse.api.user.UserService;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a {@link DemoPlan} through the same services the API's controllers call, so every record has
 * its history rows and its event, exactly like API traffic. Opportunity creates and stage moves carry
 * their planned past instant ({@link ChangeClock#at}), so created, moved and closed times spread over
 * two years; the other records are written now, with their own date fields (due, completed) in the past.
 *
 * <p>At most {@code pulse.api.demo.load-concurrency} changes are in flight, which leaves most of the
 * connection pool to live traffic while the dataset loads.
 */
@Component
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    static final Caller ACTOR = Caller.DEMO;

    private final TeamService teams;
    private final UserService users;
    private final AccountService accounts;
    private final ContactService contacts;
    private final OpportunityService opportunities;
    private final ActivityService activities;
    private final TaskService tasks;
    private final TargetService targets;

    DemoLoader(TeamService teams, UserService users, AccountService accounts, ContactService contacts,
               OpportunityService opportunities, ActivityService activities, TaskService tasks, TargetService targets) {
        this.teams = teams;
        this.users = users;
        this.accounts = accounts;
        this.contacts = contacts;
        this.opportunities = opportunities;
        this.activities = activities;
        this.tasks = tasks;
        this.targets = targets;
    }

    /** Ids of what the plan's keys, usernames and indexes became. */
    static final class Written {
        final Map<String, UUID> teams = new ConcurrentHashMap<>();
        final Map<String, UUID> users = new ConcurrentHashMap<>();
        final Map<Integer, UUID> accounts = new ConcurrentHashMap<>();
        final AtomicLong writes = new AtomicLong();
        final AtomicLong opportunities = new AtomicLong();
    }

    /** Teams (with their managers) and users, each with {@code password}. */
    Mono<Void> organisation(DemoPlan plan, String password, Written written) {
        Flux<Void> teamsInOrder = Flux.fromIterable(plan.teams).concatMap(team -> teams.create(new CreateTeam(team.name(),
                        team.parentKey() == null ? null : written.teams.get(team.parentKey()), null), ACTOR)
                .cast(Versioned.class).doOnNext(t -> written.teams.put(team.key(), t.id())).then(count(written)));
        // BCrypt makes users slow to create; a few at a time use both cores without hogging them.
        Flux<Void> people = Flux.fromIterable(plan.users).flatMap(u -> users.create(new CreateUser(u.username(), u.name(),
                        u.email(), u.mobile(), u.locale(), u.timeZone(), u.roles(), written.teams.get(u.teamKey()), true, password), ACTOR)
                .cast(Versioned.class).doOnNext(saved -> written.users.put(u.username(), saved.id())).then(count(written)), 2);
        Flux<Void> managed = Flux.fromIterable(plan.managers.entrySet()).concatMap(e -> teams.update(written.teams.get(e.getKey()),
                new UpdateTeam(null, null, written.users.get(e.getValue()), null), null, ACTOR).then(count(written)));
        return teamsInOrder.thenMany(people).thenMany(managed).then();
    }

    /** Accounts (group parents before their members) and their contacts. */
    Mono<Void> customers(DemoPlan plan, Written written, int concurrency) {
        Flux<Void> parents = Flux.fromIterable(plan.accounts).filter(a -> a.parentIndex() == null)
                .flatMap(a -> account(a, written), concurrency);
        Flux<Void> members = Flux.fromIterable(plan.accounts).filter(a -> a.parentIndex() != null)
                .flatMap(a -> account(a, written), concurrency);
        Flux<Void> people = Flux.fromIterable(plan.contacts).flatMap(c -> contacts.create(new CreateContact(
                written.accounts.get(c.account()), c.name(), c.title(), c.phone(), c.email(), c.birthday(),
                written.users.get(plan.accounts.get(c.account()).owner())), ACTOR).then(count(written)), concurrency);
        return parents.thenMany(members).thenMany(people).then();
    }

    private Mono<Void> account(DemoPlan.AccountPlan a, Written written) {
        return accounts.create(new CreateAccount(a.name(), a.industry(), a.region(), a.tier(), a.type(),
                        a.parentIndex() == null ? null : written.accounts.get(a.parentIndex()), written.users.get(a.owner()),
                        a.sharedWith().stream().map(written.users::get).toList(), a.status()), ACTOR)
                .cast(Versioned.class).doOnNext(saved -> written.accounts.put(a.index(), saved.id())).then(count(written));
    }

    /** Every deal with its moves at their past instants and its activities. */
    Mono<Void> deals(DemoPlan plan, Written written, int concurrency) {
        return Flux.fromIterable(plan.opportunities).flatMap(o -> deal(plan, o, written), concurrency).then();
    }

    private Mono<Void> deal(DemoPlan plan, DemoPlan.OpportunityPlan o, Written written) {
        UUID account = written.accounts.get(o.account());
        UUID owner = written.users.get(o.owner());
        CreateOpportunity create = new CreateOpportunity(o.name(), o.amount(), o.currency(), "PROSPECTING", null,
                o.expectedClose(), account, owner, null, o.source(), o.competitors());
        return opportunities.create(create, ACTOR).contextWrite(ChangeClock.at(o.createdAt()))
                .flatMap(created -> count(written).then(Flux.fromIterable(o.moves()).concatMap(move -> opportunities.update(
                                created.id(), new UpdateOpportunity(null, move.stage(), null, null, null, null, null), null, ACTOR)
                        .contextWrite(ChangeClock.at(move.at())).then(count(written))).then(Mono.just(created.id()))))
                .flatMapMany(id -> Flux.fromIterable(o.activities()).concatMap(a -> activities.create(new CreateActivity(
                        a.type(), a.subject(), null, account, null, id, a.dueAt(), a.completedAt(), owner), ACTOR).then(count(written))))
                .then(Mono.fromRunnable(written.opportunities::incrementAndGet));
    }

    /** Open, due and done tasks, and the monthly targets of every rep and team. */
    Mono<Void> plans(DemoPlan plan, Written written, int concurrency) {
        Flux<Void> todo = Flux.fromIterable(plan.tasks).flatMap(t -> tasks.create(new CreateTask(t.title(),
                written.users.get(t.assignee()), t.due(), t.status(), written.accounts.get(t.account()), null), ACTOR)
                .then(count(written)), concurrency);
        Flux<Void> goals = Flux.fromIterable(plan.targets).flatMap(t -> targets.create(new CreateTarget(t.scopeType(),
                "TEAM".equals(t.scopeType()) ? written.teams.get(t.scope()) : written.users.get(t.scope()),
                t.periodType(), t.period(), t.metric(), t.value()), ACTOR).then(count(written)), concurrency);
        return todo.thenMany(goals).then();
    }

    /** Logs progress every {@code every} until disposed. */
    Disposable progress(DemoPlan plan, Written written, Duration every) {
        long started = System.nanoTime();
        int total = plan.writes();
        return Flux.interval(every, every).subscribe(tick -> {
            long writes = written.writes.get();
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Demo data: {}/{} writes, {}/{} opportunities ({} writes/s)", writes, total,
                    written.opportunities.get(), plan.opportunities.size(), Math.round(writes / seconds));
        });
    }

    private static Mono<Void> count(Written written) {
        return Mono.fromRunnable(written.writes::incrementAndGet);
    }
}
