package io.floe.engine.node.git;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.sshd.DefaultProxyDataFactory;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * JGit's Apache MINA sshd client, set up for floe: the home and {@code .ssh} folders of {@link GitAuth}, the
 * configured private key instead of the default ones when there is one, and host keys checked by
 * {@link AcceptNewHostKeys}.
 */
final class KeyFileSshSessionFactory extends SshdSessionFactory {
    private final Path keyFile;

    KeyFileSshSessionFactory(GitAuth auth) {
        super(new JGitKeyCache(), new DefaultProxyDataFactory());
        this.keyFile = auth.keyFile();
        setHomeDirectory(auth.home().toFile());
        setSshDirectory(auth.sshDir().toFile());
    }

    @Override
    protected List<Path> getDefaultIdentities(File sshDir) {
        return keyFile == null ? super.getDefaultIdentities(sshDir) : List.of(keyFile);
    }

    @Override
    protected ServerKeyDatabase createServerKeyDatabase(File homeDir, File sshDir) {
        return new AcceptNewHostKeys(super.createServerKeyDatabase(homeDir, sshDir));
    }
}
