package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConnectorSettings;
import org.junit.jupiter.api.Test;

class GroupingSettingTest {
    @Test
    void groupingIsOffUnlessTheUpsSettingsTurnItOn() {
        assertThat(ConnectorAssembly.groupReleasesByOrder(ConnectorSettings.parse("{}"))).isFalse();
        assertThat(ConnectorAssembly.groupReleasesByOrder(ConnectorSettings.parse(
                "{\"ups\":{\"groupReleasesByOrder\":false}}"))).isFalse();
        assertThat(ConnectorAssembly.groupReleasesByOrder(ConnectorSettings.parse(
                "{\"ups\":{\"groupReleasesByOrder\":true}}"))).isTrue();
        assertThat(ConnectorAssembly.groupReleasesByOrder(ConnectorSettings.parse(
                "{\"ups\":{\"groupReleasesByOrder\":\"true\"}}"))).isTrue();
    }
}
