package io.floe.engine.node.git;

import io.floe.engine.config.Opts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to authenticate to a git server, all through JGit (no git binary, no {@code GIT_SSH_COMMAND}).
 * <ul>
 *   <li>ssh: the private key in {@code keyFile} (the {@code key-file} option, which the hub fills from
 *       {@code common.git-key}); without one, the usual keys in {@code ~/.ssh}. Host keys are checked against
 *       {@code ~/.ssh/known_hosts}; an unknown host is accepted and logged (see {@link AcceptNewHostKeys}).</li>
 *   <li>http(s): {@code GIT_USERNAME} and {@code GIT_PASSWORD}, or a token in {@code GIT_TOKEN} (sent as the password,
 *       with user {@code GIT_USERNAME} or else {@value #TOKEN_USER}), from the task's environment.</li>
 * </ul>
 *
 * @param keyFile  the ssh private key to use, or null for the default keys
 * @param username the http user, or empty
 * @param password the http password or token, or empty
 * @param home     the home folder whose {@code .ssh} holds known_hosts, config and default keys
 */
public record GitAuth(Path keyFile, String username, String password, Path home) {
    /** The user sent with a bare {@code GIT_TOKEN}; GitHub documents it, and most servers ignore the user. */
    public static final String TOKEN_USER = "x-access-token";

    public GitAuth {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        home = home == null ? Path.of(System.getProperty("user.home")) : home;
    }

    /** No credentials: default ssh keys from the current user's home, anonymous http. */
    public static GitAuth anonymous() {
        return new GitAuth(null, "", "", null);
    }

    /** Only an ssh key (what {@code common.git-key} gives pollers and flow-files); blank means the default keys. */
    public static GitAuth withKeyFile(String keyFile) {
        Path home = Path.of(System.getProperty("user.home"));
        return new GitAuth(keyPath(keyFile, home), "", "", home);
    }

    /**
     * A task's credentials: {@code key-file} from its opts, http credentials and {@code HOME} from its environment.
     *
     * @param opts    the task's merged opts
     * @param env     the task's env entries ({@code K=V}; a later entry wins)
     * @param baseEnv the environment the task starts from; its entries are overridden by {@code env}
     */
    public static GitAuth forTask(Map<String, ?> opts, List<String> env, Map<String, String> baseEnv) {
        Map<String, String> vars = new HashMap<>(baseEnv);
        for (String entry : env) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                vars.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        String homeVar = vars.getOrDefault("HOME", "");
        Path home = homeVar.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(homeVar);
        String user = vars.getOrDefault("GIT_USERNAME", "");
        String password = vars.getOrDefault("GIT_PASSWORD", "");
        String token = vars.getOrDefault("GIT_TOKEN", "");
        if (!token.isBlank()) {
            password = token;
            user = user.isBlank() ? TOKEN_USER : user;
        }
        return new GitAuth(keyPath(Opts.string(opts, "key-file"), home), user, password, home);
    }

    /** The folder of known_hosts, ssh config and default keys. */
    public Path sshDir() {
        return home.resolve(".ssh");
    }

    public boolean hasPassword() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /**
     * Fails early, with a clear message, when the configured key can not be read; JGit would otherwise go on with no
     * key and report only that authentication failed.
     */
    public void checkKeyFile() throws IOException {
        if (keyFile != null && !Files.isReadable(keyFile)) {
            throw new IOException("key-file " + keyFile + " can not be read: check the key-file option (or "
                    + "common.git-key) names an existing private key readable by this host");
        }
    }

    /** Something JGit commands can take to use these credentials; close it when the command is done. */
    public GitTransport transport() {
        return new GitTransport(this);
    }

    private static Path keyPath(String keyFile, Path home) {
        if (keyFile == null || keyFile.isBlank()) {
            return null;
        }
        String k = keyFile.trim();
        if (k.equals("~")) {
            return home;
        }
        return k.startsWith("~/") ? home.resolve(k.substring(2)) : Path.of(k).toAbsolutePath();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "GitAuth[keyFile=" + keyFile + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", home=" + home + "]";
    }
}
