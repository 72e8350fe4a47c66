package com.epicorups.cli.lambdalocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One invocation through the Runtime Interface Emulator: what it answered and what the runtime reported.
 *
 * @param httpStatus  RIE's status: 200 for a result and for a function error alike, 502 when init failed
 * @param reportLines the runtime's {@code INIT REPORT(...)} (first invocation of a container only),
 *                    {@code INVOKE RTDONE(...)} and the emulator's {@code REPORT RequestId: ...} lines of this
 *                    invocation
 */
public record Invocation(String requestId, int httpStatus, String body, long roundTripMillis,
                         List<String> reportLines) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INIT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
    private static final Pattern INVOKE_DONE = Pattern.compile("INVOKE RTDONE\\(.*duration: ([0-9.]+)ms\\)");

    public Invocation {
        reportLines = List.copyOf(reportLines);
    }

    /**
     * Why the invocation failed, empty when the function returned a result. RIE does not set
     * X-Amz-Function-Error: a function error is HTTP 200 with {@code errorType} in the body.
     */
    public Optional<String> error() {
        JsonNode body = json();
        if (body != null && body.isObject() && body.has("errorType")) {
            return Optional.of(body.path("errorType").asText() + ": " + body.path("errorMessage").asText());
        }
        if (httpStatus != 200) {
            return Optional.of("HTTP " + httpStatus + (this.body.isBlank() ? "" : ": " + this.body));
        }
        return Optional.empty();
    }

    /** The function's answer as JSON, null when it is not JSON. */
    public JsonNode json() {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * The init phase (JVM start, runtime client start, handler class loaded and constructed), from the runtime's
     * {@code INIT REPORT(durationMs: ...)}. RIE's REPORT line also carries an "Init Duration", but it times only
     * the hand-over to the runtime (a few hundredths of a millisecond), not the init.
     */
    public OptionalDouble initMillis() {
        for (String line : reportLines) {
            Matcher m = INIT.matcher(line);
            if (m.find()) {
                return OptionalDouble.of(Double.parseDouble(m.group(1)));
            }
        }
        return OptionalDouble.empty();
    }

    /** The REPORT line's Duration; on a container's first invocation RIE counts the init in it. */
    public OptionalDouble reportedMillis() {
        for (String line : reportLines) {
            Matcher m = DURATION.matcher(line);
            if (line.startsWith("REPORT RequestId:") && m.find()) {
                return OptionalDouble.of(Double.parseDouble(m.group(1)));
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The handler's own time: the runtime's {@code INVOKE RTDONE(... duration: ...)}, else the REPORT Duration
     * without the init it includes on a container's first invocation.
     */
    public OptionalDouble invokeMillis() {
        for (String line : reportLines) {
            Matcher m = INVOKE_DONE.matcher(line);
            if (m.find()) {
                return OptionalDouble.of(Double.parseDouble(m.group(1)));
            }
        }
        OptionalDouble reported = reportedMillis();
        if (reported.isEmpty()) {
            return reported;
        }
        return OptionalDouble.of(Math.max(0, reported.getAsDouble() - initMillis().orElse(0)));
    }
}
