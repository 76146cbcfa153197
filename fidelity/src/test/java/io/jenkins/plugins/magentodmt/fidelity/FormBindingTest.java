package io.jenkins.plugins.magentodmt.fidelity;

import static io.jenkins.plugins.magentodmt.fidelity.FormSubmissions.ACCEPT_ANY;
import static io.jenkins.plugins.magentodmt.fidelity.FormSubmissions.HOST_KEY;
import static io.jenkins.plugins.magentodmt.fidelity.FormSubmissions.KNOWN_HOSTS;
import static io.jenkins.plugins.magentodmt.fidelity.FormSubmissions.MANUAL_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Descriptor;
import io.jenkins.plugins.magentodmt.HostKeyVerification;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder;
import io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep;
import io.jenkins.plugins.magentodmt.UpgradeParameters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 1 of the fidelity issue: the JSON our config.jelly forms submit, bound by the real Stapler exactly as
 * {@code Descriptor.newInstance(req, formData)} binds it, gives the objects the user entered.
 */
class FormBindingTest {

    @Test
    void builderFormWithEveryFieldBindsToWhatTheUserEntered() {
        MagentoDmtUpgradeBuilder b = StaplerForms.bind(MagentoDmtUpgradeBuilder.class, FormSubmissions.BUILDER_EVERY_FIELD);

        assertEquals(everyFieldEntered(Map.of("$class", MANUAL_KEY, "key", HOST_KEY), 2222, 90,
                "php -d memory_limit=-1 /usr/local/bin/composer", "mirror.example.com"), PluginTypes.properties(b.getUpgrade()));
    }

    @Test
    void stepFormWithEveryFieldBindsToWhatTheUserEntered() {
        MagentoDmtUpgradeStep s = StaplerForms.bind(MagentoDmtUpgradeStep.class, FormSubmissions.STEP_EVERY_FIELD);

        Map<String, Object> expected = new HashMap<>();
        expected.put("host", "magento.example.com");
        expected.put("port", 2200);
        expected.put("credentialsId", "magento-ssh");
        expected.put("magentoRoot", "/srv/magento");
        expected.put("composerCredentialsId", "magento-repo-keys");
        expected.put("backupEncryptionCredentialsId", "dmt-backup-passphrase");
        expected.put("hostKeyVerification", Map.of("$class", KNOWN_HOSTS, "path", "~/.ssh/magento_known_hosts"));
        expected.put("version", "2.4.6-p3");
        expected.put("fileSystemOwner", "magento");
        expected.put("composerCommand", "composer2");
        expected.put("timeoutMinutes", 45);
        expected.put("fullBackup", true);
        expected.put("keepCustomFiles", false);
        expected.put("compileAfterUpgrade", false);
        expected.put("dryRun", true);
        expected.put("checkOnly", false);
        expected.put("failOnMismatch", false);
        expected.put("allowRoot", false);
        expected.put("breakLock", true);
        expected.put("failOnError", false);
        expected.put("composerRepositoryHost", "repo.example.org");
        assertEquals(expected, PluginTypes.properties(s));
    }

    /** The form as rendered for a new build step (jelly defaults prefilled) saves the same object as the Java defaults. */
    @Test
    void builderFormAsRenderedBindsToTheDocumentedDefaults() throws Exception {
        MagentoDmtUpgradeBuilder b = StaplerForms.bind(MagentoDmtUpgradeBuilder.class, FormSubmissions.BUILDER_AS_RENDERED);

        assertEquals(documentedDefaults(), PluginTypes.properties(b.getUpgrade()));
        assertEquals(PluginTypes.properties(new MagentoDmtUpgradeStep("magento.example.com", "magento-ssh", "/var/www/magento2")),
                PluginTypes.properties(b.getUpgrade()), "the rendered form must save what the constructor alone gives");
    }

    @Test
    void stepFormAsRenderedBindsToTheDocumentedDefaults() throws Exception {
        MagentoDmtUpgradeStep s = StaplerForms.bind(MagentoDmtUpgradeStep.class, FormSubmissions.STEP_AS_RENDERED);

        assertEquals(documentedDefaults(), PluginTypes.properties(s));
        assertEquals(PluginTypes.properties(new MagentoDmtUpgradeStep("magento.example.com", "magento-ssh", "/var/www/magento2")),
                PluginTypes.properties(s));
    }

    /** Blanked optional textboxes mean "not set" (null) or the default, never "" or spaces. */
    @Test
    void blankedFieldsBindToNotSetOrTheDefault() {
        MagentoDmtUpgradeBuilder b = StaplerForms.bind(MagentoDmtUpgradeBuilder.class, FormSubmissions.BUILDER_BLANKED_FIELDS);

        Map<String, Object> expected = documentedDefaults();
        expected.put("hostKeyVerification", Map.of("$class", ACCEPT_ANY));
        assertEquals(expected, PluginTypes.properties(b.getUpgrade()));
    }

    static Stream<String> builderForms() {
        return Stream.of(FormSubmissions.BUILDER_EVERY_FIELD, FormSubmissions.BUILDER_AS_RENDERED, FormSubmissions.BUILDER_BLANKED_FIELDS);
    }

    /** The builder holds the step's settings: its nested form, sent as the step, gives the same values. */
    @ParameterizedTest
    @MethodSource("builderForms")
    void builderAndStepBindTheSameFormAlike(String builderForm) {
        JSONObject form = JSONObject.fromObject(builderForm).getJSONObject("upgrade");
        form.put("stapler-class", FormSubmissions.STEP);
        form.put("$class", FormSubmissions.STEP);

        MagentoDmtUpgradeStep s = StaplerForms.bind(MagentoDmtUpgradeStep.class, form);
        MagentoDmtUpgradeBuilder b = StaplerForms.bind(MagentoDmtUpgradeBuilder.class, builderForm);

        assertEquals(PluginTypes.properties(b.getUpgrade()), PluginTypes.properties(s));
        assertEquals(upgradeParameterNames(), PluginTypes.properties(s).keySet(),
                "the step's bean properties are exactly UpgradeParameters'");
    }

    static Stream<Class<? extends HostKeyVerification>> strategies() {
        return PluginTypes.strategies().stream();
    }

    /** Every choice of the dropdown, submitted on its own ($class on the abstract type, as nested in the builder). */
    @ParameterizedTest
    @MethodSource("strategies")
    void everyHostKeyStrategyBindsFromItsForm(Class<? extends HostKeyVerification> strategy) {
        Map<String, Map<String, Map<String, Object>>> forms = Map.of(
                KNOWN_HOSTS, Map.of(
                        FormSubmissions.KNOWN_HOSTS_WITH_PATH, Map.of("$class", KNOWN_HOSTS, "path", "/etc/ssh/ssh_known_hosts"),
                        FormSubmissions.KNOWN_HOSTS_EMPTY, nullValued(Map.of("$class", KNOWN_HOSTS), "path")),
                MANUAL_KEY, Map.of(
                        FormSubmissions.MANUAL_KEY_FINGERPRINT,
                        Map.of("$class", MANUAL_KEY, "key", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")),
                ACCEPT_ANY, Map.of(FormSubmissions.ACCEPT_ANY_ONLY, Map.of("$class", ACCEPT_ANY)),
                FormSubmissions.CONTROLLER_KEYS, Map.of(FormSubmissions.CONTROLLER_KEYS_ONLY, Map.of("$class", FormSubmissions.CONTROLLER_KEYS)));
        Map<String, Map<String, Object>> cases = forms.get(strategy.getName());
        assertTrue(cases != null, "No form submission for the host key strategy " + strategy.getName()
                + ": add one to FormSubmissions, from its config.jelly");
        cases.forEach((json, expected) -> {
            HostKeyVerification v = StaplerForms.bind(HostKeyVerification.class, json);
            assertInstanceOf(strategy, v);
            assertEquals(expected, PluginTypes.properties(v), json);
        });
    }

    /** Jenkins shows a FormException next to the field; Stapler must not construct a builder without its host. */
    @Test
    void missingRequiredFieldIsRefusedForThatField() {
        JSONObject form = JSONObject.fromObject(FormSubmissions.BUILDER_AS_RENDERED);
        form.getJSONObject("upgrade").put("host", " ");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StaplerForms.bind(MagentoDmtUpgradeBuilder.class, form));
        Descriptor.FormException cause = findCause(e, Descriptor.FormException.class);
        assertEquals("host", cause.getFormField());
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("No " + type.getName() + " in the cause chain", t);
    }

    private static Map<String, Object> everyFieldEntered(Map<String, Object> hostKey, int port, int timeout, String composer,
                                                         String repoHost) {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "magento.example.com");
        m.put("port", port);
        m.put("credentialsId", "magento-ssh");
        m.put("magentoRoot", "/var/www/magento2");
        m.put("composerCredentialsId", "magento-repo-keys");
        m.put("backupEncryptionCredentialsId", "dmt-backup-passphrase");
        m.put("hostKeyVerification", hostKey);
        m.put("version", "2.4.7");
        m.put("fileSystemOwner", "www-data");
        m.put("composerCommand", composer);
        m.put("timeoutMinutes", timeout);
        m.put("fullBackup", true);
        m.put("keepCustomFiles", true);
        m.put("compileAfterUpgrade", true);
        m.put("dryRun", true);
        m.put("checkOnly", true);
        m.put("failOnMismatch", false);
        m.put("allowRoot", true);
        m.put("breakLock", false); // Pipeline only: not in the freestyle form
        m.put("failOnError", true);
        m.put("composerRepositoryHost", repoHost);
        return m;
    }

    /** The defaults the help pages and UpgradeParameters document, written out so that a changed constant fails here. */
    static Map<String, Object> documentedDefaults() {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "magento.example.com");
        m.put("port", 22);
        m.put("credentialsId", "magento-ssh");
        m.put("magentoRoot", "/var/www/magento2");
        m.put("composerCredentialsId", null);
        m.put("backupEncryptionCredentialsId", null);
        m.put("hostKeyVerification", nullValued(Map.of("$class", KNOWN_HOSTS), "path"));
        m.put("version", null);
        m.put("fileSystemOwner", null);
        m.put("composerCommand", "composer");
        m.put("timeoutMinutes", 30);
        m.put("fullBackup", false);
        m.put("keepCustomFiles", false);
        m.put("compileAfterUpgrade", false);
        m.put("dryRun", false);
        m.put("checkOnly", false);
        m.put("failOnMismatch", true);
        m.put("allowRoot", false);
        m.put("breakLock", false);
        m.put("failOnError", true);
        m.put("composerRepositoryHost", "repo.magento.com");
        return m;
    }

    static Map<String, Object> nullValued(Map<String, Object> m, String... nullKeys) {
        Map<String, Object> r = new LinkedHashMap<>(m);
        for (String k : nullKeys) {
            r.put(k, null);
        }
        return r;
    }

    static TreeSet<String> upgradeParameterNames() {
        TreeSet<String> names = Stream.of(UpgradeParameters.class.getMethods()).map(PluginTypes::propertyName)
                .collect(Collectors.toCollection(TreeSet::new));
        names.addAll(List.of("breakLock", "failOnError")); // the Pipeline step's own
        return names;
    }
}
