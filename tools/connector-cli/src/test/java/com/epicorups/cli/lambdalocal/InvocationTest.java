package com.epicorups.cli.lambdalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as aws-lambda-rie v0.0.0-20261030222936-bef5c4ba774d prints them (taken from a run's log). */
class InvocationTest {
    private static final String INIT = "INIT REPORT(durationMs: 1252.364000)";
    private static final String INVOKE_DONE = "INVOKE RTDONE(status: success, produced bytes: 0, duration: 362.030000ms)";
    private static final String REPORT = "REPORT RequestId: 94193638-bdf3-4891-8519-130e4f3b7adf\tInit Duration: 0.06 ms\t"
            + "Duration: 1614.82 ms\tBilled Duration: 1615 ms\tMemory Size: 1024 MB\tMax Memory Used: 1024 MB";

    @Test
    void aFirstInvocationReportsTheRuntimesInitNotTheReportLinesInitDuration() {
        Invocation first = new Invocation("r", 200, "{\"statusCode\":200}", 1727, List.of(INIT, INVOKE_DONE, REPORT));

        assertThat(first.error()).isEmpty();
        assertThat(first.initMillis()).hasValue(1252.364);
        assertThat(first.invokeMillis()).as("the runtime's INVOKE RTDONE duration").hasValue(362.03);
        assertThat(first.reportedMillis()).hasValue(1614.82);
        assertThat(first.json().path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void withoutTheRuntimesInvokeLineTheInvokeIsTheReportedDurationLessTheInit() {
        Invocation first = new Invocation("r", 200, "{}", 1727, List.of(INIT, REPORT));
        Invocation warm = new Invocation("r", 200, "{}", 20, List.of(REPORT.replace("1614.82", "14.50")));

        assertThat(first.invokeMillis().getAsDouble()).isCloseTo(362.456, org.assertj.core.data.Offset.offset(0.001));
        assertThat(warm.initMillis()).isEmpty();
        assertThat(warm.invokeMillis()).hasValue(14.5);
    }

    @Test
    void aFunctionErrorComesAsHttp200WithErrorTypeAndIsAnError() {
        Invocation failed = new Invocation("r", 200,
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}", 10, List.of(REPORT));

        assertThat(failed.error()).hasValue("java.lang.IllegalStateException: boom");
    }

    @Test
    void aFailedInitComesAs502AndIsAnError() {
        Invocation initFailed = new Invocation("r", 502, "", 400, List.of("INIT REPORT(durationMs: 368.898000)"));
        Invocation notJson = new Invocation("r", 200, "Task timed out after 10.00 seconds", 10_000, List.of());

        assertThat(initFailed.error()).hasValue("HTTP 502");
        assertThat(initFailed.invokeMillis()).isEmpty();
        assertThat(notJson.error()).isEmpty();
        assertThat(notJson.json()).as("a timeout's text is not an answer").isNull();
    }
}
