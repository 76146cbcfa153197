package io.jenkins.plugins.magentodmt.core;

/** Builds the {@code COMPOSER_AUTH} JSON that Composer reads for repo.magento.com's public/private access keys. */
public final class ComposerAuth {
    public static final String REPO_MAGENTO = "repo.magento.com";

    private ComposerAuth() {
    }

    public static SecretText httpBasic(String repositoryHost, String publicKey, SecretText privateKey) {
        return SecretText.of("{\"http-basic\":{" + Json.string(repositoryHost) + ":{\"username\":" + Json.string(publicKey)
                + ",\"password\":" + Json.string(privateKey.reveal()) + "}}}");
    }

    /** Checks a COMPOSER_AUTH value given whole (from an environment variable, say) without echoing it. */
    public static SecretText fromJson(String json) throws DmtException {
        String t = json == null ? "" : json.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw DmtException.badInput("The Composer credentials must be COMPOSER_AUTH JSON, such as "
                    + "{\"http-basic\":{\"repo.magento.com\":{\"username\":\"<public key>\",\"password\":\"<private key>\"}}}.");
        }
        return SecretText.of(t);
    }
}
