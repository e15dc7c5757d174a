package com.pulse.notifier.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.pulse.notifier.delivery.Channel;
import com.pulse.notifier.delivery.Delivery;
import com.pulse.notifier.delivery.DeliveryStatus;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.delivery.SendOutcome;
import com.pulse.notifier.delivery.template.RenderedMessage;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email sender keeps one SMTP connection per thread: counted by a TCP relay in front of GreenMail, which
 * can also cut the connections as a server that drops idle clients would.
 */
class SmtpConnectionReuseTests {

    private GreenMail mail;
    private Relay relay;

    @BeforeEach
    void start() throws IOException {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        relay = new Relay(mail.getSmtp().getPort());
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        mail.stop();
    }

    @Test
    void emailsSentOneAfterAnotherShareOneConnectionAndKeepTheirMessageIds() throws Exception {
        try (SmtpEmailSender sender = sender(Duration.ofMinutes(1))) {
            List<Delivery> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Delivery d = delivery("r" + i + "@example.com");
                assertThat(sender.send(d, message(i))).isInstanceOf(SendOutcome.Sent.class);
                sent.add(d);
            }

            assertThat(relay.accepted.get()).isEqualTo(1);
            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(5);
            assertThat(Arrays.stream(received).map(SmtpConnectionReuseTests::messageId))
                    .containsExactlyElementsOf(sent.stream().map(d -> "<" + d.id() + "@pulse.test>").toList());
            assertThat(received[3].getSubject()).isEqualTo("Reminder 3");
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheEmailStillSent() throws Exception {
        try (SmtpEmailSender sender = sender(Duration.ofMinutes(1))) {
            assertThat(sender.send(delivery("a@example.com"), message(1))).isInstanceOf(SendOutcome.Sent.class);

            relay.cutAll();
            SendOutcome afterCut = sender.send(delivery("b@example.com"), message(2));

            assertThat(afterCut).isInstanceOf(SendOutcome.Sent.class);
            assertThat(relay.accepted.get()).isEqualTo(2);
            assertThat(mail.getReceivedMessages()).hasSize(2);
        }
    }

    @Test
    void aConnectionIdleLongerThanAllowedIsNotReused() throws Exception {
        try (SmtpEmailSender sender = sender(Duration.ZERO)) {
            for (int i = 0; i < 3; i++) {
                assertThat(sender.send(delivery("r" + i + "@example.com"), message(i))).isInstanceOf(SendOutcome.Sent.class);
            }

            assertThat(relay.accepted.get()).isEqualTo(3);
            assertThat(mail.getReceivedMessages()).hasSize(3);
        }
    }

    @Test
    void anUnreachableServerIsATransientFailure() throws Exception {
        // port 1 on loopback: nothing listens there, and it is outside the ephemeral range, so a connection can
        // neither be accepted nor meet itself (a closed ephemeral port of a just-stopped relay sometimes could)
        try (SmtpEmailSender sender = sender(Duration.ofMinutes(1), 1)) {
            assertThat(sender.send(delivery("a@example.com"), message(1))).isInstanceOf(SendOutcome.Transient.class);
        }
    }

    private SmtpEmailSender sender(Duration maxIdle) {
        return sender(maxIdle, relay.port());
    }

    private SmtpEmailSender sender(Duration maxIdle, int port) {
        JavaMailSenderImpl impl = new JavaMailSenderImpl();
        impl.setHost("127.0.0.1");
        impl.setPort(port);
        impl.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        impl.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        return new SmtpEmailSender(impl, new EmailProperties("Pulse <pulse@localhost>", "pulse.test", true, maxIdle));
    }

    private static Delivery delivery(String address) {
        return new Delivery(UUID.randomUUID(), "rule", "contact:1", "2026-11-29", Channel.EMAIL, "user-1", address, "en",
                "ALERT", Map.of(), DeliveryStatus.SENDING, 1, Instant.now(), UUID.randomUUID(), null, null, null,
                Provenance.none(), Instant.now(), null, null);
    }

    private static RenderedMessage message(int i) {
        return new RenderedMessage("Reminder " + i, "Call back account " + i, "<p>Call back account " + i + "</p>",
                "Call back account " + i);
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP relay to the SMTP server that counts the connections it accepted and can cut them all. */
    private static final class Relay implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket server;
        private final int target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Relay(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void cutAll() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }

        @Override
        public void close() throws IOException {
            server.close();
            cutAll();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    accepted.incrementAndGet();
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "smtp-relay");
            t.setDaemon(true);
            t.start();
        }

        private static void pump(Socket from, Socket to) {
            daemon(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed: the other follows below
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            });
        }
    }
}
