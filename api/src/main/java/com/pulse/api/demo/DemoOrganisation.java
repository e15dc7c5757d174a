package com.pulse.api.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Teams, users and accounts of the demo company. Written with plain SQL: in this slice only
 * opportunities have an API (and events); the others arrive with issue 3.
 */
final class DemoOrganisation {

    private static final String[] TEAMS = {
            "North China Sales", "East China Sales", "South China Sales", "Key Accounts", "Channel Partners", "Inside Sales"};
    private static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
            "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Tao", "Xin", "Hui",
            "Ying", "Qiang", "Li", "Ping", "Hong", "Bo", "Na", "Chao", "Yu", "Lan"};
    private static final String[] CITIES = {"Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Chengdu", "Nanjing",
            "Wuhan", "Suzhou", "Tianjin", "Xi'an", "Qingdao"};
    private static final String[] INDUSTRIES = {"Manufacturing", "Retail", "Healthcare", "Finance", "Logistics", "Education",
            "Energy", "Telecom"};
    private static final String[] WORDS = {"Precision", "Bright", "Harmony", "Golden", "Pioneer", "Everest", "Orient",
            "Summit", "Evergreen", "Nova", "Zenith", "Unity", "Crystal", "Dragon", "Phoenix", "Jade"};
    private static final String[] SUFFIX = {"Technology", "Industries", "Holdings", "Medical", "Logistics", "Retail Group",
            "Electronics", "Materials", "Foods", "Software"};
    private static final String[] REGIONS = {"North", "East", "South", "West", "Central"};

    final List<UUID> users = new ArrayList<>();
    final List<UUID> accounts = new ArrayList<>();
    /** Account owner, so a deal is usually owned by its account's owner. */
    final List<UUID> accountOwners = new ArrayList<>();

    Mono<Void> insert(DatabaseClient db, Random random, int userCount, int accountCount) {
        List<Mono<?>> statements = new ArrayList<>();
        List<UUID> teams = new ArrayList<>();
        for (String name : TEAMS) {
            UUID id = UUID.randomUUID();
            teams.add(id);
            statements.add(db.sql("INSERT INTO teams (id, name) VALUES (:id, :name)").bind("id", id).bind("name", name).then());
        }
        for (int i = 0; i < userCount; i++) {
            UUID id = UUID.randomUUID();
            users.add(id);
            String name = SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
            statements.add(db.sql("INSERT INTO users (id, name, email, team_id) VALUES (:id, :name, :email, :team)")
                    .bind("id", id).bind("name", name)
                    .bind("email", name.toLowerCase().replace(' ', '.') + "." + (i + 1) + "@pulse.example")
                    .bind("team", teams.get(i % teams.size())).then());
        }
        for (int t = 0; t < teams.size(); t++) {
            // The first user of each team manages it.
            statements.add(db.sql("UPDATE teams SET manager_id = :manager WHERE id = :id")
                    .bind("manager", users.get(t)).bind("id", teams.get(t)).then());
        }
        for (int i = 0; i < accountCount; i++) {
            UUID id = UUID.randomUUID();
            UUID owner = users.get(random.nextInt(users.size()));
            accounts.add(id);
            accountOwners.add(owner);
            String name = CITIES[random.nextInt(CITIES.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
                    + SUFFIX[random.nextInt(SUFFIX.length)] + (i >= 200 ? " " + (i / 200 + 1) : "");
            int tierRoll = random.nextInt(100);
            String tier = tierRoll < 5 ? "A" : tierRoll < 20 ? "B" : tierRoll < 50 ? "C" : "D";
            statements.add(db.sql("""
                            INSERT INTO accounts (id, name, industry, region, tier, owner_id)
                            VALUES (:id, :name, :industry, :region, :tier, :owner)""")
                    .bind("id", id).bind("name", name)
                    .bind("industry", INDUSTRIES[random.nextInt(INDUSTRIES.length)])
                    .bind("region", REGIONS[random.nextInt(REGIONS.length)])
                    .bind("tier", tier).bind("owner", owner).then());
        }
        return Flux.fromIterable(statements).concatMap(m -> m).then();
    }
}
