package com.pulse.api.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's sign-in: one password, drawn when the demo database is first loaded and given to every
 * demo user, written with the usernames to a file only its owner can read ({@code ./pulse demo}
 * prints it). It is never in the repository and differs for every demo database.
 */
final class DemoLogins {

    /** No 0/O, 1/l/I: it is read off a terminal and typed into a sign-in form. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private DemoLogins() {
    }

    /** Four groups of four, e.g. {@code k7mq-x2pf-9tzr-h4wd}: about 80 bits. */
    static String newPassword(SecureRandom random) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * {@code password=…}, one {@code ROLE=username} line per role (the first user holding it), then
     * {@code user=username ROLES team} for everybody. Written to a temporary file with mode 600 first,
     * then moved into place, so the password is never readable by others, not even for a moment.
     */
    static void write(Path file, String password, DemoPlan plan) throws IOException {
        Map<String, String> firstByRole = new LinkedHashMap<>();
        for (String role : DemoPlan.ROLES) {
            plan.users.stream().filter(u -> u.roles().contains(role)).findFirst()
                    .ifPresent(u -> firstByRole.put(role, u.username()));
        }
        StringBuilder text = new StringBuilder("# Pulse demo sign-in for this demo database only (every demo user has this password)\n");
        text.append("password=").append(password).append('\n');
        firstByRole.forEach((role, user) -> text.append(role).append('=').append(user).append('\n'));
        for (DemoPlan.UserPlan u : plan.users) {
            text.append("user=").append(u.username()).append(' ').append(String.join(",", u.roles()))
                    .append(' ').append(plan.team(u.teamKey()).name().replace(' ', '_')).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".logins", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
