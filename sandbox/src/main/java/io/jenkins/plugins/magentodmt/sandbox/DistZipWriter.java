package io.jenkins.plugins.magentodmt.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the dist zip of a {@link FakePackage}, the way Composer expects to download it. */
final class DistZipWriter {

    /** A fixed entry time so the same package always gives the same bytes (and the same shasum). */
    private static final long ENTRY_TIME = 1_700_000_000_000L;

    private DistZipWriter() {
    }

    /**
     * Files sit at the zip's top level next to composer.json, like repo.magento.com's zips.
     * java.util.zip writes no Unix modes, so Composer extracts files with the default 0666 & ~umask (0644).
     */
    static byte[] zip(FakePackage pkg) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "composer.json", Json.write(pkg.composerJson()));
            for (Map.Entry<String, String> file : pkg.files().entrySet()) {
                put(zip, file.getKey(), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A corrupt download: the first half of the real zip. Without the central directory no unzipper can open it,
     * so Composer fails when it extracts, which happens after it removed the old package directory.
     */
    static byte[] truncated(byte[] zip) {
        byte[] half = new byte[zip.length / 2];
        System.arraycopy(zip, 0, half, 0, half.length);
        return half;
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
