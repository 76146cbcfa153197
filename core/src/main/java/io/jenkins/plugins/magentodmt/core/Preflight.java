package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The read-only look at the host: every fact in one round trip, then the rules that must hold before any change. */
final class Preflight {
    static final long MIN_FREE_KB = 10 * 1024;
    private static final String SHOW_MARKER = "@@COMPOSER-SHOW@@";

    /** What the host told us, interpreted. */
    record HostState(HostFacts facts, MagentoVersion magento, String installedDmt, String owner, boolean switchUser,
                     List<String> available) {
    }

    private Preflight() {
    }

    /**
     * @param checkComposer whether to run {@code composer --version} here; when not, an upgrade checks it while it
     *                      backs up (still before any change), which keeps a slow Composer start off the critical path
     */
    static HostState run(RemoteHost host, UpgradeRequest req, boolean listVersions, boolean forChange, boolean checkComposer,
                         Duration timeout) throws DmtException, IOException, InterruptedException {
        return run(host, req, listVersions, forChange, forChange, checkComposer, timeout);
    }

    /**
     * @param probeTools whether to check the owner's tools in this round trip; an upgrade does, even when it interprets
     *                   the facts for a change only after repairing what an earlier run left
     */
    static HostState run(RemoteHost host, UpgradeRequest req, boolean listVersions, boolean forChange, boolean probeTools,
                         boolean checkComposer, Duration timeout) throws DmtException, IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DMT_ROOT", req.magentoRoot());
        params.put("DMT_STATE", req.stateDir());
        params.put("DMT_OWNER", req.owner().orElse(""));
        params.put("DMT_COMPOSER", req.composerCommand());
        params.put("DMT_ALLOW_ROOT", req.allowRoot() ? "yes" : "no");
        params.put("DMT_LIST_VERSIONS", listVersions ? "yes" : "no");
        params.put("DMT_CHECK_COMPOSER", checkComposer ? "yes" : "no");
        // Only a change runs the owner's scripts: only then are their tools checked (as the owner, in this round trip).
        params.put("DMT_TOOLS_PROBE", !probeTools ? "" : (req.backupPassphrase() != null ? "DMT_ENCRYPT=yes\n" : "") + HostScripts.load("tools.sh"));
        // Which files of the backup hold credentials: names only, for the report and the log.
        params.put("DMT_SECRETS_PROBE", probeTools ? "yes" : "no");
        params.put("DMT_FULL_BACKUP", req.fullBackup() ? "yes" : "no");
        // Composer decides first: an upgrade whose target is given asks Composer now, alongside every other check.
        params.put("DMT_ASK_TARGET", probeTools ? req.version().map(DmtVersion::toString).orElse("") : "");
        params.put("DMT_ASK_MATCHING", probeTools && req.version().isEmpty() ? "yes" : "no");
        params.put("DMT_MAGENTO_PROBE", probeTools ? "yes" : "no");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = host.execute("exec sh -s", HostScripts.script(params, req.composerAuth(), HostScripts.load("ask.sh"), HostScripts.load("preflight.sh")),
                out, err, timeout);
        String text = out.toString(StandardCharsets.UTF_8);
        int marker = text.indexOf(SHOW_MARKER);
        HostFacts facts = HostFacts.parse(marker < 0 ? text
                : text.substring(0, marker) + "\navailable=" + String.join(",", composerShowVersions(text.substring(marker))) + "\n");
        if (exit != 0 || !facts.has("root_exists")) {
            throw DmtException.preflight("The host check failed on " + host.describe() + " (exit " + exit + "): "
                    + err.toString(StandardCharsets.UTF_8).strip() + ". Is /bin/sh a POSIX shell there?");
        }
        return interpret(facts, req, listVersions, forChange);
    }

    /** The "versions" of {@code composer show --all --format=json PACKAGE}, newest first as Composer lists them. */
    static List<String> composerShowVersions(String json) {
        Matcher list = Pattern.compile("\"versions\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
        List<String> versions = new ArrayList<>();
        if (list.find()) {
            Matcher item = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
            while (item.find()) {
                versions.add(item.group(1));
            }
        }
        return versions;
    }

    static HostState interpret(HostFacts f, UpgradeRequest req, boolean listVersions, boolean forChange) throws DmtException {
        String root = req.magentoRoot();
        if (!f.is("root_exists", "yes")) {
            throw DmtException.preflight("The Magento root " + root + " does not exist or " + f.get("ssh_user") + " cannot enter it.");
        }
        // First: without its tools the host's other answers cannot be trusted.
        List<String> missing = f.all("tool_missing");
        if (!missing.isEmpty()) {
            throw DmtException.preflight("The host lacks tools the upgrade uses (as the owner " + f.get("owner") + " unless said otherwise): "
                    + String.join("; ", missing) + ". Nothing was changed. Install them (GNU coreutils, findutils, tar with gzip, "
                    + "util-linux's setsid); the README's Prerequisites say what a host needs.");
        }
        if (!f.is("has:composer.json", "yes") || (!f.is("has:bin/magento", "yes") && !f.is("has:app/etc", "yes"))) {
            throw DmtException.preflight(root + " is not a Magento root: it needs composer.json and bin/magento or app/etc.");
        }
        if (f.get("php").isEmpty()) {
            throw DmtException.preflight("PHP is not installed on the host (or not on the PATH of " + f.get("ssh_user") + ").");
        }
        MagentoVersion magento = magentoVersion(f, root);
        String owner = f.get("owner");
        if (owner.isEmpty()) {
            throw DmtException.preflight("Cannot tell who owns " + root + "; give the file system owner explicitly.");
        }
        boolean switchUser = f.is("switch", "yes");
        if (forChange) {
            requireDmtUpgradeOnly(f, root);
            requireChangeable(f, req, owner, switchUser);
        }
        List<String> available = List.of();
        if (listVersions) {
            if (!f.get("available_error").isEmpty()) {
                throw DmtException.preflight("Cannot list the Data Migration Tool releases with Composer as " + owner + ": "
                        + f.get("available_error") + ". Check the Composer credentials for repo.magento.com (public/private key).");
            }
            available = List.of(f.get("available").split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return new HostState(f, magento, f.get("dmt"), owner, switchUser, available);
    }

    private static MagentoVersion magentoVersion(HostFacts f, String root) throws DmtException {
        try {
            if (!f.get("magento").isEmpty()) {
                return MagentoVersion.parse(f.get("magento"));
            }
            if (!f.get("magento_cli").isEmpty()) {
                return MagentoVersion.fromCliOutput(f.get("magento_cli"));
            }
        } catch (IllegalArgumentException e) {
            throw DmtException.preflight("Cannot read the Magento version of " + root + ": " + e.getMessage());
        }
        throw DmtException.preflight("Cannot tell the Magento version of " + root + ": composer.lock and vendor/composer/installed.json "
                + "name no magento/product-*-edition or magento/magento2-base package, and bin/magento --version said nothing usable.");
    }

    /**
     * {@code composer require} changes only the Data Migration Tool when Composer installs the rest from an up-to-date
     * lock into a vendor/ it installed itself; otherwise it resolves and rewrites the whole tree.
     */
    private static void requireDmtUpgradeOnly(HostFacts f, String root) throws DmtException {
        String notDmtOnly = " Composer would resolve and rewrite more than the Data Migration Tool, which is not a DMT upgrade."
                + " Nothing was changed.";
        if (!f.is("has:composer.lock", "yes")) {
            throw DmtException.preflight(root + "/composer.lock is missing:" + notDmtOnly
                    + " Install the site from its lock file first (composer install), or put its composer.lock back.");
        }
        if (f.is("lock_fresh", "unreadable")) {
            throw DmtException.preflight(root + "/composer.lock or " + root + "/composer.json is not valid JSON." + notDmtOnly);
        }
        if (f.is("lock_fresh", "no")) {
            throw DmtException.preflight(root + "/composer.lock is out of date with composer.json (content-hash "
                    + orNone(f.get("lock_content_hash")) + " in the lock, " + orNone(f.get("json_content_hash")) + " for composer.json):"
                    + notDmtOnly + " Bring them in line first ('composer validate' tells; 'composer update --lock' after review).");
        }
        if (!f.is("has:vendor/composer/installed.json", "yes")) {
            throw DmtException.preflight(root + "/vendor/composer/installed.json is missing: vendor/ was not installed by Composer 2."
                    + notDmtOnly + " Run composer install first.");
        }
    }

    private static String orNone(String hash) {
        return hash.isEmpty() ? "(none)" : hash;
    }

    private static void requireChangeable(HostFacts f, UpgradeRequest req, String owner, boolean switchUser) throws DmtException {
        String me = f.get("ssh_user");
        if (switchUser && !f.is("sudo", "ok")) {
            throw DmtException.preflight("The SSH user " + me + " is not the file system owner " + owner + " and cannot switch to it ("
                    + (f.is("sudo", "missing") ? "sudo is not installed" : "'sudo -n -u " + owner + "' is not allowed")
                    + "). Connect as " + owner + ", or add a sudoers rule such as '" + me + " ALL=(" + owner + ") NOPASSWD: ALL'.");
        }
        if (!f.is("tools", "checked")) {
            throw DmtException.preflight("Could not check, as " + owner + ", the tools the upgrade uses on the host. Nothing was changed.");
        }
        if ("root".equals(owner) && !req.allowRoot()) {
            throw DmtException.preflight("Composer would run as root (" + req.magentoRoot() + " is owned by root). Files it writes would "
                    + "belong to root. Give the real file system owner, or allow running as root explicitly.");
        }
        // Absent when the preflight left Composer out: prepare.sh checks it then, still before any change.
        if (f.has("composer_version")) {
            String composer = f.get("composer_version");
            if (composer.isEmpty()) {
                throw DmtException.preflight("Composer ('" + req.composerCommand() + "') does not run as " + owner + " on the host.");
            }
            if (!composerAtLeast(composer, 2, 2)) {
                throw DmtException.preflight("Composer " + composer + " is too old: Magento needs Composer 2.2 or newer.");
            }
        }
        if (!f.is("owner_writable", "yes")) {
            throw DmtException.preflight(owner + " cannot write to " + req.magentoRoot() + " and its vendor directory.");
        }
        long free = f.number("free_kb");
        long needed = Math.max(f.number("dmt_kb"), 0) + MIN_FREE_KB;
        if (free >= 0 && free < needed) {
            throw DmtException.preflight("Not enough disk space for the backup: " + free + " KB free in " + req.magentoRoot()
                    + "/var, " + needed + " KB needed.");
        }
        requireUnlocked(f, req);
    }

    private static void requireUnlocked(HostFacts f, UpgradeRequest req) throws DmtException {
        if (!f.has("lock_holder")) {
            return;
        }
        String who = "'" + f.get("lock_holder") + "' since " + f.get("lock_since");
        if (f.is("lock_alive", "yes")) {
            throw DmtException.preflight(stillRunning(req, who, f.get("lock_pid")));
        }
        // Gone, or unknown to the SSH user: prepare.sh looks again as the owner before it breaks anything.
        if (req.breakLock()) {
            return;
        }
        long expires = f.number("lock_expires");
        boolean stale = expires > 0 && f.number("now") > expires;
        throw DmtException.preflight((stale ? "A stale lock on " : "An upgrade lock on ") + req.magentoRoot() + " is held by " + who
                + (stale ? " and its run is over without having released it" : "")
                + ". Nothing was changed. If nobody is upgrading this root, run again with the break-lock option.");
    }

    /** The refusal for a lock whose upgrade still runs: a break-lock run never breaks it. */
    static String stillRunning(UpgradeRequest req, String who, String pid) {
        String running = "whose upgrade is still running on the host" + (pid.isEmpty() ? "" : " (pid " + pid + ")");
        return (req.breakLock() ? "Will not break the lock on " + req.magentoRoot() + ": it is held by " + who + ", " + running
                + ". Wait for that run to end, or stop it first."
                : "Another upgrade of " + req.magentoRoot() + " holds the lock: " + who + ", " + running + ".") + " Nothing was changed.";
    }

    static boolean composerAtLeast(String version, int major, int minor) {
        String[] p = version.split("\\.");
        try {
            int ma = Integer.parseInt(p[0]);
            int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
