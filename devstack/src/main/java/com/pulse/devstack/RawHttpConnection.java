package com.pulse.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 connection spoken to byte by byte, for tests that need what an HTTP client
 * library hides: several requests written at once (pipelining) and exactly which connection a
 * request travels on. Each response is read whole (Content-Length or chunked body).
 */
public final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final Duration timeout;

    private RawHttpConnection(Socket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Connects to 127.0.0.1:port; a response that takes longer than {@code timeout} fails the read. */
    public static RawHttpConnection open(int port, Duration timeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) timeout.toMillis());
        return new RawHttpConnection(socket, timeout);
    }

    /** A GET request's bytes, with a bearer token when one is given. */
    public static String get(String path, String bearerToken) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n";
    }

    /** A request with a JSON body. */
    public static String withJson(String method, String path, String bearerToken, String json) {
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + json;
    }

    /** Writes the bytes of one or more requests in a single write. */
    public RawHttpConnection send(String requests) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(requests.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** One response status line, headers and body. */
    public record Response(int status, String body) {
    }

    /** Reads the next response; no response within the timeout is an {@link AssertionError}. */
    public Response read() throws IOException {
        InputStream in = socket.getInputStream();
        try {
            int status = Integer.parseInt(line(in).split(" ")[1]);
            int length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (length > 0) {
                body.write(in.readNBytes(length));
            }
            return new Response(status, body.toString(StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + timeout.toMillis() + " ms on a kept-alive connection", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection after: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
