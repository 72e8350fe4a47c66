package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.config.ConfigException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A composition root that cannot be built reaches the handler's constructor (and so Lambda's init error) as its
 * own exception, not ServiceLoader's "Provider ... could not be instantiated", and is logged once at ERROR.
 */
class RuntimeInitFailureTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private LogConfig previous;

    @BeforeEach
    void capture() {
        Runtime.reset();
        previous = JsonLogger.configure(new LogConfig(LogLevel.INFO, "connector-test", lines::add, Clock.systemUTC()));
    }

    @AfterEach
    void restore() {
        JsonLogger.configure(previous);
        Runtime.reset();
    }

    @Test
    void aServiceLoadedRootThatFailsThrowsItsOwnExceptionAndLogsItOnce(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("services");
        Files.writeString(services, ConfigFailingUseCaseFactory.class.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new OnlyThisService(original, services.toUri().toURL()));
        try {
            assertThatThrownBy(Runtime::current).isExactlyInstanceOf(ConfigException.class)
                    .hasMessage("Invalid configuration (2 problems):\n - " + String.join("\n - ",
                            ConfigFailingUseCaseFactory.PROBLEMS))
                    .hasNoCause();
        } finally {
            thread.setContextClassLoader(original);
        }
        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("logger").asText()).isEqualTo(Runtime.class.getName());
        assertThat(line.path("message").asText()).isEqualTo("init_failed");
        assertThat(line.path("errorType").asText()).isEqualTo(ConfigException.class.getName());
        assertThat(line.path("errorMessage").asText()).contains(ConfigFailingUseCaseFactory.PROBLEMS);
        assertThat(line.path("reasonCode").asText()).isEqualTo(Reason.CONFIG_INVALID.code());
    }

    @Test
    void aWiredRootThatFailsThrowsItsExceptionAndLogsIt() {
        ConfigException problem = new ConfigException(List.of("AUDIT_TABLE is missing: set it to the table's name"));
        Runtime.wire(() -> {
            throw problem;
        });

        assertThatThrownBy(Runtime::current).isSameAs(problem);
        assertThat(lines).singleElement().satisfies(l -> assertThat(l)
                .contains("\"level\":\"ERROR\"", "\"message\":\"init_failed\"", "AUDIT_TABLE is missing"));
    }

    @Test
    void theProviderFailureIsTheConstructorsOrStaticInitialisersExceptionElseTheWrapper() {
        ConfigException cause = new ConfigException(List.of("LABEL_BUCKET is missing"));
        assertThat(Runtime.providerFailure(new ServiceConfigurationError("Provider x could not be instantiated", cause)))
                .isSameAs(cause);
        assertThat(Runtime.providerFailure(new ServiceConfigurationError("Provider x could not be instantiated",
                new ExceptionInInitializerError(cause)))).isSameAs(cause);
        ServiceConfigurationError noCause = new ServiceConfigurationError("Provider x not found");
        assertThat(Runtime.providerFailure(noCause)).isSameAs(noCause);
    }

    /** The test's services file is the only one ServiceLoader sees for UseCaseFactory; classes come from the parent. */
    private static final class OnlyThisService extends ClassLoader {
        private final URL services;

        OnlyThisService(ClassLoader parent, URL services) {
            super(parent);
            this.services = services;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals("META-INF/services/" + UseCaseFactory.class.getName())) {
                return Collections.enumeration(List.of(services));
            }
            return super.getResources(name);
        }
    }
}
