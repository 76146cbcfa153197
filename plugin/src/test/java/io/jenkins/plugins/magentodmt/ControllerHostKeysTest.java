package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys kept on the controller: for agents without a known_hosts file; never a login to an unverified host. */
class ControllerHostKeysTest {
    /** A real ed25519 key, but not the sandbox host's. */
    private static final String OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    @TempDir
    Path work;

    private static MagentoDmtUpgradeStep step(SandboxBuild b) throws Exception {
        MagentoDmtUpgradeStep s = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
        s.setHostKeyVerification(new ControllerHostKeysVerification());
        return s;
    }

    private static String hostKeyLine(SandboxBuild b) throws Exception {
        String line = b.sandbox.ssh().knownHostsLine();
        return line.substring(line.indexOf(' ') + 1).trim();
    }

    @Test
    void theKeptKeyIsWhatTheAgentVerifies() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            b.services.hostKeys.setKeys(List.of(new KnownHostKey(b.sandbox.host(), b.sandbox.port(), hostKeyLine(b))));
            Map<String, Object> r = b.runStep(step(b));
            assertEquals("UPGRADED", r.get("status"), b.log());
            assertTrue(b.log().contains("host key: the controller's host keys"), b.log());
        }
    }

    @Test
    void aHostWithoutAKeptKeyIsRefusedBeforeAnyConnection() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step(b)));
            assertTrue(e.getMessage().contains(b.sandbox.host() + ":" + b.sandbox.port()) && e.getMessage().contains("Trust the first key"),
                    e.getMessage());
            assertEquals(0, b.sandbox.ssh().sessionCount(), "no connection at all");
            assertEquals(List.of(), b.services.hostKeys.getKeys());
            assertEquals("2.4.5", b.installedDmt());
        }
    }

    @Test
    void trustingTheFirstKeyRecordsItThenRefusesAnother() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            b.services.hostKeys.setTrustFirstKey(true);
            MagentoDmtUpgradeStep step = step(b);
            step.setCheckOnly(true);
            step.setFailOnMismatch(false);
            Map<String, Object> r = b.runStep(step);
            assertEquals("MISMATCHED", r.get("status"), b.log());
            assertEquals(List.of(hostKeyLine(b)), b.services.hostKeys.getKeys().stream().map(KnownHostKey::getKey).toList());
            assertTrue(b.log().contains("recorded the host key of " + b.sandbox.host() + ":" + b.sandbox.port()), b.log());
            assertTrue(b.sandbox.ssh().commandLog().size() > 0, "checked over a verified connection");

            // A host that later shows another key is refused, whatever trustFirstKey says.
            b.services.hostKeys.setKeys(List.of(new KnownHostKey(b.sandbox.host(), b.sandbox.port(), OTHER_KEY)));
            int commands = b.sandbox.ssh().commandLog().size();
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            assertTrue(e.getMessage().contains("is not trusted"), e.getMessage());
            assertEquals(commands, b.sandbox.ssh().commandLog().size(), "nothing ran on a host whose key changed");
        }
    }

    @Test
    void aFirstKeyRecordedMeanwhileWins() {
        MagentoHostKeys keys = new MagentoHostKeys();
        assertEquals("ssh-ed25519 AAAA1", keys.recordFirstKey("shop", 22, "ssh-ed25519 AAAA1"));
        assertEquals("ssh-ed25519 AAAA1", keys.recordFirstKey("shop", 22, "ssh-ed25519 BBBB2"), "a parallel branch's first key stays");
        assertEquals("ssh-ed25519 BBBB2", keys.recordFirstKey("shop", 2222, "ssh-ed25519 BBBB2"), "another port is another host");
        assertEquals(2, keys.getKeys().size());
    }
}
