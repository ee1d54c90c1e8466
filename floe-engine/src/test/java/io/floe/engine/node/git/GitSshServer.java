package io.floe.engine.node.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An ssh git server on 127.0.0.1 for tests: Apache MINA sshd with public-key authentication, running
 * {@code git-upload-pack} / {@code git-receive-pack} with JGit's {@link UploadPack} / {@link ReceivePack} on the
 * repositories under a folder, at {@code ssh://git@127.0.0.1:<port>/<name>.git}.
 */
public final class GitSshServer implements AutoCloseable {
    private final SshServer sshd;
    private final KeyPair hostKey;
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
    private volatile boolean tipsOnly;

    public GitSshServer(Path repos) throws IOException, GeneralSecurityException {
        hostKey = newKeyPair();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) ->
                authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        sshd.setCommandFactory((channel, command) -> new GitCommand(repos, command, tipsOnly));
        sshd.start();
    }

    /** A new EC key pair (nistp256). */
    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        return gen.generateKeyPair();
    }

    /** Writes {@code keys}'s private key to {@code file} in OpenSSH's format, as ssh-keygen would. */
    public static Path writePrivateKey(KeyPair keys, Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keys, "floe-test", null, out);
        }
        return file;
    }

    /** Lets {@code key} log in. */
    public void authorize(PublicKey key) {
        authorized.add(key);
    }

    /**
     * From now on, serve only commits that are the tip of a ref, as some servers do (JGit itself serves any commit
     * reachable from one).
     */
    public void serveTipsOnly() {
        tipsOnly = true;
    }

    public int port() {
        return sshd.getPort();
    }

    /** The url of repository {@code <name>.git}. */
    public String url(String name) {
        return "ssh://git@127.0.0.1:" + port() + "/" + name + ".git";
    }

    /** The known_hosts line for this server's host key. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** One git command over an ssh channel, run on its own thread as sshd expects. */
    private static final class GitCommand implements Command {
        private final Path repos;
        private final String command;
        private final boolean tipsOnly;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(Path repos, String command, boolean tipsOnly) {
            this.repos = repos;
            this.command = command;
            this.tipsOnly = tipsOnly;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread t = new Thread(this::serve, "test-ssh-git");
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            List<String> args = CommandFactory.split(command);
            try {
                if (args.size() != 2) {
                    throw new IOException("unsupported command: " + command);
                }
                Path dir = repos.resolve(args.get(1).replaceFirst("^/+", "")).normalize();
                if (!dir.startsWith(repos) || !Files.isDirectory(dir)) {
                    throw new IOException("'" + args.get(1) + "' does not appear to be a git repository");
                }
                try (Git git = Git.open(dir.toFile())) {
                    Repository repo = git.getRepository();
                    switch (args.get(0)) {
                        case "git-upload-pack" -> {
                            UploadPack up = new UploadPack(repo);
                            if (tipsOnly) {
                                up.setRequestPolicy(UploadPack.RequestPolicy.TIP);
                            }
                            up.upload(in, out, err);
                        }
                        case "git-receive-pack" -> new ReceivePack(repo).receive(in, out, err);
                        default -> throw new IOException("unsupported command: " + args.get(0));
                    }
                }
                out.flush();
                exit.onExit(0);
            } catch (IOException | RuntimeException e) {
                try {
                    err.write(("fatal: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // the client is gone; the exit status is all that is left
                }
                exit.onExit(128, String.valueOf(e.getMessage()));
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the serving thread ends when the streams close
        }
    }
}
