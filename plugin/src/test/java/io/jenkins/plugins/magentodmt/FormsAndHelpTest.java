package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every bound property has a form field and a help file, and every form field a property; the checks behave. */
class FormsAndHelpTest {

    @ParameterizedTest
    @ValueSource(classes = {MagentoDmtUpgradeStep.class, MagentoDmtUpgradeBuilder.class, KnownHostsFileVerification.class,
            ManuallyProvidedKeyVerification.class, AcceptAnyHostKeyVerification.class})
    void propertiesFormFieldsAndHelpFilesMatch(Class<?> type) throws IOException {
        Set<String> properties = boundProperties(type);
        String config = resource(type, "config.jelly");
        assertNotNull(config, type + " has a config.jelly");
        assertTrue(config.startsWith("<?jelly escape-by-default='true'?>"), "escape-by-default");
        assertEquals(properties, formFields(config), "config.jelly fields of " + type.getSimpleName());
        for (String property : properties) {
            if (config.contains("<f:property field=\"" + property + "\"")) {
                continue; // a nested form: its fields have their help
            }
            String help = resource(type, "help-" + property + ".html");
            assertNotNull(help, "help-" + property + ".html for " + type.getSimpleName());
            assertTrue(help.strip().startsWith("<div>"), property);
        }
        assertNotNull(resource(type, "help.html"), "help.html for " + type.getSimpleName());
    }

    @Test
    void rareOptionsAreAdvanced() throws IOException {
        String config = resource(MagentoDmtUpgradeStep.class, "config.jelly");
        String advanced = config.substring(config.indexOf("<f:advanced>"), config.indexOf("</f:advanced>"));
        for (String rare : Set.of("allowRoot", "breakLock", "composerRepositoryHost", "failOnMismatch")) {
            assertTrue(advanced.contains("field=\"" + rare + "\""), rare);
        }
        assertTrue(config.contains("method=\"testConnection\""));
        assertFalse(config.contains("f:password"), "credentials ids only, never a secret field");
    }

    @Test
    void helpShowsAJenkinsfileExample() throws IOException {
        String help = resource(MagentoDmtUpgradeStep.class, "help.html");
        assertTrue(help.contains("<pre>") && help.contains("magentoDmtUpgrade host:") && help.contains("knownHostsFile()"), help);
    }

    @Test
    void defaultsAndRequiredParameters() throws Exception {
        MagentoDmtUpgradeStep step = new MagentoDmtUpgradeStep(" shop.example.com ", "magento-ssh", "/var/www/magento");
        assertEquals("shop.example.com", step.getHost());
        assertEquals(22, step.getPort());
        assertEquals(30, step.getTimeoutMinutes());
        assertEquals("composer", step.getComposerCommand());
        assertEquals("repo.magento.com", step.getComposerRepositoryHost());
        assertTrue(step.isFailOnMismatch());
        assertTrue(step.getHostKeyVerification() instanceof KnownHostsFileVerification);
        step.setVersion("  ");
        assertEquals(null, step.getVersion());
        Descriptor.FormException e = assertThrows(Descriptor.FormException.class,
                () -> new MagentoDmtUpgradeStep("shop", "", "/var/www/magento"));
        assertEquals("credentialsId", e.getFormField());
        assertThrows(Descriptor.FormException.class, () -> new MagentoDmtUpgradeStep(null, "id", "/var/www"));
    }

    @Test
    void fieldChecks() {
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkHost("").kind);
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkHost("shop example").kind);
        assertEquals(FormValidation.Kind.OK, UpgradeForms.checkHost("shop.example.com").kind);
        assertEquals(FormValidation.Kind.OK, UpgradeForms.checkHost("${MAGENTO_HOST}").kind);
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkPort("0").kind);
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkPort("ssh").kind);
        assertEquals(FormValidation.Kind.OK, UpgradeForms.checkPort("2222").kind);
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkMagentoRoot("var/www").kind);
        assertEquals(FormValidation.Kind.OK, UpgradeForms.checkMagentoRoot("/var/www/magento").kind);
        assertEquals(FormValidation.Kind.OK, UpgradeForms.checkVersion("").kind);
        assertEquals(FormValidation.Kind.OK, UpgradeForms.checkVersion("2.4.6.1").kind);
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkVersion("2.4.6-p3").kind);
        assertEquals(FormValidation.Kind.ERROR, UpgradeForms.checkTimeoutMinutes("0").kind);
        ManuallyProvidedKeyVerification.DescriptorImpl keys = new ManuallyProvidedKeyVerification.DescriptorImpl();
        assertEquals(FormValidation.Kind.ERROR, keys.doCheckKey("").kind);
        assertEquals(FormValidation.Kind.ERROR, keys.doCheckKey("SHA256:short").kind);
        assertEquals(FormValidation.Kind.OK, keys.doCheckKey("SHA256:" + "A".repeat(43)).kind);
        assertEquals(FormValidation.Kind.OK, keys.doCheckKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB").kind);
    }

    @Test
    void everyMessageHasAMethodAndFormats() throws Exception {
        Properties props = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("Messages.properties")) {
            props.load(in);
        }
        Set<String> methods = new TreeSet<>();
        for (Method m : Messages.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.getName().startsWith("_")) { // _X: localizer's Localizable
                methods.add(m.getName());
                Object text = m.invoke(null, Arrays.stream(m.getParameterTypes()).map(t -> (Object) "X").toArray());
                assertFalse(String.valueOf(text).contains("{0}"), m.getName());
            }
        }
        Set<String> keys = new TreeSet<>();
        props.stringPropertyNames().forEach(k -> keys.add(k.replace('.', '_')));
        assertEquals(keys, methods);
        assertEquals("[magento-dmt] Upgrading on u@h:2222, Magento root /r, host key: k",
                Messages.Log_Start("Upgrading on", "u", "h", "2222", "/r", "k"));
        // Localizer formats with MessageFormat: a number would print as "2,222", so callers pass text.
        assertEquals("[magento-dmt] Upgrading on u@h:2,222, Magento root /r, host key: k",
                Messages.Log_Start("Upgrading on", "u", "h", 2222, "/r", "k"));
    }

    static Set<String> boundProperties(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    assertTrue(p.isNamePresent(), "compiled with -parameters");
                    names.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    static Set<String> formFields(String jelly) {
        Set<String> fields = new TreeSet<>();
        Matcher m = Pattern.compile("field=\"([A-Za-z]+)\"").matcher(jelly);
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    static String resource(Class<?> type, String name) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
