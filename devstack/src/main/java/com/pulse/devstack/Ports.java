package com.pulse.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The six ports devstack listens on: fixed for the demo, free ones for tests. */
record Ports(int postgres, int kafka, int kafkaController, int clickhouseHttp, int clickhouseTcp, int clickhouseInterserver) {

    static final Ports FIXED = new Ports(54329, 39092, 39093, 38123, 39000, 39009);

    List<Integer> all() {
        return List.of(postgres, kafka, kafkaController, clickhouseHttp, clickhouseTcp, clickhouseInterserver);
    }

    static Ports free() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // All sockets stay open until every port is chosen, so the six are distinct.
            for (int i = 0; i < 6; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return new Ports(held.get(0).getLocalPort(), held.get(1).getLocalPort(), held.get(2).getLocalPort(),
                    held.get(3).getLocalPort(), held.get(4).getLocalPort(), held.get(5).getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot find free ports", e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /**
     * Free ports for tests, preferring the ones this directory used last time: Kafka's KRaft
     * metadata remembers its listeners, and stable ports make logs easier to compare.
     */
    static Ports auto(java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("ports");
        try {
            if (java.nio.file.Files.isRegularFile(file)) {
                Ports last = parse(java.nio.file.Files.readString(file));
                if (last.all().stream().allMatch(Ports::isFree)) {
                    return last;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // pick new ones below
        }
        Ports chosen = free();
        try {
            java.nio.file.Files.writeString(file, chosen.render());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return chosen;
    }

    String render() {
        return all().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")) + "\n";
    }

    static Ports parse(String text) {
        int[] p = java.util.Arrays.stream(text.strip().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        if (p.length != 6) {
            throw new IllegalArgumentException("expected 6 ports: " + text);
        }
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
