package io.jenkins.plugins.magentodmt.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Magento-like project root, installed by the real Composer from a {@link ComposerRepositoryServer}.
 * Its vendor/ and composer.lock are genuine Composer output, so an upgrade job sees what it would see on a host.
 */
public final class MagentoProject {

    public static final String DMT_PACKAGE = FakeCatalog.DMT;
    public static final String PRODUCT_PACKAGE = FakeCatalog.PRODUCT;
    /** See {@link MagentoSkeleton#FAKE_AUTH_SECRET}. */
    public static final String FAKE_AUTH_SECRET = MagentoSkeleton.FAKE_AUTH_SECRET;

    private final Path root;
    private final Path composerHome;
    private final ComposerRepositoryServer repo;

    private MagentoProject(Path root, Path composerHome, ComposerRepositoryServer repo) {
        this.root = root;
        this.composerHome = composerHome;
        this.repo = repo;
    }

    /**
     * Writes the root composer.json, runs {@code composer install}, and adds the Magento skeleton.
     * Composer's home (and so its cache) sits next to the root, never in the user's own home.
     *
     * @param dmtVersionOrNull exact DMT version to require, or null for a Magento without DMT
     */
    public static MagentoProject create(Path root, ComposerRepositoryServer repo, String magentoVersion,
                                        String dmtVersionOrNull) throws IOException {
        return create(root, repo, magentoVersion, dmtVersionOrNull, DevPackages.NONE);
    }

    /** Whether the root has a require-dev package, and whether it was installed with it or with {@code --no-dev}. */
    public enum DevPackages { NONE, INSTALLED, NOT_INSTALLED }

    /** The development-only package of roots created with {@link DevPackages#INSTALLED} or {@link DevPackages#NOT_INSTALLED}. */
    public static final String DEV_PACKAGE = FakeCatalog.DEV_TOOL;

    public static MagentoProject create(Path root, ComposerRepositoryServer repo, String magentoVersion,
                                        String dmtVersionOrNull, DevPackages dev) throws IOException {
        Files.createDirectories(root);
        Path composerHome = Files.createDirectories(
                root.toAbsolutePath().resolveSibling(root.getFileName() + ".composer-home"));
        MagentoProject project = new MagentoProject(root.toAbsolutePath(), composerHome, repo);
        Map<String, Object> json = rootComposerJson(repo.url(), magentoVersion, dmtVersionOrNull);
        if (dev != DevPackages.NONE) {
            json.put("require-dev", Map.of(DEV_PACKAGE, "^1.0"));
        }
        Files.writeString(root.resolve("composer.json"), Json.write(json), StandardCharsets.UTF_8);
        CommandResult install = dev == DevPackages.NOT_INSTALLED
                ? project.composer("install", "--no-interaction", "--no-progress", "--no-dev")
                : project.composer("install", "--no-interaction", "--no-progress");
        if (!install.ok()) {
            throw new IOException("composer install failed in " + root + "\n" + install);
        }
        MagentoSkeleton.write(project.root);
        return project;
    }

    /** The root composer.json of Magento's project template, reduced to what the sandbox needs. */
    static Map<String, Object> rootComposerJson(String repoUrl, String magentoVersion, String dmtVersion) {
        Map<String, Object> require = new LinkedHashMap<>();
        require.put(PRODUCT_PACKAGE, magentoVersion);
        if (dmtVersion != null) {
            require.put(DMT_PACKAGE, dmtVersion);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("secure-http", false); // the sandbox repository is plain HTTP on 127.0.0.1
        config.put("allow-plugins", Map.of());
        config.put("preferred-install", "dist");
        config.put("sort-packages", true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "magento/project-community-edition");
        json.put("description", "eCommerce Platform for Growth (Community Edition), sandbox copy");
        json.put("type", "project");
        json.put("license", "OSL-3.0");
        json.put("require", require);
        json.put("repositories", List.of(Map.of("type", "composer", "url", repoUrl), Map.of("packagist.org", false)));
        json.put("config", config);
        json.put("minimum-stability", "stable");
        return json;
    }

    public Path root() {
        return root;
    }

    /** The COMPOSER_HOME used for this project's Composer runs (holds Composer's cache). */
    public Path composerHome() {
        return composerHome;
    }

    /** Writes a file relative to the project root, creating parent directories. */
    public Path addFile(String relPath, String content) throws IOException {
        Path file = root.resolve(relPath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes a file inside vendor/magento/data-migration-tool, e.g. a customised map.xml. */
    public Path addDmtFile(String relPath, String content) throws IOException {
        return addFile("vendor/magento/data-migration-tool/" + relPath, content);
    }

    /**
     * Adds a post-update-cmd script to composer.json that fails once Composer has written vendor/, vendor/bin and the
     * autoloader, after leaving a file in app/etc. Scripts are not part of composer.lock's content-hash, so the lock
     * stays up to date.
     */
    public void addFailingPostUpdateScript() throws IOException {
        Path file = root.resolve("composer.json");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        int end = json.lastIndexOf('}');
        String script = ",\n    \"scripts\": {\n        \"post-update-cmd\": "
                + "\"echo sandbox script was here > app/etc/sandbox-script-output.txt && echo 'sandbox post-update-cmd fails' && exit 3\"\n    }\n";
        Files.writeString(file, json.substring(0, end).stripTrailing() + script + "}\n", StandardCharsets.UTF_8);
    }

    /** The DMT version in composer.lock, or null if DMT is not installed. */
    public String installedDmtVersion() throws IOException {
        return lockedVersion(DMT_PACKAGE);
    }

    /** The magento/product-community-edition version in composer.lock. */
    public String magentoVersion() throws IOException {
        return lockedVersion(PRODUCT_PACKAGE);
    }

    /**
     * A package's version in composer.lock, or null. Composer always writes "name" then "version" first in each
     * lock entry, which keeps this a regex instead of a JSON parser.
     */
    public String lockedVersion(String packageName) throws IOException {
        String lock;
        try {
            lock = Files.readString(root.resolve("composer.lock"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Matcher m = Pattern.compile("\"name\":\\s*\"" + Pattern.quote(packageName)
                + "\",\\s*\"version\":\\s*\"([^\"]+)\"").matcher(lock);
        return m.find() ? m.group(1) : null;
    }

    /** Runs Composer in the project root with the repository's credentials, as an upgrade job would. */
    public CommandResult composer(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("composer");
        command.addAll(List.of(args));
        return Processes.run(command, root, composerEnvironment(repo, composerHome));
    }

    /**
     * The environment Composer needs for the sandbox repository: credentials in COMPOSER_AUTH (never on disk),
     * an isolated COMPOSER_HOME, no advisory audit (it would only add requests), and superuser permission only
     * when actually running as root.
     */
    public static Map<String, String> composerEnvironment(ComposerRepositoryServer repo, Path composerHome) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COMPOSER_AUTH", repo.composerAuthJson());
        env.put("COMPOSER_HOME", composerHome.toString());
        env.put("COMPOSER_NO_AUDIT", "1");
        if (isRoot()) {
            env.put("COMPOSER_ALLOW_SUPERUSER", "1");
        }
        return env;
    }

    /** True when this JVM runs as uid 0 ({@code /proc/self} is owned by the process's user). */
    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
