package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits free text into UPS's field limits without losing any of it: long address lines are re-wrapped at
 * word boundaries across the allowed lines, a long name continues in the attention name. Every change is
 * recorded as an audit note; text that cannot fit fails with FIELD_TOO_LONG naming the field.
 */
public final class FieldFitter {
    private final List<String> notes;

    public FieldFitter(List<String> notes) {
        this.notes = notes;
    }

    public List<String> notes() {
        return notes;
    }

    /** A name and attention name that fit {@code max} each. */
    public record NameFit(String name, String attention) {
    }

    /** Wraps the lines into at most {@code maxLines} lines of at most {@code max} characters. */
    public List<String> lines(String field, List<String> input, int max, int maxLines) {
        List<String> clean = new ArrayList<>();
        for (String l : input) {
            if (l != null && !l.isBlank()) {
                clean.add(l.trim().replaceAll("\\s+", " "));
            }
        }
        if (clean.size() <= maxLines && clean.stream().allMatch(l -> l.length() <= max)) {
            return clean;
        }
        // First keep the original line breaks and wrap each line on its own; if that needs too many
        // lines, flow all words together.
        requireWordsFit(field, clean, max);
        List<String> wrapped = new ArrayList<>();
        for (String l : clean) {
            wrapped.addAll(wrap(l, max));
        }
        if (wrapped.size() > maxLines) {
            wrapped = wrap(String.join(" ", clean), max);
        }
        if (wrapped.size() > maxLines) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG,
                    field + " does not fit UPS's " + maxLines + " lines of " + max + " characters without losing text: '"
                            + String.join(" / ", clean) + "' (" + String.join(" ", clean).length() + " characters)");
        }
        notes.add(field + ": re-wrapped at word boundaries to fit " + maxLines + " x " + max + " characters: '"
                + String.join(" / ", clean) + "' -> '" + String.join(" / ", wrapped) + "'");
        return wrapped;
    }

    /**
     * A name longer than {@code max}: the name keeps the words that fit and the rest continues in the
     * attention name (before any existing attention text).
     */
    public NameFit name(String field, String name, String attention, int max) {
        String n = name == null ? null : name.trim().replaceAll("\\s+", " ");
        String a = attention == null || attention.isBlank() ? null : attention.trim().replaceAll("\\s+", " ");
        if (n == null || n.isEmpty()) {
            throw new ConnectorException(Reason.MISSING_FIELD, field + ".Name is empty");
        }
        if (a != null && a.length() > max) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG,
                    field + ".AttentionName is longer than UPS's " + max + " characters: '" + a + "'");
        }
        if (n.length() <= max) {
            return new NameFit(n, a);
        }
        requireWordsFit(field + ".Name", List.of(n), max);
        List<String> parts = wrap(n, max);
        String head = parts.get(0);
        String rest = String.join(" ", parts.subList(1, parts.size()));
        String newAttention = a == null ? rest : rest + " " + a;
        if (newAttention.length() > max) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG,
                    field + ".Name is longer than UPS's " + max + " characters and the rest does not fit the attention name: '"
                            + n + "'" + (a == null ? "" : " (attention '" + a + "')"));
        }
        notes.add(field + ".Name: longer than " + max + " characters; name '" + head + "', continued in AttentionName '"
                + newAttention + "' (was name '" + n + "'" + (a == null ? "" : ", attention '" + a + "'") + ")");
        return new NameFit(head, newAttention);
    }

    /** Breaking a word in two would change the text UPS prints: refuse instead. */
    private static void requireWordsFit(String field, List<String> texts, int max) {
        for (String t : texts) {
            for (String word : t.split("\\s+")) {
                if (word.length() > max) {
                    throw new ConnectorException(Reason.FIELD_TOO_LONG, field + " has a word longer than UPS's "
                            + max + " characters, which cannot be split at a word boundary: '" + word + "'");
                }
            }
        }
    }

    /** A single value that must fit as is. */
    public String exact(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() > max) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG,
                    field + " is longer than UPS's " + max + " characters: '" + v + "'");
        }
        return v.isEmpty() ? null : v;
    }

    /** A descriptive value shortened at a word boundary when too long (recorded as a note). */
    public String shortened(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().replaceAll("\\s+", " ");
        if (v.length() <= max) {
            return v;
        }
        String cut = wrap(v, max).get(0);
        notes.add(field + ": shortened to UPS's " + max + " characters: '" + v + "' -> '" + cut + "'");
        return cut;
    }

    /** Greedy word wrap; a single word longer than max is split (callers that must not break words check first). */
    static List<String> wrap(String text, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : Arrays.asList(text.trim().split("\\s+"))) {
            while (word.length() > max) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, max));
                word = word.substring(max);
            }
            if (line.length() == 0) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= max) {
                line.append(' ').append(word);
            } else {
                out.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
