package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The .hpi, unzipped: the layout and manifest maven-hpi-plugin would write, and nothing Jenkins already has. Runs at package. */
class HpiPackageTest {
    private static final Path HPI = Path.of(System.getProperty("hpi.file", "target/magento-dmt-upgrade.hpi"));
    private static final Map<String, byte[]> ENTRIES = new TreeMap<>();
    private static final Map<String, byte[]> INNER = new TreeMap<>();
    /**
     * The releases the link check's minimums reference was read from (credentials, ssh-credentials, plain-credentials, workflow-step-api),
     * the mina-sshd-api plugins that bundle the MINA SSHD 2.15.0 the engine is built with (it uses sshd-core and
     * sshd-common), and eddsa-api as optional, as mina-sshd-api-common takes it, at the release that plugin was built with.
     */
    private static final List<String> REQUIRED_PLUGINS = List.of(
            "credentials:1417.vd854994a_f6b_e",
            "ssh-credentials:359.v2191c4cf635f",
            "plain-credentials:199.v9f8e1f741799",
            "workflow-step-api:704.ve4f0967e98fa_",
            "mina-sshd-api-common:2.15.0-161.vb_200831a_c15b_",
            "mina-sshd-api-core:2.15.0-161.vb_200831a_c15b_",
            "eddsa-api:0.3.0.1-19.vc432d923e5ee;resolution:=optional");

    @BeforeAll
    static void unzip() throws IOException {
        try (ZipInputStream in = new ZipInputStream(java.nio.file.Files.newInputStream(HPI))) {
            read(in, ENTRIES);
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ENTRIES.get("WEB-INF/lib/magento-dmt-upgrade.jar")))) {
            read(in, INNER);
        }
    }

    private static void read(ZipInputStream in, Map<String, byte[]> into) throws IOException {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            if (!e.isDirectory()) {
                into.put(e.getName(), in.readAllBytes());
            }
        }
    }

    @Test
    void layout() {
        List<String> libs = new ArrayList<>();
        for (String name : ENTRIES.keySet()) {
            assertTrue(name.equals("META-INF/MANIFEST.MF") || name.startsWith("WEB-INF/lib/"), "unexpected entry " + name);
            if (name.startsWith("WEB-INF/lib/")) {
                libs.add(name.substring("WEB-INF/lib/".length()));
            }
        }
        assertEquals(List.of("magento-dmt-upgrade-core-0.1.0-SNAPSHOT.jar", "magento-dmt-upgrade.jar"), libs,
                "only our jar and the engine: mina-sshd-api-core/-common provide MINA SSHD, eddsa-api EdDSA, Jenkins core slf4j");
        assertFalse(ENTRIES.keySet().stream().anyMatch(n -> n.startsWith("WEB-INF/classes")));
    }

    @Test
    void innerJarHoldsClassesViewsAndIndices() {
        for (String name : List.of("index.jelly", "io/jenkins/plugins/magentodmt/MagentoDmtUpgradeStep.class",
                "io/jenkins/plugins/magentodmt/MagentoDmtUpgradeStep/config.jelly",
                "io/jenkins/plugins/magentodmt/MagentoDmtUpgradeBuilder/help.html",
                "io/jenkins/plugins/magentodmt/Messages.properties", "META-INF/annotations/hudson.Extension",
                "META-INF/services/annotations/org.jenkinsci.Symbol")) {
            assertTrue(INNER.containsKey(name), name);
        }
        String extensions = new String(INNER.get("META-INF/annotations/hudson.Extension"), StandardCharsets.ISO_8859_1);
        for (String d : List.of("MagentoDmtUpgradeStep$DescriptorImpl", "MagentoDmtUpgradeBuilder$DescriptorImpl",
                "KnownHostsFileVerification$DescriptorImpl", "ManuallyProvidedKeyVerification$DescriptorImpl",
                "AcceptAnyHostKeyVerification$DescriptorImpl", "ControllerHostKeysVerification$DescriptorImpl",
                "KnownHostKey$DescriptorImpl", "MagentoHostKeys")) {
            assertTrue(extensions.contains("io.jenkins.plugins.magentodmt." + d), d);
        }
        assertEquals("io.jenkins.plugins.magentodmt.AcceptAnyHostKeyVerification$DescriptorImpl\n"
                + "io.jenkins.plugins.magentodmt.KnownHostsFileVerification$DescriptorImpl\n"
                + "io.jenkins.plugins.magentodmt.ManuallyProvidedKeyVerification$DescriptorImpl\n"
                + "io.jenkins.plugins.magentodmt.ControllerHostKeysVerification$DescriptorImpl\n"
                + "io.jenkins.plugins.magentodmt.MagentoHostKeys\n",
                new String(INNER.get("META-INF/services/annotations/org.jenkinsci.Symbol"), StandardCharsets.UTF_8));
    }

    @Test
    void noClassThatJenkinsOrAPluginProvides() throws IOException {
        List<String> classes = new ArrayList<>();
        for (Map.Entry<String, byte[]> lib : ENTRIES.entrySet()) {
            if (lib.getKey().endsWith(".jar")) {
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(lib.getValue()))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        if (e.getName().endsWith(".class")) {
                            classes.add(e.getName());
                        }
                    }
                }
            }
        }
        assertFalse(classes.isEmpty());
        for (String c : classes) {
            assertTrue(c.startsWith("io/jenkins/plugins/magentodmt/"), "bundles a class it must not: " + c);
        }
    }

    @Test
    void manifestAsMavenHpiPluginWritesIt() throws IOException {
        Manifest outer = manifest(ENTRIES.get("META-INF/MANIFEST.MF"));
        Manifest inner = manifest(INNER.get("META-INF/MANIFEST.MF"));
        assertEquals(outer.getMainAttributes(), inner.getMainAttributes(), "the same manifest in the .hpi and its jar");
        Attributes a = outer.getMainAttributes();
        assertEquals("magento-dmt-upgrade", a.getValue("Short-Name"));
        assertEquals("Magento Data Migration Tool Upgrade", a.getValue("Long-Name"));
        assertEquals("io.jenkins.plugins", a.getValue("Group-Id"));
        assertEquals("magento-dmt-upgrade", a.getValue("Artifact-Id"));
        assertEquals("2.479.3", a.getValue("Jenkins-Version"));
        assertEquals("2.479.3", a.getValue("Hudson-Version"));
        assertEquals("https://github.com/jenkinsci/magento-dmt-upgrade-plugin", a.getValue("Url"));
        assertTrue(a.getValue("Plugin-Version").matches("0\\.1\\.0-SNAPSHOT \\(private-\\S+-\\S+\\)"), a.getValue("Plugin-Version"));
        assertEquals("0.1.0-SNAPSHOT", a.getValue("Implementation-Version"));
        assertEquals(REQUIRED_PLUGINS, List.of(a.getValue("Plugin-Dependencies").split(",")),
                "the lowest releases that provide what the plugin uses, so a 2.479.3-2.504.3 site accepts the .hpi");
        for (String dependency : REQUIRED_PLUGINS) {
            // PluginWrapper.Dependency's syntax: shortName:version[;resolution:=optional]
            assertTrue(dependency.matches("[a-z-]+:[^:,;]+(;resolution:=optional)?"), dependency);
        }
        assertTrue(a.getValue("Plugin-Developers").matches("[^:]*:[^:]*:[^:]*"), a.getValue("Plugin-Developers"));
        assertEquals("MIT License", a.getValue("Plugin-License-Name"));
        assertNotNull(a.getValue("Plugin-License-Url"));
        assertEquals(null, a.getValue("Plugin-Class"));
        assertEquals(null, a.getValue("Support-Dynamic-Loading"));
        assertEquals(null, a.getValue("Extension-Name"));
    }

    @Test
    void jdkReadsItAsAJar() throws IOException {
        try (JarFile jar = new JarFile(HPI.toFile())) {
            assertEquals("magento-dmt-upgrade", jar.getManifest().getMainAttributes().getValue("Short-Name"));
        }
    }

    private static Manifest manifest(byte[] bytes) throws IOException {
        assertNotNull(bytes);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return new Manifest(in);
        }
    }
}
