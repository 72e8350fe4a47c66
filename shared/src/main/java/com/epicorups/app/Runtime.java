package com.epicorups.app;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The per-container holder of the composition root, used by the handlers' no-arg (Lambda) constructors.
 * The root registers a supplier with {@link #wire}; the first {@link #current()} builds the factory once and
 * every later call (warm invocations) reuses it. Without a wired supplier, the first {@link UseCaseFactory}
 * registered through {@link java.util.ServiceLoader} is used; with neither, {@link #current()} fails loudly.
 */
public final class Runtime {
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

    public static UseCaseFactory current() {
        UseCaseFactory current = instance;
        if (current != null) {
            return current;
        }
        synchronized (Runtime.class) {
            if (instance == null) {
                if (supplier == null) {
                    // A composition root may also register itself as a service (META-INF/services, kept by the
                    // shade plugin's ServicesResourceTransformer) instead of calling wire().
                    java.util.Optional<UseCaseFactory> discovered =
                            java.util.ServiceLoader.load(UseCaseFactory.class).findFirst();
                    if (discovered.isPresent()) {
                        instance = discovered.get();
                        return instance;
                    }
                    throw new IllegalStateException("composition root not wired: call "
                            + "com.epicorups.app.Runtime.wire(...) before constructing a handler without arguments");
                }
                instance = Objects.requireNonNull(supplier.get(), "the composition root returned no factory");
            }
            return instance;
        }
    }

    /** Forgets the factory (tests). */
    public static synchronized void reset() {
        supplier = null;
        instance = null;
    }
}
