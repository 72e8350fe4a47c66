package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.ups.UpsSettings.TextTooLong;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fits free text into UPS's field limits. Lengths are counted the way UPS's schema counts them: JSON Schema
 * {@code maxLength} counts characters (code points), so an emoji is one character, and a cut never splits one.
 * Control characters are never sent: line breaks and tabs become spaces, the others are removed.
 *
 * <p>Nothing is lost while it can be kept: a long address is re-wrapped at word boundaries over the lines UPS
 * allows (the street first), a long name continues in the attention name when that is free. What still does not
 * fit is, with {@link TextTooLong#FIT}, cut at a word boundary and named in {@link #cutFields()} and an audit note;
 * with {@link TextTooLong#REFUSE}, refused with {@link Reason#FIELD_TOO_LONG} naming the field. Every change is an
 * audit note.
 */
public final class FieldFitter {
    private final TextTooLong mode;
    private final List<String> notes;
    private final Set<String> cutFields = new LinkedHashSet<>();

    public FieldFitter(TextTooLong mode, List<String> notes) {
        this.mode = mode;
        this.notes = notes;
    }

    public List<String> notes() {
        return notes;
    }

    /** The fields whose text was not sent in full, in the order they were fitted. */
    public List<String> cutFields() {
        return List.copyOf(cutFields);
    }

    /** A name and attention name that fit {@code max} each. */
    public record NameFit(String name, String attention) {
    }

    /**
     * A name longer than {@code max} keeps the words that fit; the rest continues in the attention name when the
     * release has none, else (or when even that does not fit) it is cut. REFUSE keeps today's lossless variant: the
     * rest goes before an existing attention name when both fit.
     */
    public NameFit name(String field, String name, String attention, int max) {
        String n = clean(field + ".Name", name);
        String a = clean(field + ".AttentionName", attention);
        if (n == null) {
            throw new ConnectorException(Reason.MISSING_FIELD, field + ".Name is empty");
        }
        if (a != null && length(a) > max) {
            a = cut(field + ".AttentionName", a, max, "");
        }
        if (length(n) <= max) {
            return new NameFit(n, a);
        }
        List<String> parts = wrap(field + ".Name", n, max);
        String head = parts.get(0);
        String rest = n.substring(head.length()).trim();
        if (a == null && length(rest) <= max) {
            notes.add(field + ".Name: longer than UPS's " + max + " characters; name '" + head
                    + "', continued in AttentionName '" + rest + "' (was '" + n + "')");
            return new NameFit(head, rest);
        }
        if (a == null) {
            notes.add(field + ".Name: longer than UPS's " + max + " characters; name '" + head
                    + "', continued in AttentionName (was '" + n + "')");
            return new NameFit(head, cut(field + ".Name", rest, max, " (the name's continuation in AttentionName)"));
        }
        if (mode == TextTooLong.REFUSE && length(rest) + 1 + length(a) <= max) {
            // Losing nothing matters more to a refusing shipper than keeping the attention name the contact's alone.
            notes.add(field + ".Name: longer than UPS's " + max + " characters; name '" + head
                    + "', continued in AttentionName '" + rest + " " + a + "' (was name '" + n + "', attention '" + a + "')");
            return new NameFit(head, rest + " " + a);
        }
        refuseOrCut(field + ".Name", n, max, " (AttentionName already holds '" + a + "')");
        notes.add(field + ".Name: cut to UPS's " + max + " characters: '" + head + "'; not sent: '" + rest
                + "' (AttentionName already holds '" + a + "')");
        cutFields.add(field + ".Name");
        return new NameFit(head, a);
    }

    /**
     * Address lines into at most {@code maxLines} lines of at most {@code max} characters: each line as it is when
     * all fit; else each line wrapped on its own; else all words flowed together, so that no word is lost while
     * the lines have room; else the words that do not fit in the last line are cut.
     */
    public List<String> lines(String field, List<String> input, int max, int maxLines) {
        List<String> clean = new ArrayList<>();
        for (String l : input) {
            String c = clean(field, l);
            if (c != null) {
                clean.add(c);
            }
        }
        if (clean.size() <= maxLines && clean.stream().allMatch(l -> length(l) <= max)) {
            return clean;
        }
        List<String> wrapped = new ArrayList<>();
        for (String l : clean) {
            wrapped.addAll(wrap(field, l, max));
        }
        if (wrapped.size() > maxLines) {
            wrapped = wrap(field, String.join(" ", clean), max);
        }
        String original = String.join(" / ", clean);
        if (wrapped.size() <= maxLines) {
            notes.add(field + ": re-wrapped at word boundaries to fit " + maxLines + " x " + max + " characters: '"
                    + original + "' -> '" + String.join(" / ", wrapped) + "'");
            return wrapped;
        }
        String lost = String.join(" ", wrapped.subList(maxLines, wrapped.size()));
        refuseOrCut(field, original, max, " in " + maxLines + " lines");
        List<String> kept = List.copyOf(wrapped.subList(0, maxLines));
        notes.add(field + ": does not fit " + maxLines + " x " + max + " characters; sent '" + String.join(" / ", kept)
                + "', not sent: '" + lost + "' (was '" + original + "')");
        cutFields.add(field);
        return kept;
    }

    /** Free text (a city): cut at a word boundary when too long. */
    public String text(String field, String value, int max) {
        String v = clean(field, value);
        if (v == null || length(v) <= max) {
            return v;
        }
        return cut(field, v, max, "");
    }

    /** A code or number (state, postal code, phone): cutting it would change its meaning, so it must fit. */
    public String exact(String field, String value, int max) {
        String v = clean(field, value);
        if (v != null && length(v) > max) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG,
                    field + " is longer than UPS's " + max + " characters: '" + v + "'");
        }
        return v;
    }

    /** A descriptive value, shortened at a word boundary when too long whatever the mode (recorded as a cut). */
    public String shortened(String field, String value, int max) {
        String v = clean(field, value);
        if (v == null || length(v) <= max) {
            return v;
        }
        String kept = wrap(field, v, max).get(0);
        notes.add(field + ": shortened to UPS's " + max + " characters: '" + v + "' -> '" + kept + "'");
        cutFields.add(field);
        return kept;
    }

    /** A value UPS would refuse in full and that means nothing in part (an e-mail address, a PO): left out. */
    public void omitted(String field, String value, String why) {
        notes.add(field + ": omitted, " + why + ": '" + value + "'");
        cutFields.add(field);
    }

    // ---------------------------------------------------------------- cutting

    /** The words of {@code value} that fit {@code max}; the rest is cut (FIT) or the whole refused (REFUSE). */
    private String cut(String field, String value, int max, String context) {
        refuseOrCut(field, value, max, context);
        String kept = wrap(field, value, max).get(0);
        notes.add(field + ": cut to UPS's " + max + " characters: '" + kept + "'; not sent: '"
                + value.substring(kept.length()).trim() + "'" + context);
        cutFields.add(field);
        return kept;
    }

    private void refuseOrCut(String field, String value, int max, String context) {
        if (mode == TextTooLong.REFUSE) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG, field + " does not fit UPS's " + max
                    + " characters" + context + " without losing text: '" + value + "' (" + length(value)
                    + " characters; ups.textTooLong is REFUSE)");
        }
    }

    /**
     * Greedy word wrap in characters. A word longer than {@code max} is split at a character boundary: refused in
     * REFUSE mode (splitting a word changes what UPS prints), recorded as a note otherwise.
     */
    private List<String> wrap(String field, String text, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            if (length(word) > max) {
                if (mode == TextTooLong.REFUSE) {
                    throw new ConnectorException(Reason.FIELD_TOO_LONG, field + " has a word longer than"
                            + " UPS's " + max + " characters, which cannot be split at a word boundary: '" + word + "'");
                }
                notes.add(field + ": the word '" + word + "' is longer than " + max + " characters and was split");
            }
            while (length(word) > max) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                String head = prefix(word, max);
                out.add(head);
                word = word.substring(head.length());
            }
            if (line.length() == 0) {
                line.append(word);
            } else if (length(line) + 1 + length(word) <= max) {
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

    // ---------------------------------------------------------------- characters

    /**
     * Trimmed, runs of spaces collapsed, line breaks and tabs turned into spaces, other control characters and
     * halves of surrogate pairs removed; null when nothing is left. A removal is an audit note.
     */
    String clean(String field, String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        int removed = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairStart) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                removed++;
            } else if (Character.isWhitespace(c) || c == '\u0085' || Character.isSpaceChar(c)) {
                out.append(' ');
                removed += Character.isISOControl(c) ? 1 : 0;
            } else if (Character.isISOControl(c)) {
                removed++;
            } else {
                out.append(c);
            }
        }
        String v = out.toString().trim().replaceAll(" {2,}", " ");
        if (removed > 0) {
            notes.add(field + ": " + removed + " control character(s) or broken character(s) not sent");
        }
        return v.isEmpty() ? null : v;
    }

    /** {@link #clean} without an audit note, for requests whose text is not kept (Address Validation). */
    public static String sendable(String value) {
        return new FieldFitter(TextTooLong.FIT, new ArrayList<>()).clean("", value);
    }

    /** Length as UPS counts it: characters (code points), not UTF-16 units. */
    static int length(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    /** The first {@code max} characters, never ending in half a surrogate pair. */
    static String prefix(String s, int max) {
        return s.substring(0, s.offsetByCodePoints(0, Math.min(max, length(s))));
    }
}
