package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.transport.UpsHttp;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The extension really fails a test whose requests did not validate, and then starts clean. */
class UpsSandboxExtensionTest {

    private static ExtensionContext context(String name) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDisplayName" -> name;
                    case "toString" -> "context " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void failsTheTestThatSentAnUndeclaredFieldAndResetsForTheNext() {
        UpsSandboxExtension extension = new UpsSandboxExtension();
        extension.beforeAll(context("class"));
        try {
            UpsHttp http = extension.clients().http();
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("XAVRequest").putObject("AddressKeyFormat").put("CountryCode", "US").put("Street", "1 MAIN ST");
            assertThatThrownBy(() -> http.send("addressValidation", "POST", "/api/addressvalidation/v2/3", body, null,
                    UpsHttp.Retry.NEVER, Duration.ofSeconds(5))).isInstanceOf(UpsApiException.class);
            extension.sandbox().faults().tooManyRequests(3);

            assertThatThrownBy(() -> extension.afterEach(context("sends a misspelt field")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("sends a misspelt field")
                    .hasMessageContaining("REQUEST")
                    .hasMessageContaining("Street");
            assertThatCode(() -> extension.afterEach(context("next test"))).doesNotThrowAnyException();
            assertThat(extension.clients().tracking().track("1Z0000000000000000")).as("faults were reset").isEmpty();
        } finally {
            extension.afterAll(context("class"));
        }
    }
}
