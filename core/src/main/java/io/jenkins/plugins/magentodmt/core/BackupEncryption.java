package io.jenkins.plugins.magentodmt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The backup's encryption: OpenSSL's own {@code enc} format, so that a stock {@code openssl} opens it without this
 * tool. AES-256-CBC; key and IV from PBKDF2-HMAC-SHA256 over the passphrase with an 8-byte salt and
 * {@value #ITERATIONS} iterations (OWASP's figure for PBKDF2-SHA256); the file is "Salted__", the salt, the ciphertext.
 */
public final class BackupEncryption {
    public static final int ITERATIONS = 600_000;
    /** What an encrypted backup's name ends with, after the archive's own ".tar.gz". */
    public static final String SUFFIX = ".enc";
    static final int MIN_PASSPHRASE = 12;
    private static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);

    private BackupEncryption() {
    }

    /** The documented command that opens {@code fileName} (it asks for the passphrase). */
    public static String decryptCommand(String fileName) {
        return "openssl enc -d -aes-256-cbc -pbkdf2 -iter " + ITERATIONS + " -md sha256 -in " + fileName + " -out " + plainName(fileName);
    }

    /** What the encrypted backup {@code fileName} opens into: its name without ".enc". */
    public static String plainName(String fileName) {
        return fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName + ".tar.gz";
    }

    /** A passphrase that OpenSSL's prompt and environment both take whole, and long enough to mean something. */
    static void requireUsable(SecretText passphrase) throws DmtException {
        String p = passphrase.reveal();
        if (p.length() < MIN_PASSPHRASE) {
            throw DmtException.badInput("The backup passphrase must have at least " + MIN_PASSPHRASE + " characters.");
        }
        if (p.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw DmtException.badInput("The backup passphrase must be one line (no line break or NUL in it).");
        }
    }

    /**
     * Decrypts {@code in} into {@code out}, a new file readable by its owner only. A wrong passphrase (or a file that is
     * not an encrypted backup) is said so, and leaves no file behind.
     */
    public static void decrypt(Path in, Path out, SecretText passphrase) throws IOException {
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(out.toString(), null, "it exists already and is never overwritten");
        }
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        try (InputStream source = Files.newInputStream(in)) {
            byte[] header = source.readNBytes(16);
            if (header.length < 16 || !Arrays.equals(Arrays.copyOf(header, 8), MAGIC)) {
                throw new IOException(in + " is not a file that openssl enc -salt wrote (no \"Salted__\" header)");
            }
            Cipher cipher = cipher(passphrase, Arrays.copyOfRange(header, 8, 16));
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream target = Files.newOutputStream(partial, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                byte[] first = null;
                for (int n; (n = source.read(buffer)) > 0; ) {
                    byte[] plain = cipher.update(buffer, 0, n);
                    if (plain != null && plain.length > 0) {
                        first = first == null ? plain : first;
                        target.write(plain);
                    }
                }
                byte[] last = cipher.doFinal();
                first = first == null ? last : first;
                target.write(last);
                // Padding alone lets one wrong passphrase in 256 through; every backup is a gzip stream.
                if (first.length < 2 || (first[0] & 0xff) != 0x1f || (first[1] & 0xff) != 0x8b) {
                    throw new BadPaddingException("not a gzip stream");
                }
            }
            Files.move(partial, out);
        } catch (BadPaddingException e) {
            Files.deleteIfExists(partial);
            throw new IOException("Cannot decrypt " + in + ": wrong passphrase, or not a backup encrypted by this tool");
        } catch (GeneralSecurityException e) {
            Files.deleteIfExists(partial);
            throw new IOException("Cannot decrypt " + in + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    private static Cipher cipher(SecretText passphrase, byte[] salt) throws GeneralSecurityException {
        // Java's PBKDF2 takes the passphrase's UTF-8 bytes, as OpenSSL takes the bytes of its environment variable.
        PBEKeySpec spec = new PBEKeySpec(passphrase.reveal().toCharArray(), salt, ITERATIONS, 48 * 8);
        byte[] keyAndIv = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        spec.clearPassword();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"), new IvParameterSpec(keyAndIv, 32, 16));
        Arrays.fill(keyAndIv, (byte) 0);
        return cipher;
    }
}
