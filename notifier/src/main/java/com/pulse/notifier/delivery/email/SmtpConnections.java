package com.pulse.notifier.delivery.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One open SMTP connection per sending thread, reused for the next message. {@link JavaMailSenderImpl#send}
 * opens a connection, greets, sends and quits for every message: six round trips and a TCP handshake around
 * each email, which bounded the dispatcher's email sends/s. Here a connection idle for longer than
 * {@code maxIdle} is closed and reopened first (servers drop idle clients), and a message that fails on a
 * reused connection for a reason other than an SMTP reply (the server closed it meanwhile) is sent once more
 * on a fresh one. Failures come out as Spring's {@link MailSendException}, as from {@code JavaMailSender}.
 */
final class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final JavaMailSenderImpl mail;
    private final long maxIdleNanos;
    private final ThreadLocal<Held> held = new ThreadLocal<>();
    private final Set<Held> open = ConcurrentHashMap.newKeySet();

    SmtpConnections(JavaMailSenderImpl mail, Duration maxIdle) {
        this.mail = mail;
        this.maxIdleNanos = maxIdle.toNanos();
    }

    void send(MimeMessage message) {
        try {
            prepare(message);
            Held h = held.get();
            if (h != null && System.nanoTime() - h.lastUsed > maxIdleNanos) {
                discard(h);
                h = null;
            }
            if (h == null) {
                sendOn(connect(), message);
                return;
            }
            try {
                sendOn(h, message);
            } catch (MessagingException e) {
                if (answered(e)) {
                    throw e; // the server answered: its reply decides, a new connection would not change it
                }
                log.debug("SMTP connection lost ({}), sending again on a new one", e.toString());
                discard(h);
                sendOn(connect(), message);
            }
        } catch (MessagingException e) {
            throw new MailSendException("SMTP send failed: " + e.getMessage(), e);
        }
    }

    /** Closes every connection still open (the dispatcher's workers are gone by then). */
    @Override
    public void close() {
        open.forEach(SmtpConnections::quit);
        open.clear();
    }

    private static void prepare(MimeMessage message) throws MessagingException {
        // as JavaMailSenderImpl does: saveChanges() replaces the Message-ID, which must stay the delivery's own
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
    }

    /**
     * Whether the server replied. Angus reports a connection closed before the reply to MAIL FROM or DATA as a
     * send failure with return code -1 ("[EOF]"): nobody answered, so the message was not taken and goes again on a
     * new connection, like any other failure of a dropped connection.
     */
    private static boolean answered(MessagingException e) {
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode() > 0;
        }
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode() > 0;
        }
        return e instanceof SendFailedException;
    }

    private void sendOn(Held h, MimeMessage message) throws MessagingException {
        try {
            h.transport.sendMessage(message, message.getAllRecipients());
            h.lastUsed = System.nanoTime();
        } catch (MessagingException | RuntimeException e) {
            if (!(e instanceof SendFailedException)) {
                discard(h);
            }
            throw e;
        }
    }

    private Held connect() throws MessagingException {
        Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        Held h = new Held(transport);
        held.set(h);
        open.add(h);
        return h;
    }

    private void discard(Held h) {
        if (held.get() == h) {
            held.remove();
        }
        open.remove(h);
        quit(h);
    }

    private static void quit(Held h) {
        try {
            h.transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed: {}", e.toString());
        }
    }

    private static final class Held {
        final Transport transport;
        volatile long lastUsed = System.nanoTime();

        Held(Transport transport) {
            this.transport = transport;
        }
    }
}
