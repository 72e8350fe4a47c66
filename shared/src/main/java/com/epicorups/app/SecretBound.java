package com.epicorups.app;

import com.epicorups.logging.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client built from a secret, rebuilt when the secret's value changes. The secret supplier caches for
 * minutes (SecretsProvider), so a fixed credential reaches warm containers within that time and a DLQ
 * redrive after the fix succeeds without a redeploy. Nothing is read before the first {@link #get()}: a
 * SnapStart snapshot taken after construction holds no secret. Each value's credentials are registered with
 * the {@link Redactor} before anything is built from it, so no log line can print them.
 */
public final class SecretBound<T> implements Supplier<T> {
    private final Supplier<JsonNode> secret;
    private final Function<JsonNode, T> build;
    private JsonNode builtFrom;
    private T value;

    public SecretBound(Supplier<JsonNode> secret, Function<JsonNode, T> build) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public synchronized T get() {
        JsonNode current = secret.get();
        if (value == null || !current.equals(builtFrom)) {
            SecretMasks.register(current, Redactor.global());
            value = build.apply(current);
            builtFrom = current;
        }
        return value;
    }
}
