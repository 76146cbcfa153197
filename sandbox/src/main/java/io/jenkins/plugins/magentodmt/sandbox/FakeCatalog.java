package io.jenkins.plugins.magentodmt.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake packages of the sandbox repository: just enough of Magento's dependency graph to reproduce the real
 * DMT situation (DMT releases pin symfony/console, so only the release matching the Magento line installs,
 * and Magento 2.4.7 has no DMT release at all).
 */
final class FakeCatalog {

    static final String DMT = "magento/data-migration-tool";
    static final String PRODUCT = "magento/product-community-edition";
    static final String BASE = "magento/magento2-base";
    /** A development-only package, for roots with require-dev. */
    static final String DEV_TOOL = "sandbox/dev-tool";
    /** The dependency that {@link ComposerRepositoryServer.Options#dmtWithNewDependency} adds. */
    static final String DMT_HELPER = "sandbox/dmt-helper";
    /** A DMT file that, when a release ships it, Composer autoloads on every run (as the real tool's is). */
    static final String CLI_COMMANDS = "src/Migration/cli_commands.php";

    /** DMT releases served by default, with the symfony/console constraint each one requires. */
    static final Map<String, String> DEFAULT_DMT_RELEASES = orderedMap(
            "2.4.4", "~4.4.0",
            "2.4.5", "^5.4",
            "2.4.6", "^5.4",
            "2.4.6.1", "^5.4",
            "2.4.8.1", "^6.4");

    private FakeCatalog() {
    }

    static List<FakePackage> build(ComposerRepositoryServer.Options options) {
        List<FakePackage> packages = new ArrayList<>();
        for (String v : List.of("4.4.0", "5.4.0", "6.4.0")) {
            packages.add(library("symfony/console", v, Map.of(),
                    Map.of("Application.php", "<?php\nnamespace Symfony\\Component\\Console;\n\n"
                            + "class Application\n{\n    const VERSION = '" + v + "';\n}\n")));
        }
        for (String v : List.of("2.9.0", "3.6.0")) {
            packages.add(library("monolog/monolog", v, Map.of(),
                    Map.of("src/Monolog/Logger.php", "<?php\nnamespace Monolog;\n\n"
                            + "class Logger\n{\n    const API = " + v.charAt(0) + ";\n}\n")));
        }
        packages.add(library(DEV_TOOL, "1.0.0", Map.of(), Map.of("src/DevTool.php", "<?php\nnamespace Sandbox;\n\nclass DevTool\n{\n}\n")));
        packages.add(library(DMT_HELPER, "1.0.0", Map.of(), orderedMap(
                "bin/dmt-helper", "#!/usr/bin/env php\n<?php\necho \"dmt-helper 1.0.0\\n\";\n",
                "src/Helper.php", "<?php\nnamespace Sandbox\\DmtHelper;\n\nclass Helper\n{\n}\n")));
        addMagento(packages, "2.4.6-p3", "^5.4", "^2.3");
        addMagento(packages, "2.4.7-p3", "^6.4", "^3.6");
        addMagento(packages, "2.4.8-p1", "^6.4", "^3.6");

        Map<String, String> dmt = new LinkedHashMap<>(DEFAULT_DMT_RELEASES);
        dmt.putAll(options.extraDmtReleases());
        if (options.brokenDmtVersion() != null) {
            dmt.put(options.brokenDmtVersion(), "^5.4");
        }
        dmt.forEach((version, console) -> packages.add(
                dmt(version, console, version.equals(options.brokenDmtVersion()))));
        if (options.dmtWithNewDependency() != null) {
            FakePackage plain = dmt(options.dmtWithNewDependency(), "^5.4", false);
            Map<String, String> require = new LinkedHashMap<>(plain.require());
            require.put(DMT_HELPER, "^1.0");
            Map<String, String> files = new LinkedHashMap<>(plain.files());
            files.put("bin/data-migration", "#!/usr/bin/env php\n<?php\necho \"data-migration " + plain.version() + "\\n\";\n");
            packages.add(new FakePackage(DMT, plain.version(), null, require, files, false));
        }
        if (options.dmtBreakingMagentoCli() != null) {
            FakePackage plain = dmt(options.dmtBreakingMagentoCli(), "^5.4", false);
            Map<String, String> files = new LinkedHashMap<>(plain.files());
            files.put(CLI_COMMANDS, "<?php\n// sandbox: a release whose autoloaded file breaks every bin/magento command\n"
                    + "throw new \\RuntimeException('Data Migration Tool " + plain.version()
                    + ": cannot register its console commands');\n");
            packages.add(new FakePackage(DMT, plain.version(), null, plain.require(), files, false));
        }
        if (options.dmtBreakingDiCompile() != null) {
            FakePackage plain = dmt(options.dmtBreakingDiCompile(), "^5.4", false);
            Map<String, String> files = new LinkedHashMap<>(plain.files());
            files.put("etc/di.xml", "<?xml version=\"1.0\"?>\n<config>\n    <type name=\"Migration\\Version\">\n"
                    + "        <plugin name=\"sandbox_missing\" type=\"Migration\\Plugin\\Missing\"/>\n    </type>\n</config>\n");
            packages.add(new FakePackage(DMT, plain.version(), null, plain.require(), files, false));
        }
        return packages;
    }

    private static void addMagento(List<FakePackage> packages, String version, String console, String monolog) {
        packages.add(library(BASE, version, orderedMap("symfony/console", console, "monolog/monolog", monolog),
                Map.of("app/etc/NonComposerComponentRegistration.php", "<?php\n// sandbox fake of magento2-base "
                        + version + "\n")));
        packages.add(new FakePackage(PRODUCT, version, "metapackage", Map.of(BASE, version), Map.of(), false));
    }

    /** A DMT release laid out like the real one, with version-specific content so upgrades are visible on disk. */
    static FakePackage dmt(String version, String consoleConstraint, boolean broken) {
        Map<String, String> require = new LinkedHashMap<>();
        require.put("symfony/console", consoleConstraint);
        if (consoleConstraint.startsWith("^6")) {
            require.put("monolog/monolog", "^3.6");
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("registration.php", "<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\n"
                + "ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Magento_DataMigrationTool', __DIR__);\n");
        files.put("etc/module.xml", "<?xml version=\"1.0\"?>\n<config>\n"
                + "    <module name=\"Magento_DataMigrationTool\" setup_version=\"" + version + "\"/>\n</config>\n");
        files.put("src/Migration/Version.php", "<?php\nnamespace Migration;\n\nclass Version\n{\n"
                + "    const VERSION = '" + version + "';\n}\n");
        String dir = "etc/opensource-to-opensource/1.9.4.5/";
        files.put(dir + "config.xml.dist", "<?xml version=\"1.0\"?>\n<config>\n    <source version=\"1.9.4.5\"/>\n"
                + "    <!-- data-migration-tool " + version + " -->\n</config>\n");
        files.put(dir + "map.xml.dist", "<?xml version=\"1.0\"?>\n<map>\n    <!-- map of data-migration-tool "
                + version + " -->\n    <ignore><document>sandbox_" + version.replace('.', '_')
                + "</document></ignore>\n</map>\n");
        files.put("README.md", "# Data Migration Tool (sandbox fake) " + version + "\n");
        return new FakePackage(DMT, version, null, require, files, broken);
    }

    private static FakePackage library(String name, String version, Map<String, String> require,
                                       Map<String, String> files) {
        return new FakePackage(name, version, null, require, files, false);
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
