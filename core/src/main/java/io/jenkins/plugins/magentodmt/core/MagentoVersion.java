package io.jenkins.plugins.magentodmt.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Magento product version: {@code X.Y.Z}, {@code X.Y.Z-pN} (security patch), a pre-release such as
 * {@code 2.4.8-beta1}, or Composer's normalized form {@code 2.4.7.0-patch3}.
 */
public record MagentoVersion(int major, int minor, int patch, String suffix, String text) {
    private static final Pattern FORM = Pattern.compile(
            "v?(\\d+)\\.(\\d+)\\.(\\d+)(?:\\.0)?(?:-((?:p|patch)\\d+|(?:alpha|beta|rc|RC)\\d*))?");

    public static MagentoVersion parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a Magento version (expected X.Y.Z or X.Y.Z-pN)");
        }
        String suffix = m.group(4) == null ? "" : m.group(4).replaceFirst("^patch", "p");
        return new MagentoVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), suffix, trimmed);
    }

    /** Finds the version in {@code bin/magento --version} output such as "Magento CLI 2.4.7-p3". */
    public static MagentoVersion fromCliOutput(String output) {
        Matcher m = Pattern.compile("(?:CLI(?: version)?|based on Magento)\\s+(\\S+?)\\)?\\s*$", Pattern.MULTILINE)
                .matcher(output == null ? "" : output.trim());
        if (!m.find()) {
            throw new IllegalArgumentException("no Magento version in '" + output + "'");
        }
        return parse(m.group(1));
    }

    /** The {@code X.Y.Z} a matching DMT release shares. */
    public String base() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public String toString() {
        return suffix.isEmpty() ? base() : base() + "-" + suffix;
    }
}
