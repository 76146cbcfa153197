package io.jenkins.plugins.magentodmt;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import io.jenkins.plugins.magentodmt.core.SecretText;
import io.jenkins.plugins.magentodmt.core.SshHost;

/** What the agent-side callables share: connecting as the options say, and turning failures into build failures. */
final class AgentWork {
    private AgentWork() {
    }

    static SshHost connect(UpgradeOptions options, SshLogin login, TaskListener listener)
            throws AbortException, InterruptedException {
        HostKeyPolicy policy = options.controllerKey != null ? HostKeyPolicy.publicKey(options.controllerKey)
                : options.hostKeyVerification.toPolicy();
        if (policy instanceof HostKeyPolicy.AcceptAny) {
            listener.getLogger().println(Messages.Log_Warning(Messages.HostKey_AcceptAny(options.host + ":" + options.port)));
        }
        BuildLogProgress progress = new BuildLogProgress(listener);
        try {
            return SshHost.connect(login.toSettings(options.host, options.port, policy), progress::warning);
        } catch (DmtException e) {
            throw failure(options, e);
        }
    }

    static SecretText composerAuth(UpgradeOptions options, ComposerLogin composer) {
        return composer == null ? null : composer.toComposerAuth(options.composerRepositoryHost);
    }

    /** A failure the person running the build can act on; the engine's message says what happened and what to do. */
    static AbortException failure(UpgradeOptions options, Exception e) {
        if (e instanceof AbortException abort) {
            return abort;
        }
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new AbortException(Messages.Upgrade_Failed(options.host, why));
    }
}
