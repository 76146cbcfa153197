package io.jenkins.plugins.magentodmt.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The non-Composer part of a Magento root: bin/magento, app/etc, var, generated, pub, and a project auth.json.
 * Enough for an upgrade job to recognise a Magento install, not enough to run a shop.
 */
final class MagentoSkeleton {

    /**
     * The secret in the project's auth.json. It is fake and matches no repository; tests grep backups for it to
     * prove credentials never leave the host.
     */
    static final String FAKE_AUTH_SECRET = "FAKE-SECRET-sandbox-auth-json-do-not-copy";

    private MagentoSkeleton() {
    }

    static void write(Path root) throws IOException {
        Path cli = root.resolve("bin/magento");
        Files.createDirectories(cli.getParent());
        try (InputStream in = MagentoSkeleton.class.getResourceAsStream("magento-cli.php")) {
            if (in == null) {
                throw new IOException("magento-cli.php resource missing from the sandbox jar");
            }
            Files.write(cli, in.readAllBytes());
        }
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));

        write(root, "app/etc/env.php", "<?php\nreturn [\n"
                + "    'backend' => ['frontName' => 'admin_sandbox'],\n"
                + "    'crypt' => ['key' => 'sandbox0000000000000000000000000'],\n"
                + "    'db' => ['connection' => ['default' => ['host' => 'localhost', 'dbname' => 'magento',\n"
                + "        'username' => 'magento', 'password' => 'sandbox-db-password']]],\n"
                + "    'MAGE_MODE' => 'production',\n];\n");
        write(root, "app/etc/di.xml", "<?xml version=\"1.0\"?>\n"
                + "<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + "    <!-- sandbox placeholder for Magento's global DI configuration -->\n</config>\n");
        write(root, "pub/index.php", "<?php\n// sandbox placeholder for Magento's front controller\n"
                + "echo 'Magento sandbox';\n");
        write(root, "var/.htaccess", "Require all denied\n");
        write(root, "generated/.htaccess", "Require all denied\n");
        write(root, "auth.json", Json.write(Map.of("http-basic", Map.of("repo.magento.com",
                Map.of("username", "fake-public-key", "password", FAKE_AUTH_SECRET)))));
    }

    private static void write(Path root, String relPath, String content) throws IOException {
        Path file = root.resolve(relPath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
