package com.pulse.api.demo;

import java.util.Random;

/** Word lists the demo company is made of. */
final class DemoNames {

    static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
            "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han",
            "Tang", "Feng", "Yu", "Dong", "Xiao"};
    static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Tao", "Xin", "Hui",
            "Ying", "Qiang", "Li", "Ping", "Hong", "Bo", "Na", "Chao", "Yu", "Lan", "Jie", "Mei", "Hao", "Ning", "Kai"};
    static final String[] CITIES = {"Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Chengdu", "Nanjing",
            "Wuhan", "Suzhou", "Tianjin", "Xi'an", "Qingdao", "Xiamen", "Dalian", "Ningbo", "Changsha"};
    static final String[] INDUSTRIES = {"Manufacturing", "Retail", "Healthcare", "Finance", "Logistics", "Education",
            "Energy", "Telecom", "Automotive", "Food & Beverage"};
    static final String[] WORDS = {"Precision", "Bright", "Harmony", "Golden", "Pioneer", "Everest", "Orient",
            "Summit", "Evergreen", "Nova", "Zenith", "Unity", "Crystal", "Dragon", "Phoenix", "Jade", "Silk Road",
            "Blue Sky", "Great Wall", "Pearl River"};
    static final String[] SUFFIXES = {"Technology", "Industries", "Holdings", "Medical", "Logistics", "Retail Group",
            "Electronics", "Materials", "Foods", "Software", "Motors", "Pharma"};
    static final String[] REGIONS = {"North", "East", "South", "West", "Central"};
    static final String[] TITLES = {"CEO", "CFO", "CIO", "IT Director", "Procurement Manager", "Operations Manager",
            "Plant Manager", "Head of Sales", "Purchasing Officer", "Project Lead"};
    static final String[] PRODUCTS = {"ERP rollout", "CRM licences", "Data platform", "Support renewal",
            "Cloud migration", "Analytics suite", "Factory IoT", "Security audit", "Training programme", "Hardware refresh"};
    static final String[] SOURCES = {"WEB", "WEB", "REFERRAL", "REFERRAL", "EVENT", "CAMPAIGN", "COLD_CALL", "OTHER"};
    static final String[] COMPETITORS = {"Salesforce", "Kingdee", "Yonyou", "SAP", "Fxiaoke", "Oracle"};
    static final String[] LOST_REASONS = {"Price", "Chose a competitor", "No budget", "Project cancelled",
            "No decision", "Timing"};
    static final String[] ACTIVITY_TYPES = {"CALL", "CALL", "EMAIL", "EMAIL", "MEETING", "VISIT"};
    static final String[] TASKS = {"Send quote", "Prepare contract", "Follow up", "Book demo", "Check payment",
            "Update forecast", "Renewal reminder"};

    private DemoNames() {
    }

    static String subject(String type, Random random) {
        return switch (type) {
            case "CALL" -> random.nextBoolean() ? "Discovery call" : "Follow-up call";
            case "EMAIL" -> random.nextBoolean() ? "Proposal sent" : "Pricing questions";
            case "MEETING" -> random.nextBoolean() ? "Solution workshop" : "Steering meeting";
            default -> random.nextBoolean() ? "Site visit" : "Quarterly business review";
        };
    }
}
