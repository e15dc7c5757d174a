package com.pulse.notifier.delivery.email;

import com.pulse.notifier.delivery.Channel;
import com.pulse.notifier.delivery.ChannelSender;
import com.pulse.notifier.delivery.Delivery;
import com.pulse.notifier.delivery.SendOutcome;
import com.pulse.notifier.delivery.template.RenderedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through Spring Mail: multipart/alternative with the plain-text and the HTML rendering. Each
 * delivery's Message-ID is derived from its id, so a resend after an unknown outcome carries the same
 * Message-ID and mail systems that de-duplicate by it show one message.
 */
public class SmtpEmailSender implements ChannelSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

    private final JavaMailSender mail;
    private final EmailProperties properties;
    private final SmtpConnections connections;

    /** {@code mail} null: no SMTP server configured, every email is FAILED_PERMANENT "email is not configured". */
    public SmtpEmailSender(JavaMailSender mail, EmailProperties properties) {
        this.mail = mail;
        this.properties = properties;
        MailStreamProviderLookup.useAngusUnlessSet();
        // Boot's sender is a JavaMailSenderImpl, whose settings the kept connections are opened with
        this.connections = mail instanceof JavaMailSenderImpl impl && properties.reuseConnections()
                ? new SmtpConnections(impl, properties.connectionMaxIdle()) : null;
        if (mail == null) {
            log.warn("Email channel disabled: spring.mail.host is not set; email deliveries will be recorded FAILED_PERMANENT");
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendOutcome send(Delivery delivery, RenderedMessage message) {
        if (mail == null) {
            return new SendOutcome.Permanent("email is not configured");
        }
        String messageId = "<" + delivery.id() + "@" + properties.messageIdDomain() + ">";
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(delivery.address());
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            // JavaMailSenderImpl keeps a Message-ID that was set before sending
            mime.setHeader("Message-ID", messageId);
            if (connections != null) {
                connections.send(mime);
            } else {
                mail.send(mime);
            }
            return new SendOutcome.Sent(messageId, null);
        } catch (MessagingException e) {
            return SmtpFailures.classify(new org.springframework.mail.MailPreparationException(e));
        } catch (MailException e) {
            return SmtpFailures.classify(e);
        }
    }

    /** Quits the SMTP connections kept open for reuse. */
    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
