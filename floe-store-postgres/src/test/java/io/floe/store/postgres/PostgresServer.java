package io.floe.store.postgres;

import io.floe.engine.spi.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}, the newest
 * installed) run in a temporary folder, listening on a free port of 127.0.0.1 and on a unix socket in that folder,
 * with password authentication (so a wrong password is refused) and {@code fsync=off} (a test database need not
 * survive a power cut). PostgreSQL refuses to run as root, so when the tests run as root (CI does) the server runs
 * as the {@code postgres} OS user, which owns the folder.
 * <p>
 * One server per test JVM is plenty: {@link #shared()} starts it on first use and stops it when the JVM exits; each
 * test class takes a {@link #newDatabase() fresh database} of it. When the environment variable
 * {@value #URL_ENV} is set (a JDBC URL of a server's maintenance database such as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, with {@value #USER_ENV} and {@value #PASSWORD_ENV} for a user
 * who may create databases), that server is used instead.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String URL_ENV = "FLOE_TEST_PG_URL";
    /** Set to true (as benchmarks do) for a server that syncs every commit to disk, as a production server does. */
    public static final String DURABLE_PROPERTY = "floe.pg.durable";
    public static final String USER_ENV = "FLOE_TEST_PG_USER";
    public static final String PASSWORD_ENV = "FLOE_TEST_PG_PASSWORD";
    private static final String INSTALL = "install PostgreSQL: apt-get install -y postgresql (the tests start their"
            + " own server)";
    private static final String SUPERUSER = "floe";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** A database of the server, and how to reach it. */
    public record TestDatabase(String url, String user, String password, String name) {
        /** The settings a host {@code hostId} opens this database's store with. */
        public StoreSettings settings(String hostId, Duration hostLease) {
            return new StoreSettings("postgres", null, url, user, password, hostId, hostLease);
        }

        /** A plain connection (auto-commit) for checking what the store wrote. */
        public Connection connect() throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            return DriverManager.getConnection(url, p);
        }
    }

    /** The server of this JVM, or why it could not start. */
    private record Started(PostgresServer server, RuntimeException failure) {
        static final Started SHARED = start();

        private static Started start() {
            try {
                PostgresServer server = fromEnvironment();
                if (server == null) {
                    server = startLocal();
                }
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "floe-test-postgres-stop"));
                return new Started(server, null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }
    }

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;
    /** Set for a server this fixture started; null for one given by {@value #URL_ENV}. */
    private final LocalServer local;
    private final String prefix = "floe_" + HexFormat.of().formatHex(randomBytes(4)) + "_";
    private final AtomicInteger databases = new AtomicInteger();
    /** The databases made on a server of {@value #URL_ENV}, dropped at close. */
    private final List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PostgresServer(String host, int port, String adminDatabase, String user, String password,
            LocalServer local) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.local = local;
    }

    /**
     * The server of this test JVM, started on first use and stopped when the JVM exits.
     *
     * @throws IllegalStateException when it cannot start, saying why (e.g. how to install PostgreSQL)
     */
    public static PostgresServer shared() {
        Started s = Started.SHARED;
        if (s.failure() != null) {
            throw new IllegalStateException(s.failure().getMessage(), s.failure());
        }
        return s.server();
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A new, empty database, owned by a user that may do anything in it. */
    public TestDatabase newDatabase() {
        String name = prefix + databases.incrementAndGet();
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            made.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        return new TestDatabase(url(name), user, password, name);
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private Connection adminConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url(adminDatabase), p);
    }

    private static PostgresServer fromEnvironment() {
        String url = System.getenv(URL_ENV);
        if (url == null || url.isBlank()) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException(URL_ENV + " must look like jdbc:postgresql://127.0.0.1:5432/postgres, got "
                    + url);
        }
        return new PostgresServer(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)), m.group(3),
                envOr(USER_ENV, "postgres"), envOr(PASSWORD_ENV, ""), null);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private static PostgresServer startLocal() {
        Path bin = binaries();
        String password = HexFormat.of().formatHex(randomBytes(12));
        try {
            Path dir = Files.createTempDirectory("floe-pg-");
            LocalServer local = new LocalServer(bin, dir, "root".equals(System.getProperty("user.name")));
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            local.handOver(dir, pwfile);
            local.run(START_TIMEOUT, bin.resolve("initdb").toString(), "-D", local.data().toString(), "-U",
                    SUPERUSER, "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) { // a free port may be taken before the server binds it
                int port = freePort();
                try {
                    local.start(port);
                    return new PostgresServer("127.0.0.1", port, "postgres", SUPERUSER, password, local);
                } catch (IllegalStateException e) {
                    last = e;
                }
            }
            local.delete();
            throw last;
        } catch (IOException e) {
            throw new IllegalStateException("could not prepare a test PostgreSQL server: " + e, e);
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that has initdb. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(INSTALL);
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::version))
                    .orElseThrow(() -> new IllegalStateException(INSTALL));
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL + " (could not read " + root + ": " + e + ")", e);
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /**
     * Stops a server this fixture started and deletes its folder; on a server of {@value #URL_ENV}, drops the
     * databases made here.
     */
    @Override
    public void close() {
        if (local != null) {
            local.stop();
            return;
        }
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            for (String name : made) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            made.clear();
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + made + " on " + host + ":" + port + ": "
                    + e.getMessage());
        }
    }

    /** The server process: its folder, the OS user it runs as, and starting and stopping it with pg_ctl. */
    private static final class LocalServer {
        private final Path bin;
        private final Path dir;
        private final boolean asPostgresUser;
        private final AtomicBoolean stopped = new AtomicBoolean();

        LocalServer(Path bin, Path dir, boolean asPostgresUser) {
            this.bin = bin;
            this.dir = dir;
            this.asPostgresUser = asPostgresUser;
        }

        Path data() {
            return dir.resolve("data");
        }

        /** Gives the folder to the postgres OS user when the tests run as root. */
        void handOver(Path folder, Path pwfile) throws IOException {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            if (!asPostgresUser) {
                return;
            }
            UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal postgres;
            try {
                postgres = users.lookupPrincipalByName("postgres");
            } catch (IOException e) {
                throw new IllegalStateException("the tests run as root, and PostgreSQL refuses to: they run it as the"
                        + " OS user postgres, which is missing; " + INSTALL, e);
            }
            Files.setOwner(folder, postgres);
            Files.setOwner(pwfile, postgres);
        }

        void start(int port) {
            run(START_TIMEOUT, bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                            + (Boolean.getBoolean(DURABLE_PROPERTY) ? ""
                                    : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                            + " -c max_connections=300 -c shared_buffers=32MB",
                    "start");
        }

        void stop() {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            try {
                run(Duration.ofSeconds(30), bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m",
                        "immediate", "-w", "stop");
            } catch (IllegalStateException e) {
                System.err.println("stopping the test PostgreSQL server: " + e.getMessage());
            }
            delete();
        }

        void delete() {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }

        /** Runs a PostgreSQL program (as the postgres OS user when needed) and waits for it to succeed. */
        void run(Duration timeout, String... command) {
            List<String> cmd = new ArrayList<>();
            if (asPostgresUser) {
                cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            cmd.addAll(List.of(command));
            Path out = dir.resolve("command.log");
            try {
                Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeout
                            + "; " + tail(out) + tail(dir.resolve("server.log")));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", cmd) + " failed with status " + p.exitValue()
                            + ": " + tail(out) + tail(dir.resolve("server.log")));
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not run " + String.join(" ", cmd) + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
            }
        }

        private static String tail(Path file) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8);
                return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
            } catch (IOException e) {
                return "";
            }
        }
    }
}
