package io.jenkins.plugins.magentodmt.core;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A Data Migration Tool release: {@code X.Y.Z} or {@code X.Y.Z.W} (a hotfix digit, as in 2.4.6.1). Releases never
 * carry Magento's {@code -pN}; the tool matches a Magento version when the first three numbers are the same.
 */
public record DmtVersion(int[] numbers) implements Comparable<DmtVersion> {
    private static final Pattern FORM = Pattern.compile("\\d{1,5}\\.\\d{1,5}\\.\\d{1,5}(\\.\\d{1,5})?");

    public static boolean isRelease(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    public static DmtVersion parse(String text) {
        if (!isRelease(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a Data Migration Tool release (expected X.Y.Z or X.Y.Z.W, "
                    + "for example 2.4.6 or 2.4.6.1; releases never carry Magento's -pN)");
        }
        return new DmtVersion(Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    public String base() {
        return numbers[0] + "." + numbers[1] + "." + numbers[2];
    }

    public boolean matches(MagentoVersion magento) {
        return base().equals(magento.base());
    }

    @Override
    public int compareTo(DmtVersion other) {
        for (int i = 0; i < 4; i++) {
            int c = Integer.compare(part(i), other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int part(int i) {
        return i < numbers.length ? numbers[i] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DmtVersion d && Arrays.equals(numbers, d.numbers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int n : numbers) {
            sb.append(sb.length() == 0 ? "" : ".").append(n);
        }
        return sb.toString();
    }
}
