package io.jenkins.plugins.magentodmt.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Composer repository of small fake packages, served over HTTP on 127.0.0.1 and guarded by HTTP basic auth
 * with a public/private key pair, exactly as repo.magento.com is (username = public key, password = private key).
 *
 * <p>Composer v2 layout: {@code /packages.json} names a {@code metadata-url} ({@code /p2/%package%.json}); dist zips
 * are under {@code /dist/}. Everything is built in memory at start and written to {@code workDir/dist}.
 */
public final class ComposerRepositoryServer implements AutoCloseable {

    /** What to serve besides the default catalog. */
    public static final class Options {
        private String brokenDmtVersion;
        private final Map<String, String> extraDmtReleases = new LinkedHashMap<>();
        private String dmtWithNewDependency;
        private String dmtBreakingMagentoCli;
        private String dmtBreakingDiCompile;

        public static Options defaults() {
            return new Options();
        }

        /** Adds a DMT release (symfony/console ^5.4) whose metadata is valid but whose dist zip is corrupt. */
        public Options brokenDmtVersion(String version) {
            this.brokenDmtVersion = version;
            return this;
        }

        /** Adds (or replaces) a DMT release requiring the given symfony/console constraint. */
        public Options extraDmtVersion(String version, String symfonyConsoleConstraint) {
            extraDmtReleases.put(version, symfonyConsoleConstraint);
            return this;
        }

        /**
         * Adds a DMT release (symfony/console ^5.4) that brings a command (bin/) and a new dependency package with a
         * command of its own: upgrading to it makes Composer create vendor/bin entries and a package directory.
         */
        public Options dmtWithNewDependency(String version) {
            this.dmtWithNewDependency = version;
            return this;
        }

        String dmtWithNewDependency() {
            return dmtWithNewDependency;
        }

        /**
         * Adds a DMT release (symfony/console ^5.4) that installs cleanly but whose Composer {@code files} autoload
         * (its cli_commands.php, as the real tool has) throws: every {@code bin/magento} command then fails.
         */
        public Options dmtBreakingMagentoCli(String version) {
            this.dmtBreakingMagentoCli = version;
            return this;
        }

        /**
         * Adds a DMT release (symfony/console ^5.4) whose etc/di.xml names a plugin class that does not exist:
         * {@code bin/magento --version} still runs, {@code bin/magento setup:di:compile} fails.
         */
        public Options dmtBreakingDiCompile(String version) {
            this.dmtBreakingDiCompile = version;
            return this;
        }

        String dmtBreakingMagentoCli() {
            return dmtBreakingMagentoCli;
        }

        String dmtBreakingDiCompile() {
            return dmtBreakingDiCompile;
        }

        String brokenDmtVersion() {
            return brokenDmtVersion;
        }

        Map<String, String> extraDmtReleases() {
            return extraDmtReleases;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String publicKey;
    private final String privateKey;
    private final List<FakePackage> packages;
    private final Path distDir;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final Queue<String> requestLog = new ConcurrentLinkedQueue<>();

    private ComposerRepositoryServer(Path workDir, Options options) throws IOException {
        SecureRandom random = new SecureRandom();
        this.publicKey = "sandbox-pub-" + randomHex(random, 16);
        this.privateKey = "sandbox-priv-" + randomHex(random, 16);
        this.packages = FakeCatalog.build(options);
        this.distDir = Files.createDirectories(workDir.resolve("dist"));
        for (FakePackage pkg : packages) {
            if (!pkg.isMetapackage()) {
                byte[] zip = DistZipWriter.zip(pkg);
                Files.write(distDir.resolve(pkg.distFileName()), pkg.brokenDist() ? DistZipWriter.truncated(zip) : zip);
            }
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Composer downloads dists in parallel (curl multi), so serve more than one request at a time.
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sandbox-composer-repo");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Builds the dist zips under {@code workDir/dist} and starts serving on an ephemeral port. */
    public static ComposerRepositoryServer start(Path workDir, Options options) throws IOException {
        return new ComposerRepositoryServer(workDir, options);
    }

    public static ComposerRepositoryServer start(Path workDir) throws IOException {
        return start(workDir, Options.defaults());
    }

    /** The repository URL for a composer.json "repositories" entry, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The HTTP basic username (repo.magento.com's "public key"); random per start. */
    public String publicKey() {
        return publicKey;
    }

    /** The HTTP basic password (repo.magento.com's "private key"); random per start. */
    public String privateKey() {
        return privateKey;
    }

    /**
     * The credentials as Composer's auth.json / COMPOSER_AUTH content. Composer matches http-basic entries against
     * the URL's host followed by ":port" when the port is not the default, hence the {@code 127.0.0.1:PORT} key.
     */
    public String composerAuthJson() {
        return Json.write(Map.of("http-basic", Map.of(httpBasicHost(),
                orderedPair("username", publicKey, "password", privateKey))));
    }

    /** The key Composer looks up in "http-basic" for this repository: {@code 127.0.0.1:PORT}. */
    public String httpBasicHost() {
        return "127.0.0.1:" + port();
    }

    /** All DMT versions the repository offers, in catalog order (including a broken one, if configured). */
    public List<String> dmtVersions() {
        return versionsOf(FakeCatalog.DMT);
    }

    /** All versions of a package the repository offers. */
    public List<String> versionsOf(String packageName) {
        List<String> versions = new ArrayList<>();
        for (FakePackage p : packages) {
            if (p.name().equals(packageName)) {
                versions.add(p.version());
            }
        }
        return versions;
    }

    /** HTTP requests received so far, including rejected ones. */
    public int requestCount() {
        return requests.get();
    }

    /** Requests rejected with 401. */
    public int unauthorizedCount() {
        return unauthorized.get();
    }

    /** "METHOD /path STATUS" of every request so far, oldest first. */
    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        int status;
        try (exchange) {
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"sandbox Composer repository\"");
                status = send(exchange, 401, "text/plain", "Unauthorized\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/packages.json")) {
                status = send(exchange, 200, "application/json", bytes(RepositoryMetadata.packagesJson()));
            } else if (path.startsWith("/p2/") && path.endsWith(".json")) {
                String name = path.substring("/p2/".length(), path.length() - ".json".length());
                String json = RepositoryMetadata.p2Json(name, packages, url(), distDir);
                status = json == null ? send(exchange, 404, "text/plain", bytes("Not found\n"))
                        : send(exchange, 200, "application/json", bytes(json));
            } else if (path.startsWith("/dist/") && !path.contains("..")) {
                Path file = distDir.resolve(path.substring("/dist/".length()));
                status = Files.isRegularFile(file) ? send(exchange, 200, "application/zip", Files.readAllBytes(file))
                        : send(exchange, 404, "text/plain", bytes("Not found\n"));
            } else {
                status = send(exchange, 404, "text/plain", bytes("Not found\n"));
            }
        }
        requestLog.add(exchange.getRequestMethod() + " " + path + " " + status);
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String expected = publicKey + ":" + privateKey;
        try {
            String given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            return given.equals(expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> orderedPair(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static String randomHex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
