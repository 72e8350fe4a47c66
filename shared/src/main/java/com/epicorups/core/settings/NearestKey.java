package com.epicorups.core.settings;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known key a misspelt one was most likely meant to be: the smallest edit distance (ignoring case) within
 * a third of the key's length (at least 2), or a known key that contains it or is contained in it
 * ({@code claimLease} for {@code claimLeaseSeconds}). Empty when nothing is that close: a far-fetched
 * suggestion would send the reader to the wrong key.
 */
final class NearestKey {
    private static final int MIN_CONTAINED_LENGTH = 3;

    private NearestKey() {
    }

    static Optional<String> of(String key, Collection<String> known) {
        String wanted = key.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(wanted, lower);
            boolean close = distance <= limit || contains(lower, wanted) || contains(wanted, lower);
            if (close && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean contains(String longer, String shorter) {
        return shorter.length() >= MIN_CONTAINED_LENGTH && longer.contains(shorter);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
