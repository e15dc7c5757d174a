package com.pulse.notifier.delivery.email;

/**
 * Names Angus Mail's {@code StreamProvider} in the system property jakarta.mail looks at first.
 *
 * <p>jakarta.mail-api 2.1.5 looks the provider up again for every MIME body part and header block it builds
 * or reads ({@code StreamProvider.provider()} has no cache): without the property each lookup is a
 * {@code ServiceLoader} scan of every jar on the class path. In a JFR profile of 3,000 emails that scan was the
 * largest single cost of sending (53 of 174 samples of the sending threads). With the property set the lookup
 * is a {@code Class.forName} on an already loaded class. A value set by the operator is left alone.
 */
final class MailStreamProviderLookup {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviderLookup() {
    }

    static void useAngusUnlessSet() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, MailStreamProviderLookup.class.getClassLoader());
            System.setProperty(PROPERTY, ANGUS);
        } catch (ClassNotFoundException e) {
            // another jakarta.mail implementation: its own service file is found the slow way
        }
    }
}
