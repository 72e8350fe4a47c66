package com.epicorups.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.config.ConfigException;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.config.FunctionTimeout;
import com.epicorups.testing.aws.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deadline budgets fit the Lambda timeouts of template.yaml: {@link FunctionTimeout} says what the template says
 * (a changed Timeout fails here until the code follows), and the default settings fit every function.
 */
class TemplateTimeoutsTest {
    private final CloudFormationTemplate template = CloudFormationTemplate.ofProject();

    @Test
    void everyFunctionTimeoutIsTheTemplates() {
        List<String> problems = new ArrayList<>();
        for (FunctionTimeout f : FunctionTimeout.values()) {
            Map<String, Object> props = template.properties(f.templateResource());
            Object timeout = props.getOrDefault("Timeout", template.globals("Function").get("Timeout"));
            if (Long.parseLong(String.valueOf(timeout)) != f.timeout().toSeconds()) {
                problems.add(f + " says " + f.timeout().toSeconds() + " s, " + f.templateResource() + " has " + timeout);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDefaultSettingsFitEveryFunctionsTimeout() {
        ConnectorSettings defaults = ConnectorSettings.empty();
        assertThat(FunctionTimeout.problems(defaults)).isEmpty();
        for (FunctionTimeout f : FunctionTimeout.values()) {
            assertThat(f.reserve(defaults.pipeline())).as(f + "'s reserve leaves room for work")
                    .isLessThan(f.timeout().dividedBy(2));
        }
    }

    @Test
    void settingsThatCannotFitTheTemplatesTimeoutsAreRefusedAtStartup() {
        // A 110 s ship timeout and the creator's 20 s reserve exceed its 120 s Timeout: no ship call could be sent.
        assertThatThrownBy(() -> ConnectorSettings.parse("{\"ups\":{\"timeouts\":{\"shipMillis\":110000}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ShipmentCreatorFunction's Timeout of 120 s")
                .hasMessageContaining("ups.timeouts.shipMillis 110000");
        // A 60 s reserve leaves the tracking writer (60 s) nothing.
        assertThatThrownBy(() -> ConnectorSettings.parse("{\"pipeline\":{\"deadlineReserveSeconds\":60}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TrackingWriterFunction's Timeout of 60 s");
        assertThat(ConnectorSettings.parse("{\"pipeline\":{\"deadlineReserveSeconds\":15}}").pipeline()
                .deadlineReserveSeconds()).isEqualTo(15);
    }
}
