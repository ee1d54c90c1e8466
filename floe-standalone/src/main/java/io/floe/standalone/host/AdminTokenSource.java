package io.floe.standalone.host;

import io.floe.engine.HostSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a host's admin token comes from, one of (or several giving the same token): {@code -admin_file=PATH} (a file only the host's user may
 * read), the {@code FLOE_ADMIN} environment variable (which tasks never inherit, {@link HostSecrets}), or, kept for
 * the original's command lines, {@code -admin=TOKEN}, which every local process can read in
 * {@code /proc/<pid>/cmdline} and so is warned about.
 */
public final class AdminTokenSource {
    /** A token that can not be used: why, and what to do. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private AdminTokenSource() {}

    /**
     * The admin token, or empty when none is given.
     *
     * @param flag the {@code -admin} value ("" when not given)
     * @param file the {@code -admin_file} path, or null
     * @param env  the host's environment
     * @param warn where the warning about {@code -admin} goes
     */
    public static String resolve(String flag, Path file, Map<String, String> env, Consumer<String> warn)
            throws Refused {
        Map<String, String> given = new LinkedHashMap<>();
        if (flag != null && !flag.isEmpty()) {
            given.put("-admin", flag);
        }
        if (file != null) {
            given.put("-admin_file", read(file));
        }
        String fromEnv = env.getOrDefault(HostSecrets.ADMIN_TOKEN, "");
        if (!fromEnv.isEmpty()) {
            given.put(HostSecrets.ADMIN_TOKEN, fromEnv);
        }
        // the same token two ways is harmless (a unit that sets FLOE_ADMIN and still passes -admin); two differ: refused
        if (new HashSet<>(given.values()).size() > 1) {
            throw new Refused("different admin tokens are given (" + String.join(", ", given.keySet())
                    + "); give it one way: -admin_file=PATH or " + HostSecrets.ADMIN_TOKEN);
        }
        if (given.containsKey("-admin")) {
            warn.accept("-admin puts the admin token on the command line, where every local process, tasks included, "
                    + "can read it (/proc/<pid>/cmdline); give it with -admin_file=PATH (mode 600) or the "
                    + HostSecrets.ADMIN_TOKEN + " environment variable instead");
        }
        return given.values().stream().findFirst().orElse("");
    }

    private static String read(Path file) throws Refused {
        if (!Files.isRegularFile(file)) {
            throw new Refused("-admin_file " + file + " is not a file; write the admin token into it (chmod 600)");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        try {
            if (posix != null) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (mode.stream().anyMatch(OTHERS::contains)) {
                    throw new Refused("-admin_file " + file + " may be read or written by others (mode "
                            + PosixFilePermissions.toString(mode) + "); run chmod 600 " + file
                            + " so only the host's user can read it");
                }
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new Refused("-admin_file " + file + " is empty; write the admin token into it");
            }
            return token;
        } catch (IOException e) {
            throw new Refused("could not read -admin_file " + file + ": " + e.getMessage()
                    + "; check that the host's user may read it");
        }
    }
}
