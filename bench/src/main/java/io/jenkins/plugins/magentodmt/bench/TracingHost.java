package io.jenkins.plugins.magentodmt.bench;

import io.jenkins.plugins.magentodmt.core.RemoteHost;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For the profile only (never for the timed rounds): runs the engine's own host-side scripts under
 * {@code bash -x} with a microsecond timestamp on every traced command ({@code $EPOCHREALTIME}, no fork), so the
 * time of each exec can be split into the commands that spent it. Also times every exec round trip.
 */
final class TracingHost implements RemoteHost {
    private static final Pattern SH_S = Pattern.compile("(^|\\s)sh -s$");
    private static final Pattern TRACE = Pattern.compile("^\\++ (\\d+)\\.(\\d{6}) (.*)$");

    /** One exec: which script, its wall time from here, and its trace file on the (local) host. */
    record Exec(String script, long millis, Path trace) {
    }

    private final RemoteHost delegate;
    private final Path traceDir;
    final List<Exec> execs = new ArrayList<>();

    TracingHost(RemoteHost delegate, Path traceDir) throws IOException {
        this.delegate = delegate;
        this.traceDir = Files.createDirectories(traceDir);
    }

    @Override
    public int execute(String command, byte[] stdin, OutputStream stdout, OutputStream stderr, Duration timeout)
            throws IOException, InterruptedException {
        String script = new String(stdin, StandardCharsets.UTF_8);
        String name = script.contains("every fact the engine needs") ? "preflight.sh"
                : script.contains("Takes the lock") ? "prepare.sh"
                : script.contains("byte for byte") ? "stream.sh"
                : script.contains("starts the transaction") ? "launch.sh+follow.sh"
                : script.contains("gives up a prepared upgrade") ? "release.sh" : "other";
        Path trace = traceDir.resolve(execs.size() + "-" + name + ".trace");
        Matcher m = SH_S.matcher(command);
        String traced = m.find() ? m.replaceFirst("$1bash -s") : command;
        String prefix = "exec 9>>'" + trace + "'; BASH_XTRACEFD=9; PS4='+ ${EPOCHREALTIME} '; set -x\n";
        long start = System.nanoTime();
        int exit = delegate.execute(traced, (prefix + script).getBytes(StandardCharsets.UTF_8), stdout, stderr, timeout);
        execs.add(new Exec(name, (System.nanoTime() - start) / 1_000_000, trace));
        return exit;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /**
     * The commands of one trace that took longest, as "ms  command" (a command's time is the gap to the next traced
     * command; assignments of secrets are never shown).
     */
    static List<String> slowest(Path trace, int limit, boolean byProgram) throws IOException {
        if (!Files.exists(trace)) {
            return List.of("(no trace)");
        }
        List<long[]> stamps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
            Matcher m = TRACE.matcher(line);
            if (m.matches()) {
                stamps.add(new long[] {Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2))});
                String label = label(m.group(3));
                labels.add(byProgram ? program(label) : label);
            }
        }
        Map<String, Long> total = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (int i = 0; i + 1 < stamps.size(); i++) {
            long micros = Math.max(0, stamps.get(i + 1)[0] - stamps.get(i)[0]);
            total.merge(labels.get(i), micros, Long::sum);
            count.merge(labels.get(i), 1, Integer::sum);
        }
        long all = stamps.size() < 2 ? 0 : stamps.get(stamps.size() - 1)[0] - stamps.get(0)[0];
        List<String> out = new ArrayList<>();
        total.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> out.add(String.format(java.util.Locale.ROOT, "%7.1f ms  %s%s", e.getValue() / 1000.0,
                        byProgram ? count.get(e.getKey()) + "x " : "", e.getKey())));
        out.add(String.format(java.util.Locale.ROOT, "%7.1f ms  (first to last traced command, %d commands)", all / 1000.0,
                stamps.size()));
        return out;
    }

    /** The command's program: its first word after any assignments ("php", "composer", "tr", "printf"). */
    private static String program(String label) {
        for (String word : label.split(" ")) {
            if (!word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                return word.equals("exec") && label.contains(" composer ") ? "composer" : word;
            }
        }
        return "(assignment)";
    }

    private static String label(String command) {
        if (command.contains("COMPOSER_AUTH=") || command.contains("http-basic")) {
            return "COMPOSER_AUTH=<hidden>";
        }
        String c = command.replaceAll("\\s+", " ").strip();
        if (c.startsWith("php -d display_errors=stderr -r")) {
            return "php -r read_versions (composer.lock, installed.json)";
        }
        return c.length() > 90 ? c.substring(0, 87) + "..." : c;
    }
}
