package com.pulse.notifier.delivery.email;

import com.pulse.notifier.delivery.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Whether an SMTP failure is worth retrying. The server's reply code decides when there is one: 5xx is a
 * hard failure (unknown mailbox, rejected message) and permanent, 4xx (mailbox busy, greylisted, too many
 * connections) transient. A message that cannot be built or addressed is permanent; anything else without
 * a reply code (connection refused, timeout, authentication) is transient.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static SendOutcome classify(RuntimeException e) {
        if (e instanceof MailParseException || e instanceof MailPreparationException) {
            return new SendOutcome.Permanent("email not sendable: " + e.getMessage());
        }
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t : causes(e, seen)) {
            Integer code = replyCode(t);
            if (code != null) {
                String error = "smtp " + code + ": " + t.getMessage();
                return code >= 500 ? new SendOutcome.Permanent(error) : new SendOutcome.Transient(error);
            }
            if (t instanceof AddressException) {
                return new SendOutcome.Permanent("not an email address: " + t.getMessage());
            }
        }
        return new SendOutcome.Transient("smtp: " + e.getMessage());
    }

    private static Integer replyCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        return null;
    }

    private static void addIfPresent(Deque<Throwable> todo, Throwable t) {
        if (t != null) {
            todo.add(t);
        }
    }

    /** The exception, its causes, the nested exceptions of MessagingExceptions and Spring's per-message failures. */
    private static Set<Throwable> causes(Throwable root, Set<Throwable> seen) {
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(root);
        Set<Throwable> ordered = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            ordered.add(t);
            addIfPresent(todo, t.getCause());
            if (t instanceof MessagingException m) {
                addIfPresent(todo, m.getNextException());
            }
            if (t instanceof MailSendException s) {
                s.getFailedMessages().values().forEach(failure -> addIfPresent(todo, failure));
            }
        }
        return ordered;
    }
}
