package io.jenkins.plugins.magentodmt.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The file name of one run's backup. Many hosts, ports and roots are upgraded from one workspace (a fleet in parallel
 * branches), and several runs can start in the same second: the name holds the host and port, the root, a digest of
 * both (slugs are shortened and may collide) and a random part, so that no two runs ever share a file.
 */
final class BackupName {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BackupName() {
    }

    /** {@code host} is the host's description ("ssh user@name:port" or "local"). */
    static String of(String host, String magentoRoot, String installed, Instant now) {
        String where = slug(host.startsWith("ssh ") ? host.substring(4) : host, 60);
        String root = magentoRoot.replaceAll("/+$", "");
        String rootName = slug(root.substring(root.lastIndexOf('/') + 1), 30);
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return "dmt-backup-" + where + "-" + (rootName.isEmpty() ? "root" : rootName) + "-" + digest(host + "\n" + magentoRoot)
                + "-" + (installed.isEmpty() ? "none" : slug(installed, 20)) + "-" + STAMP.format(now) + "-"
                + HexFormat.of().formatHex(random) + ".tar.gz";
    }

    private static String slug(String text, int max) {
        String s = text.replaceAll("[^0-9A-Za-z.-]", "_").replaceAll("^[.-]+", "");
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
