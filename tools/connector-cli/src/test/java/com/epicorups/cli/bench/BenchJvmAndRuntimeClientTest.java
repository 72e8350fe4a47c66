package com.epicorups.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which JIT each part of the bench runs with, and how the cold starts through the runtime client are reported. */
class BenchJvmAndRuntimeClientTest {

    @Test
    void onlyFlagsThatKeepC2FromCompilingMakeTheBenchRerunItself() {
        assertThat(ChildJvm.blocksC2("-XX:TieredStopAtLevel=1")).isTrue();
        assertThat(ChildJvm.blocksC2("-XX:-TieredCompilation")).isTrue();
        assertThat(ChildJvm.blocksC2("-Xint")).isTrue();
        assertThat(ChildJvm.blocksC2("-XX:+TieredCompilation")).isFalse();
        assertThat(ChildJvm.blocksC2("-Xmx1g")).isFalse();
        assertThat(ChildJvm.blocksC2("-Dconnector.root=/x")).isFalse();
    }

    @Test
    void coldStartsStopAtC1AsAnOnDemandJava25Start() {
        assertThat(ColdStart.coldStartJvmArgs()).contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void runtimeClientColdStartsArePrintedBesideTheOthersWithTheirMedians() {
        RuntimeClientColdStart.Result result = new RuntimeClientColdStart.Result("aws-lambda-rie v1, ric 2.10.1",
                List.of(new RuntimeClientColdStart.FunctionResult("track-alert-webhook", List.of(900L, 850L, 990L),
                        List.of(290L, 225L, 250L), "{}")), null);

        String text = report(result).render();

        assertThat(text).contains("== cold start through the Lambda runtime client (aws-lambda-rie v1, ric 2.10.1;")
                .contains("median of 3)")
                .containsPattern("track-alert-webhook +init 900 ms, first invoke 250 ms; runs \\[900, 850, 990] / "
                        + "\\[290, 225, 250]");
    }

    @Test
    void withoutTheToolsTheReportSaysWhyNothingWasMeasured() {
        String text = report(RuntimeClientColdStart.Result.notMeasured("run scripts/lambda-local.sh --setup")).render();

        assertThat(text).contains("cold start through the Lambda runtime client: not measured (run "
                + "scripts/lambda-local.sh --setup)");
        assertThat(report(null).render()).doesNotContain("runtime client");
    }

    private static BenchReport report(RuntimeClientColdStart.Result result) {
        BenchOptions options = new BenchOptions(List.of(1), Duration.ZERO, 1, 5, 5, 10, 0, Duration.ofMinutes(1),
                false, 1, 0, Path.of("."), Path.of("."), 1);
        return new BenchReport(options, List.of(), Map.of(), List.of(), null, result);
    }
}
