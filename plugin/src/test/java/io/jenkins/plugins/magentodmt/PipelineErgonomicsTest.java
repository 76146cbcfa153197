package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Pipeline author and a freestyle user meet: results they can branch on, one-time decisions, a clean log. */
class PipelineErgonomicsTest {
    @TempDir
    Path work;

    private static MagentoDmtUpgradeStep step(SandboxBuild b) throws Exception {
        return b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
    }

    @Test
    void failOnErrorFalseReturnsTheResultOfAFailedUpgrade() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2"))) {
            MagentoDmtUpgradeStep step = step(b);
            step.setVersion("2.4.6.2");
            step.setFailOnError(false);
            Map<String, Object> r = b.runStep(b.run, step);
            assertEquals("FAILED_RESTORED", r.get("status"), b.log());
            assertTrue(((String) r.get("backupArtifact")).endsWith(".tar.gz"), r.toString());
            assertEquals("2.4.5", b.installedDmt());
            assertEquals("FAILED_RESTORED", assertInstanceOf(UpgradeAction.class, b.run.actions.get(0)).getSummary().getStatus());
            assertTrue(new MagentoDmtUpgradeStep("h", "c", "/r").isFailOnError(), "failing the build stays the default");
        }
    }

    @Test
    void eachLogLineHasOnePrefix() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = step(b);
            step.setHostKeyVerification(new AcceptAnyHostKeyVerification());
            step.setCheckOnly(true);
            step.setFailOnMismatch(false);
            b.runStep(b.run, step);
            String log = b.log();
            assertTrue(log.contains("host key verification is"), log);
            for (String line : log.split("\n")) {
                assertFalse(line.contains("WARNING: WARNING"), line);
                assertTrue(line.indexOf("[magento-dmt]") == line.lastIndexOf("[magento-dmt]"), line);
            }
        }
    }

    @Test
    void theRequiredContextIsWhatTheExecutionUses() {
        assertEquals(Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class),
                new MagentoDmtUpgradeStep.DescriptorImpl().getRequiredContext());
    }

    @Test
    void theLockHolderIsBoundedAndUniquePerRun() throws Exception {
        Doubles.TestRun longName = new Doubles.TestRun() {
            @Override
            public String getFullDisplayName() {
                return "folder » ".repeat(40) + "upgrade #7";
            }

            @Override
            public String getExternalizableId() {
                return "folder/".repeat(40) + "upgrade#7";
            }
        };
        String one = UpgradeRun.holderOf(longName);
        String two = UpgradeRun.holderOf(longName);
        assertTrue(one.length() <= 200 && one.startsWith("jenkins ") && one.contains("upgrade#7"), one);
        assertNotEquals(one, two, "two steps of one build never share a holder");
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Map<String, Object> r = b.runStep(longName, step(b));
            assertEquals("UPGRADED", r.get("status"), b.log());
        }
    }

    @Test
    void breakingALockIsAOneTimeDecisionInFreestyle() throws Exception {
        assertFalse(Arrays.stream(MagentoDmtUpgradeBuilder.class.getMethods()).map(Method::getName).anyMatch(n -> n.contains("BreakLock")),
                "no saved setting");
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Path lock = Files.createDirectories(Path.of(b.sandbox.magentoRoot(), "var/dmt-upgrade/lock"));
            Files.writeString(lock.resolve("holder"), "jenkins gone#1\n", StandardCharsets.UTF_8);
            MagentoDmtUpgradeBuilder builder = new MagentoDmtUpgradeBuilder(b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(),
                    SandboxBuild.SSH_ID, b.sandbox.magentoRoot())));
            Launcher launcher = new Doubles.TestLauncher(b.listener);
            AbortException e = assertThrows(AbortException.class,
                    () -> builder.perform(b.run, b.workspacePath(), new EnvVars(), launcher, b.listener));
            assertTrue(e.getMessage().contains("jenkins gone#1"), e.getMessage());
            assertEquals("2.4.5", b.installedDmt());

            builder.perform(b.run, b.workspacePath(), new EnvVars("MAGENTO_DMT_BREAK_LOCK", "true"), launcher, b.listener);
            assertEquals("2.4.6.1", b.installedDmt(), b.log());
            assertTrue(b.log().contains("Broke the lock held by 'jenkins gone#1'"), b.log());
        }
    }
}
