package io.jenkins.plugins.magentodmt.core;

import java.util.Map;

/**
 * Magento decides last: what the preflight learnt of {@code php bin/magento --version} and of MAGE_MODE, what the
 * transaction must check after Composer (transaction.sh's magento_after), and what the report says about compiling.
 */
final class MagentoCli {
    private MagentoCli() {
    }

    /** Reads the preflight's facts into the report; refuses the compile option when bin/magento does not run now. */
    static void before(Preflight.HostState s, UpgradeRequest req, UpgradeReport r, ProgressListener progress) throws DmtException {
        HostFacts f = s.facts();
        boolean runs = f.is("magento_cli_before_exit", "0");
        r.magentoCliBefore = runs ? f.get("magento_cli_before") : "";
        r.mageMode = f.get("mage_mode");
        if (req.compileAfterUpgrade() && !runs) {
            throw DmtException.preflight("The compile option runs bin/magento setup:di:compile after the upgrade, but bin/magento "
                    + "does not run now: as " + s.owner() + ", 'php bin/magento --version' "
                    + (f.has("magento_cli_before_exit") ? "exited " + f.get("magento_cli_before_exit") + ": " + f.get("magento_cli_before_error")
                            : "could not be run (is there a bin/magento?)")
                    + ". Nothing was changed. Repair bin/magento first, or upgrade without the compile option.");
        }
        if (runs) {
            progress.info("bin/magento runs (" + r.magentoCliBefore + "): the upgrade checks that it still does afterwards");
        } else if (f.has("magento_cli_before_exit")) {
            progress.warning("php bin/magento --version does not run before the upgrade (exit " + f.get("magento_cli_before_exit")
                    + ": " + f.get("magento_cli_before_error") + "); the upgrade cannot check it afterwards");
        }
    }

    /** The transaction's parameters: the line bin/magento must still print, and whether to compile. */
    static void params(Map<String, String> p, UpgradeReport r, UpgradeRequest req) {
        p.put("DMT_MAGENTO_CLI", r.magentoCliBefore);
        p.put("DMT_COMPILE", req.compileAfterUpgrade() ? "yes" : "no");
    }

    /** After the transaction: what bin/magento said, whether it compiled, and whether a compile is still due. */
    static void after(HostFacts result, UpgradeReport r, ProgressListener progress) {
        r.magentoCliAfter = result.get("magento_cli_after");
        r.compiled = result.is("compiled", "yes");
        if (r.status == UpgradeStatus.UPGRADED && "production".equals(r.mageMode) && !r.compiled) {
            r.compileNeeded = true;
            String w = "app/etc/env.php says MAGE_MODE is production: run bin/magento setup:di:compile as " + r.owner
                    + " now (the tool's etc/di.xml is part of the compiled configuration), or upgrade with the compile option.";
            r.message = r.message + " " + w;
            r.warnings.add(w);
            progress.warning(w);
        }
    }
}
