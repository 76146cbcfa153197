package io.jenkins.plugins.magentodmt.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComposerRepositoryServerTest {

    @TempDir
    static Path workDir;
    static ComposerRepositoryServer repo;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        repo = ComposerRepositoryServer.start(workDir, ComposerRepositoryServer.Options.defaults()
                .brokenDmtVersion("2.4.6.2").extraDmtVersion("2.4.6.5", "^5.4"));
    }

    @AfterAll
    static void stop() {
        repo.close();
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(repo.url() + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requiresBasicAuthWithTheKeyPair() throws Exception {
        int rejectedBefore = repo.unauthorizedCount();
        assertEquals(401, get("/packages.json", null, null).statusCode());
        assertEquals(401, get("/packages.json", repo.publicKey(), "wrong").statusCode());
        assertEquals(401, get("/packages.json", "wrong", repo.privateKey()).statusCode());
        assertEquals(rejectedBefore + 3, repo.unauthorizedCount());
        assertTrue(repo.requestCount() >= 3);
        assertTrue(repo.requestLog().contains("GET /packages.json 401"), repo.requestLog().toString());
        HttpResponse<String> ok = get("/packages.json", repo.publicKey(), repo.privateKey());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"metadata-url\": \"/p2/%package%.json\""), ok.body());
    }

    @Test
    void servesDmtMetadataWithAllReleases() throws Exception {
        HttpResponse<String> p2 = get("/p2/magento/data-migration-tool.json", repo.publicKey(), repo.privateKey());
        assertEquals(200, p2.statusCode());
        for (String v : List.of("2.4.4", "2.4.5", "2.4.6", "2.4.6.1", "2.4.8.1", "2.4.6.2", "2.4.6.5")) {
            assertTrue(p2.body().contains("\"version\": \"" + v + "\""), v);
        }
        assertFalse(p2.body().contains("2.4.7"), "no DMT release for Magento 2.4.7, as in real life");
        assertEquals(List.of("2.4.4", "2.4.5", "2.4.6", "2.4.6.1", "2.4.8.1", "2.4.6.5", "2.4.6.2"),
                repo.dmtVersions());
        assertEquals(404, get("/p2/magento/data-migration-tool~dev.json", repo.publicKey(), repo.privateKey())
                .statusCode());
    }

    @Test
    void authJsonUsesHostAndPortKey() {
        assertTrue(repo.composerAuthJson().contains("\"127.0.0.1:" + repo.port() + "\""), repo.composerAuthJson());
        assertTrue(repo.publicKey().startsWith("sandbox-pub-"));
        assertTrue(repo.privateKey().startsWith("sandbox-priv-"));
    }
}
