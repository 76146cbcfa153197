package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.DmtException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "90s", "30m", "2h" or ISO-8601 ("PT30M"). */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*([smh])");

    private Durations() {
    }

    static Duration parse(String text, String option) throws DmtException {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw DmtException.badInput(option + " takes a duration such as 90s, 30m or 2h, not '" + text + "'.");
        }
    }
}
