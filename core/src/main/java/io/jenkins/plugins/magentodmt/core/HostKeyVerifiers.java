package io.jenkins.plugins.magentodmt.core;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.function.Consumer;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/** MINA's client accepts any host key unless told otherwise: this turns a {@link HostKeyPolicy} into a verifier. */
final class HostKeyVerifiers {
    private HostKeyVerifiers() {
    }

    /** Remembers a rejected key, so that the error can show the fingerprint a person has to check. */
    static final class Recording implements ServerKeyVerifier {
        private final ServerKeyVerifier delegate;
        private final String rule;
        private volatile String rejected;

        Recording(ServerKeyVerifier delegate, String rule) {
            this.delegate = delegate;
            this.rule = rule;
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
            boolean trusted = delegate.verifyServerKey(session, remote, key);
            if (!trusted) {
                rejected = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
            }
            return trusted;
        }

        /** Why the key was refused, or null when no key was refused. */
        String rejection(String hostAndPort) {
            return rejected == null ? null : "the host key of " + hostAndPort + " (" + rejected + ") is not trusted: " + rule
                    + ". If this really is the host, check that fingerprint with its administrator, then add the key or pin it.";
        }
    }

    static Recording forPolicy(HostKeyPolicy policy, Consumer<String> warnings) throws DmtException {
        return new Recording(verifier(policy, warnings), describe(policy));
    }

    private static String describe(HostKeyPolicy policy) {
        if (policy instanceof HostKeyPolicy.KnownHosts k) {
            return "it is not listed (or listed with another key) in " + k.file();
        }
        return policy instanceof HostKeyPolicy.AcceptAny ? "" : "it is not the pinned key";
    }

    private static ServerKeyVerifier verifier(HostKeyPolicy policy, Consumer<String> warnings) throws DmtException {
        if (policy instanceof HostKeyPolicy.KnownHosts k) {
            if (!Files.isReadable(k.file())) {
                throw DmtException.badInput("The known_hosts file " + k.file() + " cannot be read. Add the host with "
                        + "'ssh-keyscan -p PORT HOST >> " + k.file() + "' after checking its fingerprint, or pin the key.");
            }
            // Unknown hosts are rejected, and a changed key is never accepted nor written back.
            return new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, k.file());
        }
        if (policy instanceof HostKeyPolicy.Fingerprint f) {
            return pinned(f.sha256());
        }
        if (policy instanceof HostKeyPolicy.PublicKey p) {
            return pinned(fingerprintOf(p.line()));
        }
        return (ClientSession session, SocketAddress remote, PublicKey key) -> {
            warnings.accept("host key verification is OFF (accept any host key was chosen): accepting "
                    + KeyUtils.getFingerPrint(BuiltinDigests.sha256, key) + " from " + remote
                    + " without checking. Anyone between here and the host can read and change this session.");
            return true;
        };
    }

    private static ServerKeyVerifier pinned(String expected) {
        return (ClientSession session, SocketAddress remote, PublicKey key) ->
                expected.equals(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
    }

    static String fingerprintOf(String publicKeyLine) throws DmtException {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicKeyLine.trim());
            if (entry == null) {
                throw DmtException.badInput("The host key is empty.");
            }
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                    entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw DmtException.badInput("The host key is not an OpenSSH public key line (such as 'ssh-ed25519 AAAA…'): "
                    + e.getMessage());
        }
    }
}
