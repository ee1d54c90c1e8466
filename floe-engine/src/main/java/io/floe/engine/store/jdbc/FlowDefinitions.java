package io.floe.engine.store.jdbc;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code flows} table of a run store, {@code flows (hash, json)}: each distinct flow definition once, as its JSON,
 * keyed by the SHA-256 of that JSON; runs point at it by hash. Both the local and the PostgreSQL store keep it this
 * way, with this class. Recently used definitions are cached both ways, so saving and listing runs of the same few
 * flows neither serialises nor parses them again; and a definition read, or saved by a committed transaction, is not
 * written again, since rows of this table are never changed or deleted.
 * <p>
 * The JSON is {@link Json}'s, so fields marked {@link io.floe.engine.json.Local} (the YAML file and line a flow came
 * from) are not kept: a definition read back equals the one saved apart from those.
 */
public final class FlowDefinitions {
    private record Encoded(String hash, String json) {}

    private static final int CACHE = 64;

    private final Map<FlowConfig, Encoded> encoded = lru();
    private final Map<String, FlowConfig> decoded = lru();
    private final Map<String, Boolean> stored = lru();

    /** Writes the definition in {@code c}'s transaction unless it is known to be there; returns its hash. */
    public String save(Connection c, FlowConfig flow) throws SQLException {
        Encoded e;
        synchronized (encoded) {
            e = encoded.get(flow);
        }
        if (e == null) {
            String json = Json.write(flow);
            e = new Encoded(sha256(json), json);
            synchronized (encoded) {
                encoded.put(flow, e);
            }
        }
        synchronized (stored) {
            if (stored.containsKey(e.hash())) {
                return e.hash();
            }
        }
        // this form of "insert unless there" is both SQLite's (3.24+) and PostgreSQL's
        try (PreparedStatement p = c.prepareStatement("INSERT INTO flows (hash, json) VALUES (?, ?)"
                + " ON CONFLICT (hash) DO NOTHING")) {
            p.setString(1, e.hash());
            p.setString(2, e.json());
            p.executeUpdate();
        }
        return e.hash();
    }

    /** Notes that a transaction that saved definitions with these hashes committed: they need not be written again. */
    public void committed(Iterable<String> hashes) {
        synchronized (stored) {
            hashes.forEach(h -> stored.put(h, true));
        }
    }

    /** The definition with this hash; an {@link SQLException} names the hash when the table lacks it. */
    public FlowConfig load(Connection c, String hash) throws SQLException {
        synchronized (decoded) {
            FlowConfig f = decoded.get(hash);
            if (f != null) {
                return f;
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT json FROM flows WHERE hash = ?")) {
            p.setString(1, hash);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("flow definition " + hash + " is missing from table flows");
                }
                FlowConfig f = Json.read(rs.getString(1), FlowConfig.class);
                synchronized (decoded) {
                    decoded.put(hash, f);
                }
                synchronized (stored) {
                    stored.put(hash, true);
                }
                return f;
            }
        }
    }

    /** The hash a definition is kept under: what hosts compare to know they mean the same definition. */
    public static String hash(FlowConfig flow) {
        return flow.definitionHash();
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(CACHE, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CACHE;
            }
        };
    }

    private static String sha256(String json) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
