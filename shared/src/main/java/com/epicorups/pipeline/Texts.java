package com.epicorups.pipeline;

/** Small text helpers for audit details. */
final class Texts {
    private Texts() {
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "...[truncated " + (text.length() - max) + " chars]";
    }

    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return truncate(message == null ? e.getClass().getSimpleName() : message, 1000);
    }
}
