package io.floe.engine.node.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host key checking for a host nobody can be asked about: keys in {@code ~/.ssh/known_hosts} must match (a changed key
 * is refused), and a host not listed there is accepted, with a warning in the log, like OpenSSH's
 * {@code StrictHostKeyChecking accept-new}. An explicit {@code StrictHostKeyChecking} in {@code ~/.ssh/config} is
 * honoured as it is. JGit's own database does the matching, and records an accepted key in known_hosts when that
 * file exists.
 */
final class AcceptNewHostKeys implements ServerKeyDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptNewHostKeys.class);

    private final ServerKeyDatabase known;

    AcceptNewHostKeys(ServerKeyDatabase known) {
        this.known = known;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return known.lookup(connectAddress, remoteAddress, config);
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        if (config.getStrictHostKeyChecking() != Configuration.StrictHostKeyChecking.ASK) {
            return known.accept(connectAddress, remoteAddress, serverKey, config, provider);
        }
        if (known.lookup(connectAddress, remoteAddress, config).isEmpty()) {
            LOG.warn("accepting the unknown ssh host key of {} ({} key): it is not in known_hosts; add it there to "
                    + "have it checked", connectAddress, serverKey.getAlgorithm());
        }
        boolean ok = known.accept(connectAddress, remoteAddress, serverKey, new AcceptNew(config), provider);
        if (!ok) {
            LOG.error("refusing ssh host {}: its host key does not match the one in known_hosts", connectAddress);
        }
        return ok;
    }

    /** The user's configuration with "ask", which nobody can answer here, turned into "accept-new". */
    private record AcceptNew(Configuration config) implements Configuration {
        @Override
        public List<String> getUserKnownHostsFiles() {
            return config.getUserKnownHostsFiles();
        }

        @Override
        public List<String> getGlobalKnownHostsFiles() {
            return config.getGlobalKnownHostsFiles();
        }

        @Override
        public StrictHostKeyChecking getStrictHostKeyChecking() {
            return StrictHostKeyChecking.ACCEPT_NEW;
        }

        @Override
        public boolean getHashKnownHosts() {
            return config.getHashKnownHosts();
        }

        @Override
        public String getUsername() {
            return config.getUsername();
        }
    }
}
