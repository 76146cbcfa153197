package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.access.AccessDeniedException;

/** Who may list credential ids and who may make Jenkins connect somewhere with stored credentials. */
class PermissionsTest {
    @TempDir
    Path work;

    @Test
    void credentialsListsShowOnlyTheCurrentValueToAUserWithoutPermission() {
        Doubles.TestItem reader = new Doubles.TestItem(false);
        MagentoDmtUpgradeStep.DescriptorImpl step = new MagentoDmtUpgradeStep.DescriptorImpl();
        ListBoxModel ssh = step.doFillCredentialsIdItems(reader, "magento-ssh");
        assertEquals(1, ssh.size(), ssh.toString());
        assertEquals("magento-ssh", ssh.get(0).value);
        ListBoxModel composer = step.doFillComposerCredentialsIdItems(reader, "keys");
        assertEquals(1, composer.size(), composer.toString());
        assertEquals("keys", composer.get(0).value);
        assertTrue(reader.permissionChecks >= 2, "both lists asked");
    }

    @Test
    void testConnectionIsPostOnlyAndChecksConfigureOnTheJob() throws Exception {
        for (Class<?> d : new Class<?>[] {MagentoDmtUpgradeStep.DescriptorImpl.class}) {
            Method m = d.getMethod("doTestConnection", hudson.model.Item.class, String.class, String.class, String.class,
                    String.class, String.class, String.class, boolean.class, String.class);
            assertTrue(m.isAnnotationPresent(POST.class), d.getName());
            assertTrue(m.getParameters()[0].isAnnotationPresent(AncestorInPath.class));
        }
    }

    @Test
    void testConnectionRefusesAUserWithoutConfigureAndConnectsNowhere() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Doubles.TestItem reader = new Doubles.TestItem(false);
            MagentoDmtUpgradeStep.DescriptorImpl d = new MagentoDmtUpgradeStep.DescriptorImpl();
            assertThrows(AccessDeniedException.class, () -> d.doTestConnection(reader, b.sandbox.host(),
                    String.valueOf(b.sandbox.port()), SandboxBuild.SSH_ID, b.sandbox.magentoRoot(), null, null, true, null));
            assertEquals(0, b.services.itemLookups, "no credential was looked up");
            assertEquals(0, b.sandbox.ssh().sessionCount(), "no connection was made");
            // Without a job, only an administrator may; outside Jenkins that check cannot pass either.
            assertThrows(IllegalStateException.class, () -> d.doTestConnection(null, b.sandbox.host(), "22",
                    SandboxBuild.SSH_ID, "/var/www", null, null, false, null));

            // No key given and none kept: refused, no file read, no connection made.
            FormValidation unknown = d.doTestConnection(new Doubles.TestItem(true), b.sandbox.host(), String.valueOf(b.sandbox.port()),
                    SandboxBuild.SSH_ID, b.sandbox.magentoRoot(), null, null, MagentoProject.isRoot(), null);
            assertEquals(FormValidation.Kind.ERROR, unknown.kind);
            assertTrue(unknown.getMessage().contains("reads no known_hosts file"), unknown.getMessage());
            assertEquals(0, b.sandbox.ssh().sessionCount(), "no connection without a key to verify");

            // The key the controller keeps for the host is the one verified.
            String line = b.sandbox.ssh().knownHostsLine();
            b.services.hostKeys.setKeys(java.util.List.of(new KnownHostKey(b.sandbox.host(), b.sandbox.port(),
                    line.substring(line.indexOf(' ') + 1))));
            FormValidation ok = d.doTestConnection(new Doubles.TestItem(true), b.sandbox.host(), String.valueOf(b.sandbox.port()),
                    SandboxBuild.SSH_ID, b.sandbox.magentoRoot(), null, null, MagentoProject.isRoot(), null);
            assertEquals(FormValidation.Kind.OK, ok.kind, ok.getMessage());
            assertTrue(ok.getMessage().contains("Magento 2.4.6-p3") && ok.getMessage().contains("Data Migration Tool 2.4.5"),
                    ok.getMessage());
            assertEquals("2.4.5", b.installedDmt(), "a connection test changes nothing");
        }
    }
}
