package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConnectorSettings;
import org.junit.jupiter.api.Test;

class GroupingSettingTest {
    @Test
    void groupingIsOffUnlessTheUpsSettingsTurnItOn() {
        assertThat(ConnectorSettings.parse("{}").ups().groupReleasesByOrder()).isFalse();
        assertThat(ConnectorSettings.parse("{\"ups\":{\"groupReleasesByOrder\":false}}").ups().groupReleasesByOrder())
                .isFalse();
        assertThat(ConnectorSettings.parse("{\"ups\":{\"groupReleasesByOrder\":true}}").ups().groupReleasesByOrder())
                .isTrue();
        assertThat(ConnectorSettings.parse("{\"ups\":{\"groupReleasesByOrder\":\"true\"}}").ups().groupReleasesByOrder())
                .isTrue();
    }
}
