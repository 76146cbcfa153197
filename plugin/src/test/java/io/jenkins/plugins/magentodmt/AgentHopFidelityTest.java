package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import io.jenkins.plugins.magentodmt.core.SshSettings;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue item 5, the agent hop. The callables that run on the agent ({@link PrepareUpgradeCallable},
 * {@link FinishUpgradeCallable}, {@link CheckCallable}), with everything they carry ({@link SshLogin} and
 * {@link ComposerLogin} with their {@code Secret}s, {@link UpgradeOptions} with each {@link HostKeyVerification}, the
 * listener), survive plain Java serialization and back, hold nothing controller-only, and carry secrets only as
 * {@code hudson.util.Secret}, opened only where they are used. Last, a whole run crosses a channel that serializes.
 */
class AgentHopFidelityTest {
    static final String PRIVATE_KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABB";
    static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PRIVATE_KEY_BODY + "\n-----END OPENSSH PRIVATE KEY-----\n";
    static final String PASSPHRASE = "passphrase-7f3a9c5e";
    static final String PASSWORD = "ssh-password-1b2c3d4e";
    static final String COMPOSER_PRIVATE = "composer-private-9e8d7c6b";
    static final String BACKUP_PASSPHRASE = "backup passphrase 0c4e2a";
    static final List<String> SECRETS = List.of(PRIVATE_KEY_BODY, PASSPHRASE, PASSWORD, COMPOSER_PRIVATE, BACKUP_PASSPHRASE);

    /** Where the plugin may turn a Secret into text: only where the agent (or Test connection) uses it. */
    static final Set<String> OPEN_SECRETS_ONLY_IN = Set.of("SshLogin.toSettings", "SshLogin.plain", "ComposerLogin.toComposerAuth",
            "BackupPassphrase.toSecretText");

    @TempDir
    Path work;

    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final StreamTaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);

    static UpgradeOptions options(HostKeyVerification hostKeys) throws Exception {
        MagentoDmtUpgradeStep step = new MagentoDmtUpgradeStep("shop.example.com", "magento-ssh", "/var/www/magento");
        step.setPort(2222);
        step.setVersion("2.4.6.1");
        step.setFileSystemOwner("www-data");
        step.setComposerCommand("php8.2 /usr/local/bin/composer.phar");
        step.setComposerCredentialsId("repo-magento-keys");
        step.setHostKeyVerification(hostKeys);
        step.setKeepCustomFiles(true);
        step.setTimeoutMinutes(45);
        step.setComposerRepositoryHost("repo.example.com");
        return UpgradeOptions.literal(step);
    }

    static List<HostKeyVerification> hostKeyChoices() {
        KnownHostsFileVerification file = new KnownHostsFileVerification();
        file.setPath("/var/lib/jenkins/known_hosts");
        return List.of(file, new KnownHostsFileVerification(), new ManuallyProvidedKeyVerification("SHA256:" + "A".repeat(43)),
                new AcceptAnyHostKeyVerification());
    }

    static SshLogin keyLogin() throws AbortException {
        return SshLogin.of("magento-ssh", new Doubles.SshKey("magento-ssh", "deploy", PRIVATE_KEY, PASSPHRASE));
    }

    static SshLogin passwordLogin() throws AbortException {
        return SshLogin.of("magento-ssh", (StandardUsernameCredentials) new Doubles.UsernamePassword("magento-ssh", "deploy", PASSWORD));
    }

    static ComposerLogin composerLogin() {
        return ComposerLogin.of(new Doubles.UsernamePassword("repo-magento-keys", "composer-public-key", COMPOSER_PRIVATE));
    }

    static BackupPassphrase backupPassphrase() {
        return BackupPassphrase.of("dmt-backup-passphrase", new Doubles.SecretString("dmt-backup-passphrase", BACKUP_PASSPHRASE));
    }

    /** Every callable the plugin sends, in every shape: both logins, with and without Composer keys, each host key rule. */
    List<Callable<?, ?>> callables() throws Exception {
        List<Callable<?, ?>> all = new ArrayList<>();
        for (HostKeyVerification hostKeys : hostKeyChoices()) {
            UpgradeOptions o = options(hostKeys);
            for (SshLogin login : List.of(keyLogin(), passwordLogin())) {
                for (ComposerLogin composer : java.util.Arrays.asList(composerLogin(), null)) {
                    all.add(new PrepareUpgradeCallable(o, login, composer, backupPassphrase(), "/ws", "magento-dmt-backup/shop", "jenkins shop #7", listener));
                    all.add(new CheckCallable(o, login, composer, "/ws", "jenkins shop #7", listener));
                }
            }
            io.jenkins.plugins.magentodmt.core.StartedUpgrade ticket = new io.jenkins.plugins.magentodmt.core.StartedUpgrade(
                    java.util.Map.of("DMT_ROOT", "/var/www/magento", "DMT_HOLDER", "jenkins shop#7 0a1b"), "exec sh -s", "2.4.6.1",
                    java.time.Duration.ofMinutes(30), new io.jenkins.plugins.magentodmt.core.UpgradeReport());
            for (FinishUpgradeCallable.Action action : FinishUpgradeCallable.Action.values()) {
                all.add(new FinishUpgradeCallable(o, keyLogin(), action == FinishUpgradeCallable.Action.COMMIT ? composerLogin() : null,
                        ticket, action, "/ws", listener));
            }
        }
        return all;
    }

    @Test
    void everyCallableSurvivesTheHopAndCarriesNothingControllerOnly() throws Exception {
        for (Callable<?, ?> c : callables()) {
            AgentHop.Walk before = AgentHop.walk(c, SECRETS);
            assertEquals(List.of(), before.problems, c.getClass().getSimpleName());
            assertEquals(1, before.listenerPaths.size(), "the listener travels: " + before.listenerPaths);
            Callable<?, ?> copy = AgentHop.roundTrip(c);
            assertEquals(c.getClass(), copy.getClass());
            AgentHop.Walk after = AgentHop.walk(copy, SECRETS);
            assertEquals(List.of(), after.problems);
            assertEquals(before.secretPaths, after.secretPaths);
            assertEquals(List.of(), differences(c, copy, c.getClass().getSimpleName()), "the same state on the agent");
        }
        // The walk did reach the secrets and the options.
        AgentHop.Walk w = AgentHop.walk(new PrepareUpgradeCallable(options(new KnownHostsFileVerification()), keyLogin(), composerLogin(),
                backupPassphrase(), "/ws", "b", "h", listener), SECRETS);
        assertEquals(List.of("PrepareUpgradeCallable.login.privateKey", "PrepareUpgradeCallable.login.passphrase",
                "PrepareUpgradeCallable.composer.privateKey", "PrepareUpgradeCallable.encryption.secret"), w.secretPaths);
        assertTrue(w.classes.containsAll(List.of(UpgradeOptions.class.getName(), KnownHostsFileVerification.class.getName(),
                SshLogin.class.getName(), ComposerLogin.class.getName())), w.classes.toString());
    }

    @Test
    void secretsTravelOnlyInsideSecrets() throws Exception {
        for (Callable<?, ?> c : callables()) {
            byte[] outside = AgentHop.bytesOutsideSecrets(c);
            for (String secret : SECRETS) {
                assertFalse(AgentHop.contains(outside, secret), c.getClass().getSimpleName() + " carries a secret outside a Secret");
            }
        }
        // The check can see a secret: like the real hudson.util.Secret, the stub serializes its plain value.
        byte[] whole = AgentHop.serialize(new CheckCallable(options(new AcceptAnyHostKeyVerification()), keyLogin(), composerLogin(),
                "/ws", "h", listener), true);
        assertTrue(AgentHop.contains(whole, PASSPHRASE) && AgentHop.contains(whole, COMPOSER_PRIVATE));
    }

    /** By declared type too, not only by today's values: a field meant for a secret is a Secret. */
    @Test
    void fieldsForSecretsAreDeclaredSecret() throws Exception {
        Pattern secretName = Pattern.compile("(?i).*(private|passphrase|password|secret|token|credential(?!sId)).*");
        Set<String> classes = new TreeSet<>();
        for (Callable<?, ?> c : callables()) {
            classes.add(c.getClass().getName());
            classes.addAll(AgentHop.walk(c, SECRETS).classes);
        }
        List<String> problems = new ArrayList<>();
        for (String name : classes) {
            for (Class<?> k = Class.forName(name); k != null && k != Object.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                    if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && secretName.matcher(f.getName()).matches()
                            && f.getType() != Secret.class) {
                        problems.add(k.getSimpleName() + "." + f.getName() + " is a " + f.getType().getSimpleName());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(classes.containsAll(Set.of(SshLogin.class.getName(), ComposerLogin.class.getName())), classes.toString());
    }

    @Test
    void theLoginsWorkOnTheFarSide() throws Exception {
        SshLogin key = AgentHop.roundTrip(keyLogin());
        SshSettings s = key.toSettings("shop.example.com", 22, HostKeyPolicy.acceptAny());
        assertEquals(PRIVATE_KEY, s.privateKey());
        assertEquals(PASSPHRASE, s.passphrase().reveal());
        SshSettings p = AgentHop.roundTrip(passwordLogin()).toSettings("shop.example.com", 22, HostKeyPolicy.acceptAny());
        assertNull(p.privateKey());
        assertEquals(PASSWORD, p.password().reveal());
        assertTrue(AgentHop.roundTrip(composerLogin()).toComposerAuth("repo.magento.com").reveal().contains(COMPOSER_PRIVATE));
        for (HostKeyVerification h : hostKeyChoices()) {
            HostKeyVerification copy = AgentHop.roundTrip(h);
            assertEquals(h.describe(), copy.describe());
        }
    }

    /** Secrets stay Secret until the moment of use: the bytecode opens one only in the methods that use it. */
    @Test
    void secretsAreOpenedOnlyWhereTheyAreUsed() throws Exception {
        Map<String, Set<String>> openers = secretOpeners();
        Set<String> methods = new TreeSet<>();
        openers.values().forEach(methods::addAll);
        assertEquals(OPEN_SECRETS_ONLY_IN, methods, openers.toString());
    }

    /** Class to the methods (Class.method) that call Secret.getPlainText, Secret.toString or Secret.toString(Secret). */
    static Map<String, Set<String>> secretOpeners() throws Exception {
        Path classes = Path.of(System.getProperty("classes.dir", "target/classes"));
        Map<String, Set<String>> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.toString().endsWith(".class")) {
                    continue;
                }
                ClassReader r = new ClassReader(Files.readAllBytes(p));
                String simple = r.getClassName().substring(r.getClassName().lastIndexOf('/') + 1);
                r.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                                if (owner.equals("hudson/util/Secret")
                                        && (name.equals("getPlainText") || name.equals("toString"))) {
                                    // A lambda's body counts as the method it was written in.
                                    String in = method.startsWith("lambda$") ? method.split("\\$")[1] : method;
                                    found.computeIfAbsent(simple, k -> new TreeSet<>()).add(simple + "." + in);
                                }
                            }
                        };
                    }
                }, 0);
            }
        }
        return found;
    }

    @Test
    void theListenerCrossesAsAReference() throws Exception {
        // The stub StreamTaskListener serializes without a channel, but its stream is transient: on the far side it has
        // none. The real one writes a RemoteOutputStream, which needs the channel; so the hop passes listeners by
        // reference, as remoting does, and what the agent writes reaches the build log.
        StreamTaskListener plain = (StreamTaskListener) AgentHop.deserialize(AgentHop.serialize(listener, false));
        assertNull(plain.getLogger(), "without a channel the stream stays behind");
        CheckCallable copy = AgentHop.roundTrip(new CheckCallable(options(new AcceptAnyHostKeyVerification()), keyLogin(), null, "/ws",
                "h", listener));
        java.lang.reflect.Field f = CheckCallable.class.getDeclaredField("listener");
        f.setAccessible(true);
        hudson.model.TaskListener far = (hudson.model.TaskListener) f.get(copy);
        assertInstanceOf(AgentHop.AgentSideListener.class, far);
        far.getLogger().println("written on the agent");
        listener.getLogger().flush();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("written on the agent"));
    }

    /** The walker and the byte check themselves: a controller object and a plain-text secret are found. */
    @Test
    void theChecksFindWhatTheyGuardAgainst() throws Exception {
        record Leaky(Object run, String key, List<Object> more, hudson.model.Job<?, ?> job) implements java.io.Serializable {
        }
        Leaky leaky = new Leaky(new Doubles.TestRun(), PASSPHRASE, List.of(new Object[] {"x", new Doubles.TestItem(true)}), null);
        List<String> problems = AgentHop.walk(leaky, SECRETS).problems;
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Leaky.run ") && p.contains("hudson.model.Run")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Leaky.key ") && p.contains("plain String")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Leaky.more[1] ") && p.contains("hudson.model.Item")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Leaky.job is declared hudson.model.Job")), problems.toString());
        record Holder(String key) implements java.io.Serializable {
        }
        assertTrue(AgentHop.contains(AgentHop.bytesOutsideSecrets(new Holder(PASSPHRASE)), PASSPHRASE));
    }

    /**
     * A whole run, step to result, with the workspace on a channel that serializes each callable to the "agent" and the
     * result back: real SSH and Composer against the sandbox host, as in UpgradeOverSandboxTest.
     */
    @Test
    void aWholeRunCrossesASerializingChannel() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            AgentHop.SerializingChannel channel = new AgentHop.SerializingChannel(b.secrets());
            // Archiving is the artifact manager reading the workspace through FilePath (remoting streams, not a callable
            // of ours); the stub FilePath cannot read over a channel, so the double reads the same directory locally.
            Doubles.RecordingServices recording = b.services;
            UpgradeRun.services = new JenkinsServices() {
                @Override
                public <C extends com.cloudbees.plugins.credentials.common.IdCredentials> C credentialForRun(String id, Class<C> type,
                                                                                                       Run<?, ?> run) {
                    return recording.credentialForRun(id, type, run);
                }

                @Override
                public <C extends com.cloudbees.plugins.credentials.common.IdCredentials> C credentialForItem(String id, Class<C> type,
                                                                                                        hudson.model.Item item) {
                    return recording.credentialForItem(id, type, item);
                }

                @Override
                public void archive(Run<?, ?> run, FilePath workspace, Launcher launcher, hudson.model.TaskListener listener,
                                    Map<String, String> files) throws java.io.IOException, InterruptedException {
                    recording.archive(run, new FilePath(new java.io.File(workspace.getRemote())), launcher, listener, files);
                }

                @Override
                public boolean artifactExists(Run<?, ?> run, String path) {
                    return recording.artifactExists(run, path);
                }

                @Override
                public MagentoHostKeys hostKeys() {
                    return recording.hostKeys();
                }
            };
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
            Map<String, Object> r = run(b, step, channel);
            assertEquals("UPGRADED", r.get("status"), b.log());
            assertEquals("2.4.6.1", b.installedDmt());
            assertEquals(List.of("PrepareUpgradeCallable", "FinishUpgradeCallable"), channel.callables);
            assertEquals(List.of(), channel.problems);
            // Each phase carries the login (phase two connects again when phase one's connection is gone), as Secrets.
            assertEquals(6, channel.secretsCarried, "key and passphrase, and the Composer key, went as Secrets, twice");
            String log = b.log();
            assertTrue(log.contains("[2/8] Checking the host") && log.contains("[6/8] Running composer require"), "the agent's lines reach the build log:\n" + log);
            for (String secret : b.secrets()) {
                assertFalse(log.contains(secret));
            }

            step.setCheckOnly(true);
            Map<String, Object> checked = run(b, step, channel);
            assertEquals("MATCHED", checked.get("status"), b.log());
            assertEquals("CheckCallable", channel.callables.get(channel.callables.size() - 1));
            assertEquals(List.of(), channel.problems);

            // A failure on the agent comes back as the build's failure, across the channel.
            step.setHostKeyVerification(new ManuallyProvidedKeyVerification("SHA256:" + "A".repeat(43)));
            AbortException e = assertThrows(AbortException.class, () -> run(b, step, channel));
            assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        }
    }

    private static Map<String, Object> run(SandboxBuild b, MagentoDmtUpgradeStep step, AgentHop.SerializingChannel channel)
            throws Exception {
        Doubles.TestContext context = new Doubles.TestContext()
                .with(Run.class, b.run)
                .with(FilePath.class, new FilePath(channel, b.workspace.toString()))
                .with(Launcher.class, new Doubles.TestLauncher(b.listener))
                .with(hudson.model.TaskListener.class, b.listener)
                .with(EnvVars.class, new EnvVars());
        return ((MagentoDmtUpgradeStepExecution) step.start(context)).run();
    }

    /** Field-by-field comparison of two object graphs of ours (listeners excluded: they are references). */
    static List<String> differences(Object a, Object b, String path) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        if (a == null || b == null || a instanceof hudson.model.TaskListener) {
            if ((a == null) != (b == null)) {
                out.add(path + ": " + a + " became " + b);
            }
            return out;
        }
        Class<?> c = a.getClass();
        if (c != b.getClass()) {
            out.add(path + ": a " + c + " became a " + b.getClass());
            return out;
        }
        if (!c.getName().startsWith("io.jenkins.plugins.magentodmt") || c.isEnum()) {
            if (!a.equals(b)) {
                out.add(path + ": " + a + " became " + b);
            }
            return out;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || java.lang.reflect.Modifier.isTransient(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                out.addAll(differences(f.get(a), f.get(b), path + "." + f.getName()));
            }
        }
        return out;
    }

    /**
     * The controller-to-agent hop, with plain Java serialization as remoting uses it, and a reflective walk of what crosses.
     *
     * <p>Remoting sends a callable as a Java-serialized object graph. Two kinds of object in it are special there and here:
     * <ul>
     * <li>the {@link TaskListener}: Jenkins' listeners ({@code StreamTaskListener}, Pipeline's remote listeners) serialize
     *     their stream as a {@code RemoteOutputStream} exported on the channel, so the agent's writes come back to the
     *     build log; without a channel they cannot be serialized. {@link #replaceObject} stands in for the channel: it sends
     *     a reference, and the other side gets a listener that writes to the original stream;</li>
     * <li>a {@link Secret}: the real {@code hudson.util.Secret} (2.479.3) serializes its plain {@code value} field (Java
     *     serialization is for the channel, which is already the agent's own authenticated connection; only XStream, for
     *     files on disk, writes it encrypted, through {@code Secret.ConverterImpl}). So the rule is not "the bytes hold no
     *     secret" but "a secret travels only inside a Secret", which {@link #bytesOutsideSecrets} checks.</li>
     * </ul>
     */
    static final class AgentHop {
        /**
         * What must never travel to the agent: the controller's model and services. A {@code FilePath} may (it is
         * {@code SerializableOnlyOverRemoting}, made for the hop: it arrives bound to the agent's channel), though ours pass
         * the workspace as a String, since the callables already run where it is.
         */
        static final Set<String> CONTROLLER_ONLY = Set.of(
                "hudson.model.Run", "hudson.model.Job", "hudson.model.Item", "hudson.model.ItemGroup", "jenkins.model.Jenkins",
                "hudson.model.Descriptor", "hudson.Launcher", "hudson.model.Node", "hudson.model.Computer",
                "org.jenkinsci.plugins.workflow.steps.StepContext", "org.jenkinsci.plugins.workflow.steps.Step",
                "hudson.tasks.Builder", "com.cloudbees.plugins.credentials.Credentials", "jenkins.model.ArtifactManager",
                UpgradeRun.class.getName(), JenkinsServices.class.getName(), UpgradeAction.class.getName());

        private AgentHop() {
        }

        // ---- serialization, with the listener passed by reference as remoting does ----

        private static final Map<Integer, TaskListener> EXPORTED = new ConcurrentHashMap<>();
        private static final AtomicInteger IDS = new AtomicInteger();

        /** What travels instead of a listener: a reference to the controller's. */
        record ListenerReference(int id) implements Serializable {
        }

        /** The listener the agent gets: its writes go to the controller's listener's stream. */
        static final class AgentSideListener implements TaskListener {
            private static final long serialVersionUID = 1L;
            private final transient PrintStream out;

            AgentSideListener(TaskListener controller) {
                PrintStream target = controller.getLogger();
                this.out = new PrintStream(new OutputStream() {
                    @Override
                    public void write(int b) {
                        target.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        target.write(b, off, len);
                    }

                    @Override
                    public void flush() {
                        target.flush();
                    }
                }, true, StandardCharsets.UTF_8);
            }

            @Override
            public PrintStream getLogger() {
                return out;
            }
        }

        static byte[] serialize(Object o, boolean exportListeners) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
                {
                    enableReplaceObject(exportListeners);
                }

                @Override
                protected Object replaceObject(Object obj) {
                    if (obj instanceof TaskListener listener) {
                        int id = IDS.incrementAndGet();
                        EXPORTED.put(id, listener);
                        return new ListenerReference(id);
                    }
                    return obj;
                }
            }) {
                out.writeObject(o);
            }
            return bytes.toByteArray();
        }

        static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
                {
                    enableResolveObject(true);
                }

                @Override
                protected Object resolveObject(Object obj) {
                    if (obj instanceof ListenerReference ref) {
                        return new AgentSideListener(EXPORTED.get(ref.id()));
                    }
                    return obj;
                }
            }) {
                return in.readObject();
            }
        }

        @SuppressWarnings("unchecked")
        static <T> T roundTrip(T o) throws IOException, ClassNotFoundException {
            return (T) deserialize(serialize(o, true));
        }

        /** The serialized bytes with every Secret replaced by a marker: what travels outside Secret objects. */
        static byte[] bytesOutsideSecrets(Object o) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
                {
                    enableReplaceObject(true);
                }

                @Override
                protected Object replaceObject(Object obj) {
                    if (obj instanceof Secret) {
                        return "<a Secret>";
                    }
                    if (obj instanceof TaskListener) {
                        return "<a listener>";
                    }
                    return obj;
                }
            }) {
                out.writeObject(o);
            }
            return bytes.toByteArray();
        }

        static boolean contains(byte[] haystack, String needle) {
            // Java serialization writes strings as modified UTF-8; for the ASCII/UTF-8 test secrets that is UTF-8.
            return new String(haystack, StandardCharsets.ISO_8859_1).contains(
                    new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }

        // ---- the walk ----

        /** What a walk of a graph found. */
        static final class Walk {
            final List<String> problems = new ArrayList<>();
            final List<String> secretPaths = new ArrayList<>();
            final List<String> listenerPaths = new ArrayList<>();
            final List<String> classes = new ArrayList<>();
        }

        /**
         * Walks the non-static, non-transient fields (what Java serialization carries), through arrays, collections and maps.
         * Problems: an object of a controller-only type; a String holding one of the secrets outside a Secret.
         */
        static Walk walk(Object root, Collection<String> secrets) {
            Walk w = new Walk();
            walk(root, root.getClass().getSimpleName(), secrets, w, new IdentityHashMap<>());
            return w;
        }

        private static void walk(Object o, String path, Collection<String> secrets, Walk w, Map<Object, Boolean> seen) {
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                return;
            }
            Class<?> c = o.getClass();
            String forbidden = controllerOnlyType(c);
            if (forbidden != null) {
                w.problems.add(path + " is a " + c.getName() + ", a " + forbidden + ": controller-only, it must not go to the agent");
                return;
            }
            if (o instanceof String s) {
                for (String secret : secrets) {
                    if (s.contains(secret)) {
                        w.problems.add(path + " is a plain String holding a secret; it must stay a hudson.util.Secret until used");
                    }
                }
                return;
            }
            if (o instanceof Secret) {
                w.secretPaths.add(path);
                return;
            }
            if (o instanceof TaskListener) {
                w.listenerPaths.add(path);
                return;
            }
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        walk(Array.get(o, i), path + "[" + i + "]", secrets, w, seen);
                    }
                } else if (c.getComponentType() == char.class || c.getComponentType() == byte.class) {
                    String text = c.getComponentType() == char.class ? new String((char[]) o) : new String((byte[]) o, StandardCharsets.UTF_8);
                    for (String secret : secrets) {
                        if (text.contains(secret)) {
                            w.problems.add(path + " is a " + c.getSimpleName() + " holding a secret outside a Secret");
                        }
                    }
                }
                return;
            }
            if (o instanceof Map<?, ?> m) {
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    walk(e.getKey(), path + "{key " + i + "}", secrets, w, seen);
                    walk(e.getValue(), path + "{" + e.getKey() + "}", secrets, w, seen);
                    i++;
                }
                return;
            }
            if (o instanceof Collection<?> col) {
                int i = 0;
                for (Object e : col) {
                    walk(e, path + "[" + i++ + "]", secrets, w, seen);
                }
                return;
            }
            if (c.getName().startsWith("java.") || c.getName().startsWith("javax.") || c.isEnum()) {
                return; // JDK values (numbers, Duration, ...): they hold none of ours
            }
            if (!(o instanceof Serializable)) {
                w.problems.add(path + " is a " + c.getName() + ", which is not Serializable");
                return;
            }
            w.classes.add(c.getName());
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod)) {
                        continue;
                    }
                    String declared = controllerOnlyType(f.getType());
                    if (declared != null) {
                        // Caught even while null: the declared type says what the field is for.
                        w.problems.add(path + "." + f.getName() + " is declared " + f.getType().getName() + ", a " + declared
                                + ": controller-only, it must not go to the agent");
                        continue;
                    }
                    f.setAccessible(true);
                    try {
                        walk(f.get(o), path + "." + f.getName(), secrets, w, seen);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }

        /** The controller-only type this class is or extends, or null. */
        static String controllerOnlyType(Class<?> c) {
            List<Class<?>> todo = new ArrayList<>(List.of(c));
            while (!todo.isEmpty()) {
                Class<?> k = todo.remove(todo.size() - 1);
                if (CONTROLLER_ONLY.contains(k.getName())) {
                    return k.getName();
                }
                if (k.getSuperclass() != null) {
                    todo.add(k.getSuperclass());
                }
                todo.addAll(List.of(k.getInterfaces()));
            }
            return null;
        }

        // ---- a channel that hops ----

        /**
         * A {@link VirtualChannel} whose "agent" is this JVM on the far side of Java serialization: the callable is walked,
         * serialized, read back and called; its result or exception comes back the same way.
         */
        static final class SerializingChannel implements VirtualChannel {
            final List<String> callables = new ArrayList<>();
            final List<String> problems = new ArrayList<>();
            final Collection<String> secrets;
            int secretsCarried;

            SerializingChannel(Collection<String> secrets) {
                this.secrets = secrets;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
                callables.add(callable.getClass().getSimpleName());
                Walk out = walk(callable, secrets);
                problems.addAll(out.problems);
                secretsCarried += out.secretPaths.size();
                for (String secret : secrets) {
                    if (contains(bytesOutsideSecrets(callable), secret)) {
                        problems.add(callable.getClass().getSimpleName() + ": a secret is in the serialized bytes outside a Secret");
                    }
                }
                Callable<V, T> onAgent;
                try {
                    onAgent = (Callable<V, T>) roundTrip(callable);
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
                Object result;
                try {
                    result = onAgent.call();
                } catch (Throwable t) {
                    throw (T) back(t);
                }
                Object back = back(result);
                if (back != null) {
                    problems.addAll(walk(back, secrets).problems);
                }
                return (V) back;
            }

            private Object back(Object o) throws IOException {
                if (o == null) {
                    return null;
                }
                try {
                    return deserialize(serialize(o, false));
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
            }

            @Override
            public void close() {
            }
        }
    }
}
