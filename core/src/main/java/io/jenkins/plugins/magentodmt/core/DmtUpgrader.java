package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upgrades magento/data-migration-tool on one host, as Magento documents it: the version must match Magento; the
 * tool's directory (the team's custom code) is backed up first; Composer runs as the file system owner. From the
 * first change on, the host ends fully upgraded or fully restored: the host-side transaction decides, by itself.
 */
public final class DmtUpgrader {
    static final Duration QUICK = Duration.ofMinutes(3);

    private final RemoteHost host;
    private final ProgressListener progress;
    private final Phases phases;
    private Duration reconnectWithin = Duration.ofSeconds(60);

    public DmtUpgrader(RemoteHost host, ProgressListener progress) {
        this.host = host;
        this.progress = progress;
        this.phases = new Phases(progress);
    }

    /**
     * How long to keep trying to reconnect (a few tries, with the same credentials and host key) when the connection
     * drops while the host-side transaction runs; 60 s unless set. After that the report says INTERRUPTED.
     */
    public DmtUpgrader reconnectWithin(Duration window) {
        this.reconnectWithin = window;
        return this;
    }

    /** Reads the versions and says whether the installed tool matches Magento. Changes nothing. */
    public UpgradeReport check(UpgradeRequest req) throws DmtException, IOException, InterruptedException {
        UpgradeReport report = newReport(req);
        Preflight.HostState s = phases.run(Phase.PREFLIGHT, report, () -> Preflight.run(host, req, false, false, false, QUICK));
        describe(report, s);
        String installed = s.installedDmt();
        boolean matches = DmtVersion.isRelease(installed) && DmtVersion.parse(installed).matches(s.magento());
        report.status = matches ? UpgradeStatus.MATCHED : UpgradeStatus.MISMATCHED;
        report.message = installed.isEmpty()
                ? "The Data Migration Tool is not installed; Magento " + s.magento() + " needs " + s.magento().base() + "[.N]."
                : "Data Migration Tool " + installed + (matches ? " matches" : " does not match") + " Magento " + s.magento() + ".";
        return report;
    }

    /** The whole upgrade; see {@link #prepare} and {@link #commit} to archive the backup in between. */
    public UpgradeReport upgrade(UpgradeRequest req) throws DmtException, IOException, InterruptedException {
        PreparedUpgrade prepared = prepare(req);
        return prepared.isFinished() ? prepared.report() : commit(prepared);
    }

    /** Checks, chooses the version, locks, backs up and downloads the backup. Nothing in the root has changed yet. */
    public PreparedUpgrade prepare(UpgradeRequest req) throws DmtException, IOException, InterruptedException {
        UpgradeReport report = newReport(req);
        boolean list = req.version().isEmpty();
        // A dry run applies every rule a real run would; Composer's start is only paid here when Composer runs anyway.
        boolean checkComposer = list || req.dryRun();
        Preflight.HostState s = phases.run(Phase.PREFLIGHT, report, () -> preflightAndRepair(req, report, list, checkComposer));
        if (report.status == UpgradeStatus.FAILED_NOT_RESTORED) {
            return new PreparedUpgrade(req, s, "", Map.of(), ownerCommand(s), report, true);
        }
        describe(report, s);
        BackupSecrets.describe(s.facts(), req, report, progress);
        progress.info("Install mode: " + (report.devPackages ? "with dev packages" : "without dev packages (--update-no-dev)")
                + (s.facts().is("installed_dev", "unknown") ? ", Composer's default (vendor/composer/installed.json does not say)"
                        : ", as vendor/composer/installed.json says"));
        report.availableVersions.addAll(VersionRule.releases(s.available()).stream().map(DmtVersion::toString).toList());
        MagentoCli.before(s, req, report, progress);
        DmtVersion target = phases.run(Phase.RESOLVE, report, () -> {
            DmtVersion chosen = VersionRule.target(s.magento(), req.version(), s.available());
            report.targetVersion = chosen.toString();
            if (!chosen.toString().equals(s.installedDmt())) {
                ComposerAsk.decide(ComposerAsk.verdict(host, req, s, chosen.toString(), QUICK), report, s.owner(), progress);
            }
            return chosen;
        });
        Map<String, String> params = ownerParams(host.describe(), req, s, target);
        MagentoCli.params(params, report, req);
        String ownerCommand = ownerCommand(s);
        if (target.toString().equals(s.installedDmt())) {
            report.status = UpgradeStatus.ALREADY_CURRENT;
            report.newVersion = s.installedDmt();
            report.message = "Data Migration Tool " + target + " is already installed for Magento " + s.magento() + ". Nothing to do.";
            return new PreparedUpgrade(req, s, target.toString(), params, ownerCommand, report, true);
        }
        if (req.dryRun()) {
            report.status = UpgradeStatus.DRY_RUN;
            report.newVersion = report.previousVersion;
            report.message = "Dry run: would back up " + req.magentoRoot() + "/vendor/magento/data-migration-tool and run, as "
                    + s.owner() + ", composer require magento/data-migration-tool:" + target + (report.devPackages ? "" : " --update-no-dev")
                    + " (now "
                    + (s.installedDmt().isEmpty() ? "not installed" : s.installedDmt()) + "). Composer, asked first with --dry-run, "
                    + report.composerVerdict + (report.composerOperations.isEmpty() ? "" : ": " + String.join("; ", report.composerOperations))
                    + "." + (req.compileAfterUpgrade() ? " Then bin/magento setup:di:compile." : "") + " Nothing was changed.";
            report.compileNeeded = "production".equals(report.mageMode) && !req.compileAfterUpgrade();
            if (report.compileNeeded) {
                report.message += " MAGE_MODE is production: after the upgrade bin/magento setup:di:compile is needed (the compile option runs it).";
            }
            return new PreparedUpgrade(req, s, target.toString(), params, ownerCommand, report, true);
        }
        PreparedUpgrade prepared = new PreparedUpgrade(req, s, target.toString(), params, ownerCommand, report, false);
        HostFacts taken = phases.run(Phase.BACKUP, report, () -> {
            // Checked once the phase has begun, so that a listener deciding when to interrupt sees BACKUP first: an
            // interrupt that came while nothing was locked stops here, since prepare.sh, once sent, takes the lock.
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before the lock was taken; nothing was locked or changed");
            }
            return lockAndBackUp(prepared);
        });
        try {
            // An interrupt held back until the backup was written (prepare.sh is not to be cut off mid-way) lands here.
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted after the backup");
            }
            phases.run(Phase.DOWNLOAD, report, () -> download(prepared, taken));
            // The last moment to give up without a change: a pending interrupt abandons instead of committing.
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before the upgrade started");
            }
        } catch (InterruptedException e) {
            boolean released = abandonQuietly(prepared);
            // The exception carries the interrupt now; a second one that came during the release is in it too.
            Thread.interrupted();
            UpgradeAbandonedException abandoned = new UpgradeAbandonedException(released);
            abandoned.initCause(e);
            throw abandoned;
        } catch (IOException | RuntimeException e) {
            abandonQuietly(prepared);
            throw e;
        }
        return prepared;
    }

    /** exec: the script's shell is the process the SSH server stops when the channel closes, not a wrapper of it. */
    static String ownerCommand(Preflight.HostState s) {
        return s.switchUser() ? "exec sudo -n -H -u " + Shell.quote(s.owner()) + " -- sh -s" : "exec sh -s";
    }

    /**
     * The preflight, and when it finds a lock whose run it cannot see alive, the repair of what that run left
     * (then the preflight again: the repair may have changed the root back). A dry run only reports the lock.
     */
    private Preflight.HostState preflightAndRepair(UpgradeRequest req, UpgradeReport report, boolean list, boolean checkComposer)
            throws DmtException, IOException, InterruptedException {
        // The facts first, the rules for a change after the repair: a half-written root breaks them until it is restored.
        Preflight.HostState s = Preflight.run(host, req, list, false, true, checkComposer, QUICK);
        if (!req.dryRun() && Recovery.worthAsking(s)) {
            Recovery.Outcome o = Recovery.run(host, req, s, report, progress);
            if (o == Recovery.Outcome.FAILED) {
                describe(report, s);
                report.status = UpgradeStatus.FAILED_NOT_RESTORED;
                report.newVersion = "";
                report.message = "An earlier run died on the host and left " + req.magentoRoot() + " half-written; repairing it failed: "
                        + String.join("; ", report.recovery) + ". Nothing else was done.";
                return s;
            }
            if (o == Recovery.Outcome.REPAIRED) {
                s = Preflight.run(host, req, list, false, true, checkComposer, QUICK);
            }
        }
        // The rules for a change, the lock among them, once the repair had its say.
        return Preflight.interpret(s.facts(), req, list, true);
    }

    private HostFacts lockAndBackUp(PreparedUpgrade p) throws DmtException, IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = host.execute(p.ownerCommand, HostScripts.script(p.params, p.request.composerAuth(), BackupSecrets.passphrase(p.request),
                HostScripts.load("prepare.sh")), out, err, p.request.timeout());
        HostFacts f = HostFacts.parse(out.toByteArray());
        if (f.has("broke_lock")) {
            progress.warning("Broke the lock held by '" + f.get("broke_lock") + "', as asked.");
            p.report.warnings.add("broke the lock held by " + f.get("broke_lock"));
        }
        if (exit != 0 || !f.is("prepared", "yes")) {
            String why = f.is("error", "locked") ? "another run took the lock first ('" + f.get("lock_holder") + "' since "
                    + f.get("lock_since") + ")" : f.get("error").isEmpty() ? err.toString(StandardCharsets.UTF_8).strip() : f.get("error");
            throw DmtException.preflight("Could not lock and back up " + p.request.magentoRoot() + ": " + why + ". Nothing was changed.");
        }
        UpgradeReport r = p.report;
        r.customizationsKnown = f.is("customizations", "known");
        r.addedFiles.addAll(f.all("custom_added"));
        r.modifiedFiles.addAll(f.all("custom_modified"));
        r.removedFiles.addAll(f.all("custom_removed"));
        if (r.customizationsKnown) {
            progress.info("Customizations: " + r.addedFiles.size() + " added, " + r.modifiedFiles.size() + " modified, "
                    + r.removedFiles.size() + " removed (pristine package from " + f.get("pristine_source") + ")");
        }
        if (!f.get("customizations_error").isEmpty()) {
            r.warnings.add("customizations unknown: " + f.get("customizations_error"));
            progress.warning("Cannot list customizations: " + f.get("customizations_error"));
        }
        if (!f.get("full_backup").isEmpty()) {
            progress.info("bin/magento setup:backup: " + f.get("full_backup"));
        }
        return f;
    }

    private Void download(PreparedUpgrade p, HostFacts taken) throws IOException, InterruptedException {
        UpgradeReport r = p.report;
        Path target = p.request.backupDir().resolve(BackupSecrets.archivedName(p.params));
        BackupDownload.Downloaded d = BackupDownload.fetch(host, p.ownerCommand,
                HostScripts.script(p.params, null, HostScripts.load("stream.sh")), target, p.request.timeout());
        if (!d.sha256().equals(taken.get("backup_sha256"))) {
            Files.deleteIfExists(target);
            throw new IOException("the backup arrived damaged: SHA-256 " + d.sha256() + " here, " + taken.get("backup_sha256") + " on the host");
        }
        r.backupFile = d.file().toString();
        r.backupSha256 = d.sha256();
        r.backupBytes = d.bytes();
        BackupSecrets.downloaded(p.params, r, progress);
        progress.info("Backup " + d.file() + " (" + d.bytes() + " bytes, " + taken.get("backup_files") + " files, SHA-256 " + d.sha256() + ")");
        if (r.customizationsKnown) {
            Path list = p.request.backupDir().resolve(p.params.get("DMT_BACKUP_NAME").replace("dmt-backup-", "dmt-customizations-")
                    .replace(".tar.gz", ".txt"));
            Files.writeString(list, Customizations.describe(p.request.magentoRoot(), p.state.installedDmt(), r), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            r.customizationsFile = list.toString();
        }
        return null;
    }

    /** Runs the host-side transaction and reports its outcome: upgraded, or restored to the backup's bytes. */
    public UpgradeReport commit(PreparedUpgrade p) throws DmtException, IOException, InterruptedException {
        if (p.finished) {
            throw new IllegalStateException("nothing to commit: " + p.report.status);
        }
        StartedUpgrade started = p.transaction();
        return finish(started, new Transaction(host, progress, started, p.request.composerAuth(), reconnectWithin)::run);
    }

    /**
     * Attaches to a host-side transaction started earlier, by this process or another one that is gone (a Jenkins
     * controller that restarted), follows it to its end and reports its outcome, as {@link #commit} would have. A
     * transaction that already finished is reported from its result on the host; one that never started is released.
     */
    public UpgradeReport follow(StartedUpgrade started) throws DmtException, IOException, InterruptedException {
        return finish(started, new Transaction(host, progress, started, null, reconnectWithin)::follow);
    }

    /**
     * Starts the transaction of an upgrade prepared earlier, perhaps by another process or over another connection
     * (the host's lock is the state between the two): the Composer credentials are given again, since a
     * {@link StartedUpgrade} holds none.
     */
    public UpgradeReport commit(StartedUpgrade started, SecretText composerAuth) throws DmtException, IOException, InterruptedException {
        return finish(started, new Transaction(host, progress, started, composerAuth, reconnectWithin)::run);
    }

    /**
     * Asks the host to stop a started upgrade and restore the backup, waits (bounded) for it, and reports what the host
     * did: over any connection, so that a second call can stop what the first started (an abort in Jenkins).
     */
    public UpgradeReport cancel(StartedUpgrade started) throws DmtException, IOException, InterruptedException {
        Transaction t = new Transaction(host, progress, started, null, reconnectWithin);
        return finish(started, t::stop);
    }

    /** Gives up a prepared upgrade named by its {@link StartedUpgrade}: releases the lock; nothing had changed. */
    public void abandon(StartedUpgrade started) throws IOException, InterruptedException {
        host.execute(started.ownerCommand, HostScripts.script(started.params, null, HostScripts.load("release.sh")),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), QUICK);
    }

    private UpgradeReport finish(StartedUpgrade p, Phases.Work<HostFacts> transaction)
            throws DmtException, IOException, InterruptedException {
        // Copied before anyone else can hold it: a stop beside this run (Jenkins) settles the original report, and
        // this run, interrupted, its own copy.
        StartedUpgrade own = SerialCopy.of(p);
        long start = System.nanoTime();
        HostFacts result;
        try {
            result = phases.run(Phase.UPGRADE, p.report, transaction);
        } catch (UpgradeInterruptedException e) {
            if (e.hostResult == null) {
                throw e;
            }
            // The host said what it did: the report says it too, checked like any outcome, and goes with the exception
            // (whose type tells a caller that it was interrupted: a Jenkins abort, a Ctrl-C).
            own.report.phaseMillis.put(Phase.UPGRADE.name(), Duration.ofNanos(System.nanoTime() - start).toMillis());
            throw e.withReport(settle(own, e.hostResult));
        }
        return settle(p, result);
    }

    private UpgradeReport settle(StartedUpgrade p, HostFacts result) throws DmtException, IOException, InterruptedException {
        UpgradeReport r = p.report;
        phases.run(Phase.VERIFY, r, () -> {
            Transaction.apply(result, p);
            MagentoCli.after(result, r, progress);
            return null;
        });
        phases.run(Phase.FINISH, r, () -> {
            if (r.status == UpgradeStatus.FAILED_NOT_RESTORED) {
                r.restoreInstructions = Customizations.restoreInstructions(p);
            }
            return null;
        });
        return r;
    }

    /** Gives up a prepared upgrade: releases the lock and the host's copy of the backup. Nothing had changed. */
    public void abandon(PreparedUpgrade p) throws IOException, InterruptedException {
        if (!p.finished) {
            host.execute(p.ownerCommand, HostScripts.script(p.params, null, HostScripts.load("release.sh")),
                    new ByteArrayOutputStream(), new ByteArrayOutputStream(), QUICK);
        }
    }

    /** Releases the lock after a failure or an interrupt before any change, and says whether it did. */
    private boolean abandonQuietly(PreparedUpgrade p) {
        return LockRelease.quietly(host, progress, p, QUICK);
    }

    private UpgradeReport newReport(UpgradeRequest req) {
        UpgradeReport r = new UpgradeReport();
        r.host = host.describe();
        r.magentoRoot = req.magentoRoot();
        return r;
    }

    private void describe(UpgradeReport r, Preflight.HostState s) {
        r.magentoVersion = s.magento().toString();
        r.previousVersion = s.installedDmt();
        r.newVersion = s.installedDmt();
        r.owner = s.owner();
        r.devPackages = !s.facts().is("installed_dev", "no");
        Map<String, String> previous = s.facts().withPrefix("previous_");
        if (!previous.isEmpty()) {
            r.previousRun.putAll(previous);
            String w = "An earlier run (" + previous.getOrDefault("holder", "?") + ", finished " + previous.getOrDefault("finished", "?")
                    + ") ended unseen with " + previous.getOrDefault("status", "?") + ": " + previous.getOrDefault("message", "");
            r.warnings.add(w);
            progress.warning(w);
        }
    }

    private static Map<String, String> ownerParams(String host, UpgradeRequest req, Preflight.HostState s, DmtVersion target) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("DMT_ROOT", req.magentoRoot());
        p.put("DMT_STATE", req.stateDir());
        p.put("DMT_OWNER", s.owner());
        p.put("DMT_COMPOSER", req.composerCommand());
        p.put("DMT_ALLOW_ROOT", req.allowRoot() ? "yes" : "no");
        p.put("DMT_HOLDER", req.holder());
        long now = s.facts().number("now") > 0 ? s.facts().number("now") : System.currentTimeMillis() / 1000;
        p.put("DMT_EXPIRES", Long.toString(now + req.timeout().toSeconds() + 600));
        p.put("DMT_BREAK_LOCK", req.breakLock() ? "yes" : "no");
        p.put("DMT_BACKUP_NAME", BackupName.of(host, req.magentoRoot(), s.installedDmt(), Instant.now()));
        p.put("DMT_INSTALLED", s.installedDmt());
        // Where the installed release's archive sits in Composer's cache: the fast way to the pristine package.
        p.put("DMT_DIST_URL", s.facts().get("dmt_dist_url"));
        p.put("DMT_DIST_SHASUM", s.facts().get("dmt_dist_shasum"));
        p.put("DMT_DIST_TYPE", s.facts().get("dmt_dist_type"));
        p.put("DMT_TARGET", target.toString());
        p.put("DMT_NO_DEV", s.facts().is("installed_dev", "no") ? "yes" : "no");
        p.put("DMT_KEEP_CUSTOM", req.keepCustomFiles() ? "yes" : "no");
        p.put("DMT_FULL_BACKUP", req.fullBackup() ? "yes" : "no");
        p.put("DMT_TIMEOUT", Long.toString(req.timeout().toSeconds()));
        p.put("DMT_CHECK_COMPOSER", s.facts().has("composer_version") ? "yes" : "no");
        BackupSecrets.params(p, req);
        return p;
    }
}
