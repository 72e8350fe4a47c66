package com.epicorups.app;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a handler built from the composition root's current revision: rebuilt when the root's settings changed
 * (a deploy changed a parameter, docs/decisions/0030), the same object otherwise. Handlers built by Lambda ask for
 * it on every invocation.
 */
public final class Live<T> implements Supplier<T> {
    private final Function<UseCaseFactory, T> build;
    private Object builtFrom;
    private T value;

    private Live(Function<UseCaseFactory, T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    /** Starts with {@code first}, built from the root's current revision (at init: a SnapStart snapshot holds it). */
    public static <T> Live<T> startingWith(T first, Function<UseCaseFactory, T> build) {
        Live<T> live = new Live<>(build);
        live.value = Objects.requireNonNull(first, "first");
        live.builtFrom = Runtime.current().revision();
        return live;
    }

    @Override
    public synchronized T get() {
        UseCaseFactory factory = Runtime.current();
        Object revision = factory.revision();
        if (value == null || revision != builtFrom) {
            value = build.apply(factory);
            builtFrom = revision;
        }
        return value;
    }
}
