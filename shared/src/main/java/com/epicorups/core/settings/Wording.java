package com.epicorups.core.settings;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How the problems of one document (a section of CONNECTOR_SETTINGS or a secret) are worded. The sections kept
 * their own styles from before they were bound by one reader ({@code Epicor setting 'epicor.pageSize' ...},
 * {@code ups.labelFormat ...}, {@code CONNECTOR_SETTINGS.pipeline.batchConcurrency ...}); operators, runbooks and
 * docs/configuration.md quote them, so the reader words its problems in the style of the document it reads.
 */
public final class Wording {
    private final String document;
    private final UnaryOperator<String> subject;
    private final boolean digitStrings;
    private final boolean bracketedChoices;
    private final String was;
    private final String objectNoun;

    private Wording(String document, UnaryOperator<String> subject, boolean digitStrings, boolean bracketedChoices,
                    String was, String objectNoun) {
        this.document = Objects.requireNonNull(document, "document");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.digitStrings = digitStrings;
        this.bracketedChoices = bracketedChoices;
        this.was = was;
        this.objectNoun = objectNoun;
    }

    /**
     * @param document what an unknown key is reported against ({@code CONNECTOR_SETTINGS}, {@code EpicorSecret})
     * @param subject  how a setting's path starts a sentence ({@code epicor.pageSize -> Epicor setting 'epicor.pageSize'})
     */
    public static Wording of(String document, UnaryOperator<String> subject) {
        return new Wording(document, subject, false, true, "was", "a JSON object");
    }

    /** Whole numbers and booleans may also be written as strings ({@code "50"}, {@code "true"}). */
    public Wording acceptingScalarStrings() {
        return new Wording(document, subject, true, bracketedChoices, was, objectNoun);
    }

    /** Choices listed as {@code GIF, ZPL or EPL} instead of {@code one of [GIF, ZPL, EPL]}. */
    public Wording listingChoices() {
        return new Wording(document, subject, digitStrings, false, was, objectNoun);
    }

    /** The word before the offending value ({@code was}, {@code got}). */
    public Wording sayingValueAs(String word) {
        return new Wording(document, subject, digitStrings, bracketedChoices, word, objectNoun);
    }

    /** What a JSON object is called in "must be ..." ({@code a JSON object}, {@code an object}). */
    public Wording callingObjects(String noun) {
        return new Wording(document, subject, digitStrings, bracketedChoices, was, noun);
    }

    public String document() {
        return document;
    }

    boolean digitStrings() {
        return digitStrings;
    }

    String objectNoun() {
        return objectNoun;
    }

    /** One problem: the setting at {@code path}, then what is wrong with it. */
    public String problem(String path, String text) {
        return subject.apply(path) + " " + text;
    }

    /** {@code must be ..., was X}: the value printed as JSON. */
    public String mustBe(String path, String what, Object value) {
        return problem(path, "must be " + what + ", " + was + " " + value);
    }

    String choices(String path, List<String> allowed, String value) {
        if (bracketedChoices) {
            return problem(path, "must be one of " + allowed + ", " + was + " '" + value + "'");
        }
        return problem(path, "must be " + orList(allowed) + ", " + was + " " + value);
    }

    /** An unknown key, named with its path in the document, and the nearest known key when one is close. */
    public String unknownKey(String path, String key, List<String> known) {
        String where = document + " has an unknown key \"" + path + "\": ";
        return NearestKey.of(key, known)
                .map(nearest -> where + "did you mean \"" + nearest + "\"?")
                .orElseGet(() -> where + "the known keys are "
                        + joined(known.stream().map(k -> "\"" + k + "\"").toList(), "and"));
    }

    private static String orList(List<String> items) {
        return joined(items, "or");
    }

    /** {@code a, b and c}. */
    static String joined(List<String> items, String lastWord) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + lastWord + " " + items.get(items.size() - 1);
    }
}
