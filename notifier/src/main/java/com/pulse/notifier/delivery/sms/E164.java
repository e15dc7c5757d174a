package com.pulse.notifier.delivery.sms;

import java.util.regex.Pattern;

/** An E.164 phone number: '+', a country code not starting with 0, at most 15 digits in all. */
final class E164 {

    private static final Pattern NUMBER = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private E164() {
    }

    static boolean valid(String number) {
        return number != null && NUMBER.matcher(number).matches();
    }
}
