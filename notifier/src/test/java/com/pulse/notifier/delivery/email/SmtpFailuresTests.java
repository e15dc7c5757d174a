package com.pulse.notifier.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.notifier.delivery.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpFailuresTests {

    @Test
    void aHardBounceOfTheRecipientIsPermanent() throws Exception {
        var bounce = new SMTPAddressFailedException(new InternetAddress("nobody@example.com"), "RCPT TO", 550,
                "550 5.1.1 no such user");
        var e = new MailSendException(Map.of(new Object(), new MessagingException("failed", bounce)));

        SendOutcome outcome = SmtpFailures.classify(e);

        assertThat(outcome).isInstanceOf(SendOutcome.Permanent.class);
        assertThat(outcome.toString()).contains("smtp 550");
    }

    @Test
    void aTemporaryRefusalIsTransient() {
        var busy = new SMTPSendFailedException("DATA", 451, "451 4.3.0 try again later", null, null, null, null);

        SendOutcome outcome = SmtpFailures.classify(new MailSendException("send failed", busy));

        assertThat(outcome).isInstanceOf(SendOutcome.Transient.class);
        assertThat(outcome.toString()).contains("smtp 451");
    }

    @Test
    void anUnreachableServerIsTransient() {
        var refused = new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"));

        assertThat(SmtpFailures.classify(new MailSendException("mail server connection failed", refused)))
                .isInstanceOf(SendOutcome.Transient.class);
    }

    @Test
    void anAddressThatIsNotOneIsPermanent() {
        assertThat(SmtpFailures.classify(new MailSendException("bad", new AddressException("Missing final '@domain'"))))
                .isInstanceOf(SendOutcome.Permanent.class);
    }
}
