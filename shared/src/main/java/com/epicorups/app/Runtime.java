package com.epicorups.app;

import com.epicorups.logging.JsonLogger;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The per-container holder of the composition root, used by the handlers' no-arg (Lambda) constructors.
 * The root registers a supplier with {@link #wire}; the first {@link #current()} builds the factory once and
 * every later call (warm invocations) reuses it. Without a wired supplier, the first {@link UseCaseFactory}
 * registered through {@link ServiceLoader} is used; with neither, {@link #current()} fails loudly.
 */
public final class Runtime {
    private static final JsonLogger LOG = JsonLogger.getLogger(Runtime.class);
    private static volatile Supplier<? extends UseCaseFactory> supplier;
    private static volatile UseCaseFactory instance;

    private Runtime() {
    }

    /** Registers how to build the factory (called by the composition root or the local run). */
    public static synchronized void wire(Supplier<? extends UseCaseFactory> factorySupplier) {
        supplier = Objects.requireNonNull(factorySupplier, "factorySupplier");
        instance = null;
    }

    /** Installs an already built factory (tests, local run). */
    public static synchronized void install(UseCaseFactory factory) {
        Objects.requireNonNull(factory, "factory");
        supplier = () -> factory;
        instance = factory;
    }

    /**
     * The factory, built on the first call. A composition root that cannot be built (a missing or malformed
     * variable) fails with its own exception, not a ServiceLoader wrapper: that exception is what Lambda reports
     * as the init error's errorType and errorMessage, and it is logged once as an {@code init_failed} ERROR line.
     */
    public static UseCaseFactory current() {
        UseCaseFactory current = instance;
        if (current != null) {
            return current;
        }
        synchronized (Runtime.class) {
            if (instance == null) {
                try {
                    instance = build();
                } catch (RuntimeException | Error e) {
                    LOG.error("init_failed", e);
                    throw e;
                }
            }
            return instance;
        }
    }

    private static UseCaseFactory build() {
        if (supplier != null) {
            return Objects.requireNonNull(supplier.get(), "the composition root returned no factory");
        }
        // A composition root may also register itself as a service (META-INF/services, kept by the shade plugin's
        // ServicesResourceTransformer) instead of calling wire().
        Optional<UseCaseFactory> discovered;
        try {
            discovered = ServiceLoader.load(UseCaseFactory.class).findFirst();
        } catch (ServiceConfigurationError e) {
            Throwable cause = providerFailure(e);
            if (cause instanceof RuntimeException exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return discovered.orElseThrow(() -> new IllegalStateException("composition root not wired: call "
                + "com.epicorups.app.Runtime.wire(...) before constructing a handler without arguments"));
    }

    /**
     * What made the provider fail. ServiceLoader wraps the constructor's exception in "Provider ... could not be
     * instantiated", which would leave the real message (the list of bad variables) only in the stack trace; a
     * failed static initializer is wrapped once more. The wrapper itself when it has no cause.
     */
    static Throwable providerFailure(ServiceConfigurationError error) {
        Throwable failure = error.getCause() == null ? error : error.getCause();
        while (failure instanceof ExceptionInInitializerError wrapper && wrapper.getCause() != null) {
            failure = wrapper.getCause();
        }
        return failure;
    }

    /** Forgets the factory (tests). */
    public static synchronized void reset() {
        supplier = null;
        instance = null;
    }
}
