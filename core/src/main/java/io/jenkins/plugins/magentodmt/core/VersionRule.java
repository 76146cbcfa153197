package io.jenkins.plugins.magentodmt.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Magento's rule: the tool's version must match the Magento version; picks the release to install. */
public final class VersionRule {
    private VersionRule() {
    }

    /**
     * The release to install: the explicit one when it matches, else the newest matching release offered.
     *
     * @throws DmtException (PREFLIGHT) when the explicit version does not match, or nothing offered matches
     */
    public static DmtVersion target(MagentoVersion magento, Optional<DmtVersion> explicit, Collection<String> offered)
            throws DmtException {
        if (explicit.isPresent()) {
            DmtVersion v = explicit.get();
            if (!v.matches(magento)) {
                throw DmtException.preflight("Data Migration Tool " + v + " does not match Magento " + magento
                        + ": the tool must be " + magento.base() + " or " + magento.base() + ".N. Nothing was changed.");
            }
            return v;
        }
        List<DmtVersion> releases = releases(offered);
        return releases.stream().filter(v -> v.matches(magento)).max(Comparator.naturalOrder())
                .orElseThrow(() -> DmtException.preflight("No Data Migration Tool release matches Magento " + magento
                        + " (none is " + magento.base() + " or " + magento.base() + ".N). Available: "
                        + (releases.isEmpty() ? "none" : releases.stream().map(DmtVersion::toString).toList())
                        + ". The tool is released after Magento, sometimes weeks later, and not for every version. Nothing was changed."));
    }

    /** The stable releases among Composer's versions, oldest first (dev branches and pre-releases dropped). */
    public static List<DmtVersion> releases(Collection<String> offered) {
        return offered.stream().map(String::trim).filter(DmtVersion::isRelease).map(DmtVersion::parse).sorted().distinct().toList();
    }
}
