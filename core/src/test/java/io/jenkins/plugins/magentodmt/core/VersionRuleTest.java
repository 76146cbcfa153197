package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRuleTest {

    @ParameterizedTest
    @CsvSource({
        "2.4.7-p3, 2.4.7, p3",
        "2.4.7, 2.4.7, ''",
        "2.4.8-beta1, 2.4.8, beta1",
        "2.4.7.0-patch3, 2.4.7, p3",
        "2.4.9-alpha2, 2.4.9, alpha2",
        "2.3.7-p4, 2.3.7, p4"})
    void parsesMagentoVersions(String text, String base, String suffix) {
        MagentoVersion v = MagentoVersion.parse(text);
        assertEquals(base, v.base());
        assertEquals(suffix, v.suffix());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2.4", "2.4.7-pX", "latest", "2.4.7 -p3", "dev-2.4-develop"})
    void rejectsWhatIsNotAMagentoVersion(String text) {
        assertThrows(IllegalArgumentException.class, () -> MagentoVersion.parse(text));
    }

    @Test
    void readsBinMagentoOutput() {
        assertEquals("2.4.7-p3", MagentoVersion.fromCliOutput("Magento CLI 2.4.7-p3").toString());
        assertEquals("2.2.5", MagentoVersion.fromCliOutput("Magento CLI version 2.2.5").toString());
        assertEquals("2.4.7", MagentoVersion.fromCliOutput("Mage-OS CLI 1.0.3 (based on Magento 2.4.7)").toString());
    }

    @Test
    void dmtReleasesHaveThreeOrFourNumbersAndNoPatchSuffix() {
        assertTrue(DmtVersion.isRelease("2.4.6"));
        assertTrue(DmtVersion.isRelease("2.4.6.1"));
        assertFalse(DmtVersion.isRelease("2.4.6-p1"));
        assertFalse(DmtVersion.isRelease("1.0.0-beta"));
        assertFalse(DmtVersion.isRelease("dev-develop"));
        assertFalse(DmtVersion.isRelease("v2.4.6"));
        assertEquals("2.4.6", DmtVersion.parse("2.4.6.1").base());
    }

    @Test
    void matchesOnTheFirstThreeNumbers() {
        assertTrue(DmtVersion.parse("2.4.7").matches(MagentoVersion.parse("2.4.7-p3")));
        assertTrue(DmtVersion.parse("2.4.8.1").matches(MagentoVersion.parse("2.4.8-beta1")));
        assertTrue(DmtVersion.parse("2.4.6.1").matches(MagentoVersion.parse("2.4.6")));
        assertFalse(DmtVersion.parse("2.4.6.1").matches(MagentoVersion.parse("2.4.7-p3")));
        assertFalse(DmtVersion.parse("2.4.1").matches(MagentoVersion.parse("2.4.10")));
    }

    @Test
    void ordersHotfixReleasesAfterTheirBase() {
        assertTrue(DmtVersion.parse("2.4.6.1").compareTo(DmtVersion.parse("2.4.6")) > 0);
        assertTrue(DmtVersion.parse("2.4.10").compareTo(DmtVersion.parse("2.4.9.9")) > 0);
        assertEquals(DmtVersion.parse("2.4.6.1"), DmtVersion.parse("2.4.6.1"));
    }

    @Test
    void picksTheNewestMatchingRelease() throws DmtException {
        List<String> offered = List.of("2.4.8.1", "2.4.6.1", "2.4.6", "2.4.5", "1.0.0-beta", "dev-develop");
        assertEquals("2.4.6.1", VersionRule.target(MagentoVersion.parse("2.4.6-p3"), Optional.empty(), offered).toString());
        assertEquals("2.4.8.1", VersionRule.target(MagentoVersion.parse("2.4.8-p1"), Optional.empty(), offered).toString());
    }

    @Test
    void noMatchingReleaseListsWhatIsAvailable() {
        DmtException e = assertThrows(DmtException.class, () -> VersionRule.target(MagentoVersion.parse("2.4.7-p3"),
                Optional.empty(), List.of("2.4.8.1", "2.4.6.1")));
        assertEquals(DmtException.Kind.PREFLIGHT, e.kind());
        assertTrue(e.getMessage().contains("[2.4.6.1, 2.4.8.1]"), e.getMessage());
    }

    @Test
    void anExplicitVersionMustMatch() throws DmtException {
        MagentoVersion magento = MagentoVersion.parse("2.4.6-p3");
        assertEquals("2.4.6", VersionRule.target(magento, Optional.of(DmtVersion.parse("2.4.6")), List.of()).toString());
        DmtException e = assertThrows(DmtException.class,
                () -> VersionRule.target(magento, Optional.of(DmtVersion.parse("2.4.7")), List.of("2.4.7")));
        assertTrue(e.getMessage().contains("does not match Magento 2.4.6-p3"), e.getMessage());
    }
}
