package com.pulse.notifier.delivery;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;

/** The text/plain and text/html parts of a received email (with \n line ends), wherever the multipart nesting put them. */
final class Mails {

    private Mails() {
    }

    static Map<String, String> parts(MimeMessage message) throws Exception {
        Map<String, String> parts = new HashMap<>();
        collect(message, parts);
        return parts;
    }

    // SMTP carries lines ending in CRLF
    private static String lines(String content) {
        return content.replace("\r\n", "\n");
    }

    private static void collect(Part part, Map<String, String> parts) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
        } else if (part.isMimeType("text/plain")) {
            parts.put("text", lines((String) part.getContent()));
        } else if (part.isMimeType("text/html")) {
            parts.put("html", lines((String) part.getContent()));
        }
    }
}
