package io.jenkins.plugins.magentodmt.core;

import java.util.regex.Pattern;

/**
 * Validation and quoting of every user-supplied value that reaches a host's shell. A value that fails here never
 * reaches a shell: the caller gets a {@link DmtException} of kind BAD_INPUT and nothing runs.
 */
public final class Shell {
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    private static final Pattern COMMAND_WORD = Pattern.compile("[A-Za-z0-9_./:+=@%,-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]{2,45}]?");

    private Shell() {
    }

    /** POSIX single quoting: safe for any string without NUL. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in a shell value");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    public static String magentoRoot(String path) throws DmtException {
        if (path == null || path.isBlank()) {
            throw DmtException.badInput("The Magento root is required (the directory that holds composer.json and bin/magento).");
        }
        String p = path.trim();
        if (!p.startsWith("/")) {
            throw DmtException.badInput("The Magento root must be an absolute path, not '" + p + "'.");
        }
        if (hasControl(p)) {
            throw DmtException.badInput("The Magento root contains a control character.");
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw DmtException.badInput("The Magento root must be a plain absolute path without '.' or '..': '" + p + "'.");
            }
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    public static String user(String user, String what) throws DmtException {
        if (user == null || !USER.matcher(user).matches()) {
            throw DmtException.badInput(what + " '" + user + "' is not a valid user name (lower-case letters, digits, '_', '-', '.').");
        }
        return user;
    }

    /** A Composer command such as {@code composer} or {@code php8.2 /usr/local/bin/composer.phar}. */
    public static String composerCommand(String command) throws DmtException {
        String c = command == null || command.isBlank() ? "composer" : command.trim().replaceAll("\\s+", " ");
        for (String word : c.split(" ")) {
            if (!COMMAND_WORD.matcher(word).matches()) {
                throw DmtException.badInput("The Composer command '" + c + "' may only hold paths and words of letters, digits and ./:+=@%,- "
                        + "(for example 'composer' or 'php8.2 /usr/local/bin/composer.phar').");
            }
        }
        return c;
    }

    public static DmtVersion dmtVersion(String version) throws DmtException {
        try {
            return DmtVersion.parse(version == null ? "" : version.trim());
        } catch (IllegalArgumentException e) {
            throw DmtException.badInput(e.getMessage());
        }
    }

    public static String host(String host) throws DmtException {
        if (host == null || !HOST.matcher(host.trim()).matches()) {
            throw DmtException.badInput("'" + host + "' is not a host name or IP address.");
        }
        return host.trim();
    }

    public static int port(int port) throws DmtException {
        if (port < 1 || port > 65535) {
            throw DmtException.badInput("The SSH port must be between 1 and 65535, not " + port + ".");
        }
        return port;
    }

    /** Free text that goes into a lock file (who holds it): printable, one line. */
    public static String label(String text) throws DmtException {
        if (text == null || text.isBlank() || text.length() > 200 || hasControl(text)) {
            throw DmtException.badInput("The lock holder label must be one printable line of at most 200 characters.");
        }
        return text;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
    }
}
