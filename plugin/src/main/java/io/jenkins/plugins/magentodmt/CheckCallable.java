package io.jenkins.plugins.magentodmt;

import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.SshHost;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.security.MasterToSlaveCallable;

/** {@code checkOnly}, on the agent: read the versions and say whether the tool matches Magento. Changes nothing. */
final class CheckCallable extends MasterToSlaveCallable<UpgradeSummary, Exception> {
    private static final long serialVersionUID = 1L;

    private final UpgradeOptions options;
    private final SshLogin login;
    private final ComposerLogin composer;
    private final String workspace;
    private final String holder;
    private final TaskListener listener;

    CheckCallable(UpgradeOptions options, SshLogin login, ComposerLogin composer, String workspace, String holder,
                  TaskListener listener) {
        this.options = options;
        this.login = login;
        this.composer = composer;
        this.workspace = workspace;
        this.holder = holder;
        this.listener = listener;
    }

    @Override
    public UpgradeSummary call() throws IOException, InterruptedException {
        Path ws = Path.of(workspace);
        try (SshHost host = AgentWork.connect(options, login, listener)) {
            return UpgradeSummary.of(new DmtUpgrader(host, new BuildLogProgress(listener))
                    .check(options.toRequest(ws, AgentWork.composerAuth(options, composer), holder)), ws);
        } catch (DmtException | IOException e) {
            // An AbortException (an IOException) comes back unchanged; anything else becomes one.
            throw AgentWork.failure(options, e);
        }
    }
}
