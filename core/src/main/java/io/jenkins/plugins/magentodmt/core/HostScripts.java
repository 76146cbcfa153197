package io.jenkins.plugins.magentodmt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Builds the shell scripts that run on the host. A script travels on the command's standard input ({@code sh -s}),
 * so the command line holds no value at all; the values become single-quoted assignments at its top.
 */
final class HostScripts {
    static final String RESULT_MARKER = "@@DMT-RESULT@@";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HostScripts() {
    }

    static String load(String name) {
        try (InputStream in = HostScripts.class.getResourceAsStream("script/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing host script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The assignments for {@code params}, each value single-quoted; names are ours, never the user's. */
    static String header(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("bad script parameter name " + e.getKey());
            }
            sb.append(e.getKey()).append('=').append(Shell.quote(e.getValue() == null ? "" : e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /** COMPOSER_AUTH from a quoted here-document: it is never expanded, never on a command line, never exported here. */
    static String composerAuth(SecretText auth) {
        return secret("COMPOSER_AUTH", auth);
    }

    /** A shell variable holding a secret, the same way as {@link #composerAuth}; "" when there is none. */
    static String secret(String name, SecretText value) {
        if (value == null) {
            return "";
        }
        String delimiter = uniqueDelimiter(value.reveal());
        return name + "=$(cat <<'" + delimiter + "'\n" + value.reveal() + "\n" + delimiter + "\n)\n";
    }

    /** A script that writes {@code content} to {@code pathExpression} (a shell word) without expanding it. */
    static String writeFile(String pathExpression, String content) {
        String delimiter = uniqueDelimiter(content);
        return "cat > " + pathExpression + " <<'" + delimiter + "'\n" + content + (content.endsWith("\n") ? "" : "\n")
                + delimiter + "\n";
    }

    private static String uniqueDelimiter(String content) {
        while (true) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            String delimiter = "__DMT_" + HexFormat.of().formatHex(bytes) + "__";
            if (!content.contains(delimiter)) {
                return delimiter;
            }
        }
    }

    static byte[] script(Map<String, String> params, SecretText auth, String... parts) {
        StringBuilder sb = new StringBuilder(header(params)).append(composerAuth(auth)).append(load("common.sh"));
        for (String part : parts) {
            sb.append('\n').append(part);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
