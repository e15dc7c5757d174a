package com.pulse.notifier.delivery.sms;

import com.pulse.notifier.delivery.Channel;
import com.pulse.notifier.delivery.ChannelSender;
import com.pulse.notifier.delivery.Delivery;
import com.pulse.notifier.delivery.SendOutcome;
import com.pulse.notifier.delivery.template.RenderedMessage;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through the Twilio SDK ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}).
 *
 * <p>Classification: 429 and 5xx answers, answers without a status and connection failures (refused,
 * timed out) are transient; any other 4xx (21211 invalid number, 21614 not a mobile number, 21610
 * unsubscribed …) is permanent. A number that is not E.164 is refused before any request, and with no
 * account configured every SMS is FAILED_PERMANENT "SMS is not configured": an SMS channel switched on
 * later must not send a backlog of stale reminders.
 */
public class TwilioSmsSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

    private final SmsProperties properties;
    private final TwilioRestClient client;

    public TwilioSmsSender(SmsProperties properties, int connections) {
        this.properties = properties;
        if (properties.configured()) {
            this.client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                    .httpClient(new BaseUrlHttpClient(properties.baseUrl(), connections)).build();
            log.info("SMS channel on: Twilio account {} at {}, from {}", properties.accountSid(), properties.baseUrl(),
                    properties.from());
        } else {
            this.client = null;
            log.warn("SMS channel disabled: pulse.notifier.sms.account-sid, .auth-token and .from are not all set; "
                    + "SMS deliveries will be recorded FAILED_PERMANENT");
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendOutcome send(Delivery delivery, RenderedMessage message) {
        if (client == null) {
            return new SendOutcome.Permanent("SMS is not configured");
        }
        if (!E164.valid(delivery.address())) {
            return new SendOutcome.Permanent("not an E.164 phone number: " + delivery.address());
        }
        int segments = SmsSegments.count(message.sms());
        try {
            Message sent = Message.creator(new PhoneNumber(delivery.address()), new PhoneNumber(properties.from()),
                    message.sms()).create(client);
            return new SendOutcome.Sent(sent.getSid(), segments);
        } catch (ApiException e) {
            return classify(e);
        } catch (ApiConnectionException e) {
            return new SendOutcome.Transient("twilio unreachable: " + e.getMessage());
        } catch (TwilioException e) {
            return new SendOutcome.Transient("twilio: " + e.getMessage());
        }
    }

    static SendOutcome classify(ApiException e) {
        Integer status = e.getStatusCode();
        String error = "twilio " + status + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage();
        if (status == null || status == 429 || status >= 500) {
            return new SendOutcome.Transient(error);
        }
        return new SendOutcome.Permanent(error);
    }
}
