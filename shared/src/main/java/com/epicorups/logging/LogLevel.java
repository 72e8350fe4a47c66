package com.epicorups.logging;

import java.util.Locale;

/** Severity of a log line, lowest first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    public boolean enables(LogLevel line) {
        return line.ordinal() >= ordinal();
    }

    /** LOG_LEVEL's value; null, blank or unknown text means INFO (WARNING is read as WARN). */
    public static LogLevel parse(String text) {
        if (text == null || text.isBlank()) {
            return INFO;
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            return WARN;
        }
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        return INFO;
    }
}
