package com.epicorups.core.settings;

/** What the settings and secret records do to a text value before they check it. */
public final class SettingText {
    private SettingText() {
    }

    /** The value without surrounding blanks, or null when it is absent or blank: a blank value counts as not set. */
    public static String trimmedOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
