package com.pulse.notifier.masssend;

import java.util.Map;
import java.util.UUID;

/** A contact a mass send selected, with what its macros may name. */
record Recipient(UUID contactId, String ownerId, String name, String title, String phone, String email,
                 String accountName, String ownerName) {

    String address(String channel) {
        String a = "SMS".equals(channel) ? phone : email;
        return a == null || a.isBlank() ? null : a;
    }

    Map<String, String> macros() {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        m.put("contact.name", name);
        m.put("contact.title", title == null ? "" : title);
        m.put("account.name", accountName);
        m.put("owner.name", ownerName == null ? "" : ownerName);
        return m;
    }
}
