package com.pulse.olap.labels;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a name lookup adds to a pivot on olap's side (DESIGN.md "Member labels", Cost): {@link ApiNames} asking for
 * 50 ids, uncached, 500 times after 200 warm-up lookups, against a loopback server that answers each request in one
 * write. (The JDK's HttpServer, which {@link DirectoryStub} uses, writes headers and body apart and so waits ~40 ms for
 * a delayed ACK: no measure.) The api's own two queries are not in it. Not a test: run
 * {@code java -cp <olap test classpath> com.pulse.olap.labels.NamesLookupMeasurement}.
 */
public final class NamesLookupMeasurement {

    private static final byte[] ANSWER = "{\"users\":{},\"teams\":{}}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(() -> serve(server));
        serving.setDaemon(true);
        serving.start();
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ApiNames uncached = new ApiNames(JsonMapper.builder().build(), Clock.systemUTC(),
                "http://127.0.0.1:" + server.getLocalPort(), 0, 2000);
        for (int i = 0; i < 200; i++) {
            uncached.names(ids, "Bearer x");
        }
        long[] nanos = new long[500];
        for (int i = 0; i < nanos.length; i++) {
            long began = System.nanoTime();
            uncached.names(ids, "Bearer x");
            nanos[i] = System.nanoTime() - began;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "50 ids, uncached: p50 %.2f ms, p95 %.2f ms%n", nanos[250] / 1e6, nanos[475] / 1e6);
    }

    // HTTP/1.1 keep-alive, one write per answer
    private static void serve(ServerSocket server) {
        while (true) {
            try (Socket socket = server.accept()) {
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                int length;
                while ((length = contentLength(in)) >= 0) {
                    in.readNBytes(length);
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    answer.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ANSWER.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    answer.writeBytes(ANSWER);
                    out.write(answer.toByteArray());
                    out.flush();
                }
            } catch (IOException e) {
                // the client closed the connection: accept the next one
            }
        }
    }

    // the request's headers read up to the blank line; its Content-Length, or -1 at the end of the stream
    private static int contentLength(InputStream in) throws IOException {
        int length = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c != '\n') {
                line.write(c);
                continue;
            }
            String header = line.toString(StandardCharsets.US_ASCII).trim();
            line.reset();
            if (header.isEmpty()) {
                return length;
            }
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }
}
