package com.pulse.notifier.delivery.sms;

/**
 * How many SMS segments a text costs. A text in the GSM 03.38 alphabet takes 7 bits a character (the
 * extension characters {@code ^{}\[~]|€} two): one segment holds 160, a concatenated one 153. Any other
 * character (Chinese, most emoji) makes the whole text UCS-2: 70 UTF-16 units, 67 when concatenated.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    public static int count(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return segments(text.length(), 70, 67);
            }
        }
        return segments(septets, 160, 153);
    }

    private static int segments(int units, int single, int concatenated) {
        return units <= single ? 1 : (units + concatenated - 1) / concatenated;
    }
}
