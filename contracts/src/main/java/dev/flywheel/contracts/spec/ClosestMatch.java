package dev.flywheel.contracts.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of spec errors: the known name nearest to a misspelt one, if any is near enough to
 * be a plausible typo (edit distance with transpositions, or the typed name being part of a known one).
 */
final class ClosestMatch {

    private ClosestMatch() {
    }

    static Optional<String> among(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            boolean plausible = distance <= Math.max(1, typed.length() / 3)
                    || (typed.length() >= 3 && candidate.toLowerCase(Locale.ROOT).contains(typed.toLowerCase(Locale.ROOT)));
            if (plausible && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The message for a name that is not known: {@code unknown key 'windw'; did you mean 'window'? allowed
     * keys are: name, aggregate, ...}. Listing every known name helps when no suggestion is close enough.
     */
    static String unknown(String what, String typed, Collection<String> known, String knownAre) {
        String suggestion = among(typed, known).map(name -> "did you mean '" + name + "'? ").orElse("");
        return what + " '" + typed + "'; " + suggestion + knownAre + ": " + String.join(", ", known);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
