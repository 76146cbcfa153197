package io.jenkins.plugins.magentodmt.core;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Streams the backup from the host to a local file, computing its SHA-256 on the way: memory stays constant. */
final class BackupDownload {
    private BackupDownload() {
    }

    record Downloaded(Path file, String sha256, long bytes) {
    }

    static Downloaded fetch(RemoteHost host, String command, byte[] script, Path target, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a backup of that name exists already; it is never overwritten");
        }
        // Its name is the backup's, unique to this run: a partial file that exists belongs to another download.
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        long bytes;
        OutputStream file;
        try {
            file = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(partial.toString(), null, "another download is writing this backup");
        }
        try (CountingStream counter = new CountingStream(file);
             OutputStream out = new DigestOutputStream(new BufferedOutputStream(counter, 64 * 1024), sha256)) {
            exit = host.execute(command, script, out, err, timeout);
            out.flush();
            bytes = counter.count;
        } catch (IOException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        if (exit != 0) {
            Files.deleteIfExists(partial);
            throw new IOException("reading the backup on the host failed (exit " + exit + "): "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        try {
            Files.move(partial, target);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return new Downloaded(target, HexFormat.of().formatHex(sha256.digest()), bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
