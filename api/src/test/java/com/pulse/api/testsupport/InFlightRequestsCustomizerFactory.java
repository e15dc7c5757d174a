package com.pulse.api.testsupport;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers {@link InFlightRequests} in every api test application context (through
 * META-INF/spring.factories). The customizer is one value for all test classes, so it does not
 * split the context cache.
 */
public class InFlightRequestsCustomizerFactory implements ContextCustomizerFactory {

    private static final ContextCustomizer CUSTOMIZER = new Customizer();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return CUSTOMIZER;
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getBeanFactory().registerSingleton("testInFlightRequests", new InFlightRequests());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
