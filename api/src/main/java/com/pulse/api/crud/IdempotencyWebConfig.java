package com.pulse.api.crud;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Controllers take the request's {@link IdempotencyKey} as a method parameter. */
@Configuration(proxyBeanMethods = false)
class IdempotencyWebConfig implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new IdempotencyKeyResolver());
    }
}
