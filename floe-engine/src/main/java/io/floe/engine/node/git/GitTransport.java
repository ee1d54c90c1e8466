package io.floe.engine.node.git;

import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * Applies a {@link GitAuth} to each connection a JGit command opens: the ssh session factory with the key, the http
 * credentials, and a read timeout so a server that stops answering fails the task instead of hanging it. The ssh
 * client behind it is made on first use and stopped by {@link #close()}.
 */
public final class GitTransport implements TransportConfigCallback, AutoCloseable {
    /** Seconds without any data from the server before the operation fails. */
    static final int TIMEOUT_SECONDS = 120;

    private final GitAuth auth;
    private SshdSessionFactory ssh;
    private boolean closed;

    GitTransport(GitAuth auth) {
        this.auth = auth;
    }

    @Override
    public void configure(Transport transport) {
        transport.setTimeout(TIMEOUT_SECONDS);
        if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh());
        }
        if (auth.hasPassword()) {
            transport.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(auth.username(), auth.password()));
        }
    }

    private synchronized SshdSessionFactory ssh() {
        if (closed) {
            throw new IllegalStateException("git transport already closed");
        }
        if (ssh == null) {
            ssh = new KeyFileSshSessionFactory(auth);
        }
        return ssh;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
    }
}
