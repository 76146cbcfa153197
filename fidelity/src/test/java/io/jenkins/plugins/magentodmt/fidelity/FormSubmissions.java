package io.jenkins.plugins.magentodmt.fidelity;

/**
 * The JSON a browser submits from the plugin's configuration forms, built the way Jenkins' {@code buildFormTree}
 * (hudson-behavior.js) builds it from the rendered {@code config.jelly}:
 * <ul>
 *   <li>{@code f:textbox}, {@code f:number} and the credentials {@code c:select}: the input's value, always a string
 *       ({@code ""} when left empty);</li>
 *   <li>{@code f:checkbox}: {@code true} or {@code false} (an unchecked box submits {@code false}, it is not left out);</li>
 *   <li>{@code f:dropdownDescriptorSelector field="hostKeyVerification"}: a nested object holding the chosen block's
 *       fields plus the {@code stapler-class} and {@code $class} hidden inputs of its {@code f:class-entry}; the blocks
 *       not chosen are {@code field-disabled} and submit nothing;</li>
 *   <li>the builder itself sits in the job's "Build Steps" hetero-list, which adds {@code stapler-class}, {@code $class}
 *       and {@code kind}; its {@code f:property field="upgrade"} nests the step's form as the object {@code upgrade}
 *       (an {@code f:rowSet} named after the field: no class entry, the field's type is the step), without the
 *       Pipeline-only {@code breakLock} and {@code failOnError}; the Snippet Generator sends the step with its
 *       {@code stapler-class} and {@code $class}.</li>
 * </ul>
 * Jenkins hands each object to {@code Descriptor.newInstance(req, json)}, that is {@code req.bindJSON(clazz, json)}.
 */
final class FormSubmissions {
    private FormSubmissions() {
    }

    static final String BUILDER = "io.jenkins.plugins.magentodmt.MagentoDmtUpgradeBuilder";
    static final String STEP = "io.jenkins.plugins.magentodmt.MagentoDmtUpgradeStep";
    static final String KNOWN_HOSTS = "io.jenkins.plugins.magentodmt.KnownHostsFileVerification";
    static final String MANUAL_KEY = "io.jenkins.plugins.magentodmt.ManuallyProvidedKeyVerification";
    static final String ACCEPT_ANY = "io.jenkins.plugins.magentodmt.AcceptAnyHostKeyVerification";
    static final String CONTROLLER_KEYS = "io.jenkins.plugins.magentodmt.ControllerHostKeysVerification";

    /** A public host key line, as {@code ssh-keyscan} prints it (not a secret). */
    static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    /**
     * MagentoDmtUpgradeBuilder/config.jelly with every field set by the user: values differ from the defaults, every
     * checkbox checked except failOnMismatch (default="true") which the user unchecked, whitespace a user may type,
     * and the "Manually provided key" block of ManuallyProvidedKeyVerification/config.jelly chosen in the dropdown.
     */
    static final String BUILDER_EVERY_FIELD = """
            {
              "upgrade": {
                "host": " magento.example.com ",
                "port": "2222",
                "credentialsId": "magento-ssh",
                "magentoRoot": "/var/www/magento2",
                "composerCredentialsId": "magento-repo-keys",
                "backupEncryptionCredentialsId": " dmt-backup-passphrase ",
                "hostKeyVerification": {
                  "key": "  %s  ",
                  "stapler-class": "%s",
                  "$class": "%s"
                },
                "version": " 2.4.7 ",
                "fileSystemOwner": "www-data",
                "composerCommand": "php -d memory_limit=-1 /usr/local/bin/composer",
                "timeoutMinutes": "90",
                "fullBackup": true,
                "keepCustomFiles": true,
                "compileAfterUpgrade": true,
                "dryRun": true,
                "checkOnly": true,
                "failOnMismatch": false,
                "allowRoot": true,
                "composerRepositoryHost": "mirror.example.com"
              },
              "stapler-class": "%s",
              "$class": "%s",
              "kind": "%s"
            }
            """.formatted(HOST_KEY, MANUAL_KEY, MANUAL_KEY, BUILDER, BUILDER, BUILDER);

    /**
     * MagentoDmtUpgradeBuilder/config.jelly as a new build step renders it, with only the three required fields
     * typed: the f:number/f:textbox defaults (22, 30, composer, repo.magento.com) prefilled, every checkbox at its
     * default (failOnMismatch default="true", the rest unchecked), the optional textboxes and c:select empty, and the
     * dropdown's first block, KnownHostsFileVerification/config.jelly, with its optional path left empty.
     */
    static final String BUILDER_AS_RENDERED = """
            {
              "upgrade": {
                "host": "magento.example.com",
                "port": "22",
                "credentialsId": "magento-ssh",
                "magentoRoot": "/var/www/magento2",
                "composerCredentialsId": "",
                "backupEncryptionCredentialsId": "",
                "hostKeyVerification": {
                  "path": "",
                  "stapler-class": "%s",
                  "$class": "%s"
                },
                "version": "",
                "fileSystemOwner": "",
                "composerCommand": "composer",
                "timeoutMinutes": "30",
                "fullBackup": false,
                "keepCustomFiles": false,
                "compileAfterUpgrade": false,
                "dryRun": false,
                "checkOnly": false,
                "failOnMismatch": true,
                "allowRoot": false,
                "composerRepositoryHost": "repo.magento.com"
              },
              "stapler-class": "%s",
              "$class": "%s",
              "kind": "%s"
            }
            """.formatted(KNOWN_HOSTS, KNOWN_HOSTS, BUILDER, BUILDER, BUILDER);

    /**
     * MagentoDmtUpgradeBuilder/config.jelly after the user blanked the prefilled composerCommand and
     * composerRepositoryHost textboxes (they fall back to the defaults), typed only spaces into the optional
     * textboxes, gave a known_hosts path, and chose "Accept any host key"
     * (AcceptAnyHostKeyVerification/config.jelly, which has only an f:description and so submits no field).
     */
    static final String BUILDER_BLANKED_FIELDS = """
            {
              "upgrade": {
                "host": "magento.example.com",
                "port": "22",
                "credentialsId": "magento-ssh",
                "magentoRoot": "/var/www/magento2",
                "composerCredentialsId": "  ",
                "backupEncryptionCredentialsId": "  ",
                "hostKeyVerification": {
                  "stapler-class": "%s",
                  "$class": "%s"
                },
                "version": "   ",
                "fileSystemOwner": " ",
                "composerCommand": "",
                "timeoutMinutes": "30",
                "fullBackup": false,
                "keepCustomFiles": false,
                "compileAfterUpgrade": false,
                "dryRun": false,
                "checkOnly": false,
                "failOnMismatch": true,
                "allowRoot": false,
                "composerRepositoryHost": "  "
              },
              "stapler-class": "%s",
              "$class": "%s",
              "kind": "%s"
            }
            """.formatted(ACCEPT_ANY, ACCEPT_ANY, BUILDER, BUILDER, BUILDER);

    /**
     * MagentoDmtUpgradeStep/config.jelly in the Snippet Generator with every field set, the known_hosts block of
     * KnownHostsFileVerification/config.jelly chosen with a path.
     */
    static final String STEP_EVERY_FIELD = """
            {
              "host": "magento.example.com",
              "port": "2200",
              "credentialsId": "magento-ssh",
              "magentoRoot": "/srv/magento",
              "composerCredentialsId": "magento-repo-keys",
              "backupEncryptionCredentialsId": " dmt-backup-passphrase ",
              "hostKeyVerification": {
                "path": " ~/.ssh/magento_known_hosts ",
                "stapler-class": "%s",
                "$class": "%s"
              },
              "version": "2.4.6-p3",
              "fileSystemOwner": "magento",
              "composerCommand": "composer2",
              "timeoutMinutes": "45",
              "fullBackup": true,
              "keepCustomFiles": false,
              "compileAfterUpgrade": false,
              "dryRun": true,
              "checkOnly": false,
              "failOnMismatch": false,
              "allowRoot": false,
              "breakLock": true,
              "failOnError": false,
              "composerRepositoryHost": "repo.example.org",
              "stapler-class": "%s",
              "$class": "%s"
            }
            """.formatted(KNOWN_HOSTS, KNOWN_HOSTS, STEP, STEP);

    /** MagentoDmtUpgradeStep/config.jelly in the Snippet Generator as rendered, only the required fields typed. */
    static final String STEP_AS_RENDERED = """
            {
              "host": "magento.example.com",
              "port": "22",
              "credentialsId": "magento-ssh",
              "magentoRoot": "/var/www/magento2",
              "composerCredentialsId": "",
              "backupEncryptionCredentialsId": "",
              "hostKeyVerification": {
                "path": "",
                "stapler-class": "%s",
                "$class": "%s"
              },
              "version": "",
              "fileSystemOwner": "",
              "composerCommand": "composer",
              "timeoutMinutes": "30",
              "fullBackup": false,
              "keepCustomFiles": false,
              "compileAfterUpgrade": false,
              "dryRun": false,
              "checkOnly": false,
              "failOnMismatch": true,
              "allowRoot": false,
              "breakLock": false,
              "failOnError": true,
              "composerRepositoryHost": "repo.magento.com",
              "stapler-class": "%s",
              "$class": "%s"
            }
            """.formatted(KNOWN_HOSTS, KNOWN_HOSTS, STEP, STEP);

    /** KnownHostsFileVerification/config.jelly alone: its one f:textbox, "path", filled. */
    static final String KNOWN_HOSTS_WITH_PATH = """
            {"path": " /etc/ssh/ssh_known_hosts ", "stapler-class": "%s", "$class": "%s"}
            """.formatted(KNOWN_HOSTS, KNOWN_HOSTS);

    /** KnownHostsFileVerification/config.jelly alone: "path" left empty (the agent's ~/.ssh/known_hosts). */
    static final String KNOWN_HOSTS_EMPTY = """
            {"path": "", "stapler-class": "%s", "$class": "%s"}
            """.formatted(KNOWN_HOSTS, KNOWN_HOSTS);

    /** ManuallyProvidedKeyVerification/config.jelly alone: its one f:textbox, "key", with a fingerprint. */
    static final String MANUAL_KEY_FINGERPRINT = """
            {"key": "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "stapler-class": "%s", "$class": "%s"}
            """.formatted(MANUAL_KEY, MANUAL_KEY);

    /** ControllerHostKeysVerification/config.jelly alone: an f:description only, so just the class entry. */
    static final String CONTROLLER_KEYS_ONLY = """
            {"stapler-class": "%s", "$class": "%s"}
            """.formatted(CONTROLLER_KEYS, CONTROLLER_KEYS);

    /** AcceptAnyHostKeyVerification/config.jelly alone: an f:description only, so just the class entry. */
    static final String ACCEPT_ANY_ONLY = """
            {"stapler-class": "%s", "$class": "%s"}
            """.formatted(ACCEPT_ANY, ACCEPT_ANY);
}
