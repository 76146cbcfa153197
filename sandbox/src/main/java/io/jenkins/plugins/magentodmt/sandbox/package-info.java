/**
 * A disposable local "Magento host" for tests and the demo, built from real parts: a Composer repository of tiny
 * fake packages behind HTTP basic auth ({@link io.jenkins.plugins.magentodmt.sandbox.ComposerRepositoryServer}),
 * a project installed from it by the real Composer ({@link io.jenkins.plugins.magentodmt.sandbox.MagentoProject}),
 * an Apache MINA SSH server running commands through /bin/sh
 * ({@link io.jenkins.plugins.magentodmt.sandbox.EmbeddedSshServer}), a real OpenSSH sshd for root-only tests
 * ({@link io.jenkins.plugins.magentodmt.sandbox.OpenSshServer}), and the facade that ties them together
 * ({@link io.jenkins.plugins.magentodmt.sandbox.SandboxHost}).
 */
package io.jenkins.plugins.magentodmt.sandbox;
