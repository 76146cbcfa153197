package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;

/** Tests of real parts skip loudly on a developer machine without them, and fail on CI, where they must be there. */
final class Prerequisites {
    private Prerequisites() {
    }

    static void require(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                missing(tool + " is not installed (apt-get install php-cli composer unzip php-zip php-curl openssh-server sudo busybox)");
            }
        }
    }

    static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must have every prerequisite: " + why);
        }
        System.err.println("\n*** SKIPPED: " + why + " ***\n");
        abort(why);
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
