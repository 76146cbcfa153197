package io.jenkins.plugins.magentodmt.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One release of a fake Composer package served by {@link ComposerRepositoryServer}.
 *
 * @param name     Composer package name, e.g. {@code magento/data-migration-tool}
 * @param version  the release's version as Composer sees it, e.g. {@code 2.4.6.1}
 * @param type     Composer package type, or null for the default ("library")
 * @param require  package name to version constraint
 * @param files    path inside the package to file content (composer.json is added from the fields above)
 * @param brokenDist true when the dist zip must be served corrupt, to make the install phase fail
 */
record FakePackage(String name, String version, String type, Map<String, String> require,
                   Map<String, String> files, boolean brokenDist) {

    FakePackage {
        require = Collections.unmodifiableMap(new LinkedHashMap<>(require));
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The package's own composer.json, as shipped inside its dist zip (with "version", as Magento's packages do). */
    Map<String, Object> composerJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("version", version);
        json.put("description", "Sandbox fake of " + name + " " + version);
        if (type != null) {
            json.put("type", type);
        }
        json.put("license", "OSL-3.0");
        json.put("require", require);
        // Files under bin/ are the package's commands: Composer links them into vendor/bin.
        java.util.List<String> bin = files.keySet().stream().filter(f -> f.startsWith("bin/")).sorted().toList();
        if (!bin.isEmpty()) {
            json.put("bin", bin);
        }
        if (name.equals("magento/data-migration-tool")) {
            Map<String, Object> autoload = new LinkedHashMap<>();
            autoload.put("psr-4", Map.of("Migration\\", "src/Migration"));
            if (files.containsKey(FakeCatalog.CLI_COMMANDS)) {
                autoload.put("files", java.util.List.of(FakeCatalog.CLI_COMMANDS));
            }
            json.put("autoload", autoload);
        }
        return json;
    }

    /** The file name of the dist zip, unique per package and version. */
    String distFileName() {
        return name.replace('/', '-') + "-" + version + ".zip";
    }

    /** A metapackage has no files and no dist: Composer only resolves its requirements. */
    boolean isMetapackage() {
        return "metapackage".equals(type);
    }
}
