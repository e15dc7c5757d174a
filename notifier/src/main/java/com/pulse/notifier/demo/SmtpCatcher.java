package com.pulse.notifier.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * An SMTP server that accepts every message and keeps it in memory (GreenMail): the demo's mail goes here
 * through the same Spring Mail sender as real mail would, and the outbox reads it back.
 */
public class SmtpCatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpCatcher.class);

    private final GreenMail server;
    private final int keep;
    private volatile boolean running;

    public SmtpCatcher(String host, int port, int keep) {
        this.server = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        this.keep = keep;
    }

    /** Before the dispatcher (which starts in the default phase) sends its first email. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    @Override
    public void start() {
        server.start();
        running = true;
        log.info("demo SMTP catcher listening on {}:{}", server.getSmtp().getBindTo(), server.getSmtp().getPort());
    }

    @Override
    public void stop() {
        server.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The last {@code keep} emails received, newest first. */
    public List<CapturedEmail> emails() {
        MimeMessage[] received = server.getReceivedMessages();
        List<CapturedEmail> emails = new ArrayList<>();
        for (int i = received.length - 1; i >= 0 && emails.size() < keep; i--) {
            emails.add(captured(received[i]));
        }
        return emails;
    }

    private static CapturedEmail captured(MimeMessage message) {
        try {
            String[] bodies = new String[2];
            collect(message, bodies);
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            Address[] from = message.getFrom();
            Instant at = message.getSentDate() == null ? null : message.getSentDate().toInstant();
            return new CapturedEmail(to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                    from == null || from.length == 0 ? null : from[0].toString(), message.getSubject(),
                    bodies[0], bodies[1], at);
        } catch (MessagingException | IOException e) {
            // one unreadable message must not hide the others
            return new CapturedEmail(Collections.emptyList(), null, "(unreadable: " + e.getMessage() + ")", null, null, null);
        }
    }

    /** The first text/plain and text/html parts, wherever the multipart nesting put them (CRLF made \n). */
    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        } else if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = ((String) part.getContent()).replace("\r\n", "\n");
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = ((String) part.getContent()).replace("\r\n", "\n");
        }
    }
}
