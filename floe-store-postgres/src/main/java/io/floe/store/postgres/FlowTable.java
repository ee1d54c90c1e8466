package io.floe.store.postgres;

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
 * The {@code flows} table: each distinct flow definition once, as its {@link Json}, keyed by the SHA-256 of that
 * JSON (the same hash as the local store's). Recently used definitions are cached both ways, and a definition this
 * store read, or saved in a committed transaction, is not written again: rows of this table are never changed or
 * deleted.
 */
final class FlowTable {
    private record Encoded(String hash, String json) {}

    private static final int CACHE = 64;

    private final Map<FlowConfig, Encoded> encoded = lru();
    private final Map<String, FlowConfig> decoded = lru();
    private final Map<String, Boolean> stored = lru();

    /** Writes the definition unless it is known to be there; returns its hash. */
    String save(Connection c, FlowConfig flow) throws SQLException {
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
        try (PreparedStatement p = c.prepareStatement("INSERT INTO flows (hash, json) VALUES (?, ?)"
                + " ON CONFLICT (hash) DO NOTHING")) {
            p.setString(1, e.hash());
            p.setString(2, e.json());
            p.executeUpdate();
        }
        return e.hash();
    }

    /** Notes that a transaction that saved these definitions committed, so they need not be written again. */
    void committed(Iterable<String> hashes) {
        synchronized (stored) {
            hashes.forEach(h -> stored.put(h, true));
        }
    }

    FlowConfig load(Connection c, String hash) throws SQLException {
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
