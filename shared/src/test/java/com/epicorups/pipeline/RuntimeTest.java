package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.app.Runtime;
import com.epicorups.app.UseCaseFactory;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimeTest {
    @AfterEach
    void reset() {
        Runtime.reset();
    }

    @Test
    void withoutWiringFallsBackToTheLambdaRootWhichNamesMissingVariables() {
        Runtime.reset();
        // Unwired, Runtime finds LambdaUseCaseFactory through ServiceLoader; with no function environment it
        // must fail at once and say which variables are missing, in the exception itself (not a ServiceLoader
        // wrapper's cause): that is what Lambda reports as the init error.
        assertThatThrownBy(Runtime::current)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("AUDIT_TABLE is missing");
    }

    @Test
    void buildsTheFactoryOncePerContainer() {
        AtomicInteger builds = new AtomicInteger();
        UseCaseFactory factory = (UseCaseFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{UseCaseFactory.class}, (p, m, a) -> null);
        Runtime.wire(() -> {
            builds.incrementAndGet();
            return factory;
        });
        assertThat(Runtime.current()).isSameAs(factory);
        assertThat(Runtime.current()).isSameAs(factory);
        assertThat(builds).hasValue(1);
    }
}
