package io.jenkins.plugins.magentodmt.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code key=value} lines a host script prints; a key may repeat (one line per file, say). */
public final class HostFacts {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static HostFacts parse(String output) {
        HostFacts facts = new HostFacts();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-z0-9_:./]+")) {
                facts.values.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
            }
        }
        return facts;
    }

    public static HostFacts parse(byte[] output) {
        return parse(new String(output, StandardCharsets.UTF_8));
    }

    /** The last value of {@code key}, or "" when absent. */
    public String get(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? "" : v.get(v.size() - 1);
    }

    public List<String> all(String key) {
        return values.getOrDefault(key, List.of()).stream().filter(s -> !s.isEmpty()).toList();
    }

    public boolean is(String key, String value) {
        return value.equals(get(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public long number(String key) {
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every {@code prefix…} key with the prefix taken off, for nested reports such as the previous run's result. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && !v.isEmpty()) {
                out.put(k.substring(prefix.length()), v.get(v.size() - 1));
            }
        });
        return out;
    }
}
