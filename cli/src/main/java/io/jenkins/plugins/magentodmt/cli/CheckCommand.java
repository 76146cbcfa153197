package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import java.io.IOException;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Reads the Magento and Data Migration Tool versions and says whether they match (exit 3 when not). Changes nothing.")
final class CheckCommand extends EngineCommand {
    @Override
    UpgradeRequest request() throws DmtException {
        return UpgradeRequest.builder(magentoRoot).build();
    }

    @Override
    UpgradeReport run(DmtUpgrader upgrader, UpgradeRequest request) throws DmtException, IOException, InterruptedException {
        return upgrader.check(request);
    }
}
