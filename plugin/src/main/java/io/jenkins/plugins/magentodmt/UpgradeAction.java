package io.jenkins.plugins.magentodmt;

import hudson.model.Run;
import jenkins.model.RunAction2;

/** Shows, on the build's page, what a Magento DMT upgrade found and did, with a link to its backup artifact. */
public class UpgradeAction implements RunAction2 {
    private final UpgradeSummary summary;
    private final String urlName;
    private transient Run<?, ?> run;

    UpgradeAction(UpgradeSummary summary, int index) {
        this.summary = summary;
        this.urlName = index <= 1 ? "magento-dmt-upgrade" : "magento-dmt-upgrade-" + index;
    }

    public UpgradeSummary getSummary() {
        return summary;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return Messages.UpgradeAction_DisplayName() + " (" + summary.getHost() + ")";
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
