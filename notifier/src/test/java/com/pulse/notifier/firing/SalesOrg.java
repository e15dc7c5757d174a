package com.pulse.notifier.firing;

import com.pulse.notifier.CrmData;
import com.pulse.notifier.Facts;
import java.util.UUID;

/**
 * The org chart the built-in rule type tests share, in the api's tables and as ClickHouse fact owners: Sales, managed
 * by Mia, with rep Rita; its sub-team Sales North with rep Sam; Support, outside Mia's teams, with rep Otto. Everybody
 * in Asia/Shanghai.
 */
record SalesOrg(UUID sales, UUID manager, UUID rita, UUID salesNorth, UUID sam, UUID support, UUID otto) {

    static SalesOrg create(CrmData crm, Facts facts) {
        UUID sales = crm.team("Sales", null);
        UUID manager = crm.user("Mia", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(manager, sales);
        UUID rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        UUID salesNorth = crm.team("Sales North", sales);
        UUID sam = crm.user("Sam", salesNorth, "REP", "Asia/Shanghai");
        UUID support = crm.team("Support", null);
        UUID otto = crm.user("Otto", support, "REP", "Asia/Shanghai");
        facts.owner(rita, sales, sales.toString()).owner(sam, salesNorth, sales + "/" + salesNorth)
                .owner(otto, support, support.toString());
        return new SalesOrg(sales, manager, rita, salesNorth, sam, support, otto);
    }
}
