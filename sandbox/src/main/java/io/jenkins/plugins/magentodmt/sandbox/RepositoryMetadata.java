package io.jenkins.plugins.magentodmt.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Composer v2 repository metadata: {@code packages.json} and the per-package {@code p2/<name>.json}. */
final class RepositoryMetadata {

    private RepositoryMetadata() {
    }

    /**
     * The root document. {@code metadata-url} makes Composer 2 fetch only the packages it needs;
     * the empty {@code packages} keeps Composer from expecting an inline list.
     */
    static String packagesJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("packages", List.of());
        root.put("metadata-url", "/p2/%package%.json");
        return Json.write(root);
    }

    /** All releases of one package, or null if the repository has none (Composer also asks for "name~dev"). */
    static String p2Json(String name, List<FakePackage> packages, String baseUrl, Path distDir) {
        List<Object> versions = new ArrayList<>();
        for (FakePackage pkg : packages) {
            if (pkg.name().equals(name)) {
                versions.add(versionEntry(pkg, baseUrl, distDir));
            }
        }
        if (versions.isEmpty()) {
            return null;
        }
        return Json.write(Map.of("packages", Map.of(name, versions)));
    }

    private static Map<String, Object> versionEntry(FakePackage pkg, String baseUrl, Path distDir) {
        Map<String, Object> entry = new LinkedHashMap<>(pkg.composerJson());
        if (!pkg.isMetapackage()) {
            Map<String, Object> dist = new LinkedHashMap<>();
            dist.put("type", "zip");
            dist.put("url", baseUrl + "/dist/" + pkg.distFileName());
            // No shasum for the broken release: the download must succeed so the failure comes at extraction time.
            if (!pkg.brokenDist()) {
                dist.put("shasum", sha1Of(distDir.resolve(pkg.distFileName())));
            }
            entry.put("dist", dist);
        }
        return entry;
    }

    private static String sha1Of(Path file) {
        try {
            return DistZipWriter.sha1(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
