package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet in one build: parallel branches upgrade several Magento roots on one host (one address and port) from one
 * workspace. Every branch keeps its own backup, named in its own result with its own checksum.
 */
class FleetTest {
    private static final int ROOTS = 3;

    @TempDir
    Path work;

    @Test
    void parallelBranchesOnOneHostKeepTheirOwnBackups() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            List<String> roots = new ArrayList<>();
            roots.add(b.sandbox.magentoRoot());
            for (int i = 1; i < ROOTS; i++) {
                roots.add(MagentoProject.create(b.sandbox.workDir().resolve("magento" + i), b.sandbox.repository(), "2.4.6-p3", "2.4.5")
                        .root().toString());
            }
            for (String root : roots) {
                Files.writeString(Path.of(root, "vendor/magento/data-migration-tool/etc/marker.xml"), "<root>" + root + "</root>\n");
            }
            ExecutorService branches = Executors.newFixedThreadPool(ROOTS);
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            try {
                for (String root : roots) {
                    MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, root));
                    results.add(branches.submit(() -> b.runStep(step)));
                }
                Set<String> artifacts = new HashSet<>();
                for (int i = 0; i < ROOTS; i++) {
                    Map<String, Object> r = results.get(i).get(4, TimeUnit.MINUTES);
                    assertEquals("UPGRADED", r.get("status"), r + "\n" + b.log());
                    assertEquals(roots.get(i), r.get("magentoRoot"));
                    String artifact = (String) r.get("backupArtifact");
                    assertTrue(artifacts.add(artifact), "each branch has its own artifact: " + artifact);
                    Path archived = b.archive.resolve(artifact);
                    assertEquals(r.get("backupSha256"), SandboxFixtures.sha256(archived), artifact);
                    String marker = member(archived, "vendor/magento/data-migration-tool/etc/marker.xml");
                    assertEquals("<root>" + roots.get(i) + "</root>\n", marker, artifact + " holds another root's files");
                }
                assertEquals(ROOTS, b.services.archivedPaths.stream().filter(p -> p.contains("dmt-backup-")).count(),
                        b.services.archivedPaths.toString());
            } finally {
                branches.shutdownNow();
            }
        }
    }

    /** One member of a tar.gz, read with the JDK only (ustar headers, as GNU tar writes short names). */
    private static String member(Path tarGz, String name) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entry = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                String prefix = new String(header, 345, 155, StandardCharsets.UTF_8).replace("\0", "");
                String full = prefix.isEmpty() ? entry : prefix + "/" + entry;
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.UTF_8).replace("\0", "").trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (full.equals(name)) {
                    return new String(body, StandardCharsets.UTF_8);
                }
            }
        }
        return "(not in the backup)";
    }
}
