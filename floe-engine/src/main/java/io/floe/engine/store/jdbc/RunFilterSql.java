package io.floe.engine.store.jdbc;

import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunFilter;
import io.floe.engine.run.RunResult;
import io.floe.engine.run.RunStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@link RunFilter} as conditions on the {@code runs} table, for one status's slice of a listing, in the local
 * store's SQLite or in PostgreSQL: the same rule as {@link RunFilter#matches}, so every store lists the same runs.
 * Trigger values and what started a run are read from the {@code opts} JSON; value names are bound as parameters.
 */
public final class RunFilterSql {
    /** The SQL a store speaks: how it reads a text out of the {@code opts} JSON. */
    public enum Dialect {
        SQLITE,
        POSTGRES;

        /** The started-by field {@code field} ({@code kind} or {@code name}), as text. */
        String startedBy(String field) {
            return this == SQLITE
                    ? "json_extract(opts, '$.\"" + Provenance.KEY + "\"." + field + "')"
                    : "((opts::jsonb) -> '" + Provenance.KEY + "' ->> '" + field + "')";
        }

        /** A top-level scalar option as text ({@code true}/{@code false} for booleans), null for objects and lists. */
        String value() {
            return this == SQLITE
                    ? "(CASE json_type(opts, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'object'"
                            + " THEN NULL WHEN 'array' THEN NULL ELSE CAST(json_extract(opts, ?) AS TEXT) END)"
                    : "(CASE jsonb_typeof((opts::jsonb) -> ?) WHEN 'object' THEN NULL WHEN 'array' THEN NULL"
                            + " ELSE (opts::jsonb) ->> ? END)";
        }

        Object valuePath(String name) {
            return this == SQLITE ? "$.\"" + name + "\"" : name;
        }
    }

    private final String where;
    private final List<Object> params;

    private RunFilterSql(String where, List<Object> params) {
        this.where = where;
        this.params = List.copyOf(params);
    }

    /** The conditions of {@code filter} on runs in {@code status} (which the caller checked it admits). */
    public static RunFilterSql of(RunFilter filter, RunStatus status, Dialect dialect) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (status == RunStatus.ARCHIVED && !filter.outcomes().isEmpty()) {
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            String cancelled = "substr(end_reason, 1, " + RunResult.CANCELLED_PREFIX.length() + ") = ?";
            if (filter.outcomes().contains(RunFilter.Outcome.GOOD)) {
                any.add("good = ?");
                params.add(true);
            }
            if (filter.outcomes().contains(RunFilter.Outcome.BAD)) {
                any.add("(good = ? AND NOT " + cancelled + ")");
                params.add(false);
                params.add(RunResult.CANCELLED_PREFIX);
            }
            if (filter.outcomes().contains(RunFilter.Outcome.CANCELLED)) {
                any.add("(good = ? AND " + cancelled + ")");
                params.add(false);
                params.add(RunResult.CANCELLED_PREFIX);
            }
            sql.append(any);
        }
        RunFilter.StarterMatch by = filter.startedBy();
        if (by != null && !by.kinds().isEmpty()) {
            StringJoiner in = new StringJoiner(", ", " AND " + dialect.startedBy("kind") + " IN (", ")");
            by.kinds().forEach(k -> {
                in.add("?");
                params.add(k.wire());
            });
            sql.append(in);
        }
        if (by != null && !by.name().isEmpty()) {
            sql.append(" AND ").append(dialect.startedBy("name")).append(" = ?");
            params.add(by.name());
        }
        for (Map.Entry<String, String> v : filter.values().entrySet()) {
            sql.append(" AND ").append(dialect.value()).append(" = ?");
            params.add(dialect.valuePath(v.getKey()));
            params.add(dialect.valuePath(v.getKey()));
            params.add(v.getValue());
        }
        if (filter.since() != null) {
            sql.append(" AND adopted_ms >= ?");
            params.add(filter.since().toEpochMilli());
        }
        if (filter.until() != null) {
            sql.append(" AND adopted_ms < ?");
            params.add(filter.until().toEpochMilli());
        }
        return new RunFilterSql(sql.toString(), params);
    }

    /** Conditions to append to a WHERE clause, each starting with {@code AND}; empty for no filter. */
    public String where() {
        return where;
    }

    /** Binds the parameters of {@link #where()} from index {@code from}; gives the next free index. */
    public int bind(PreparedStatement p, int from) throws SQLException {
        int i = from;
        for (Object o : params) {
            if (o instanceof Boolean b) {
                p.setBoolean(i++, b);
            } else if (o instanceof Long l) {
                p.setLong(i++, l);
            } else {
                p.setString(i++, (String) o);
            }
        }
        return i;
    }
}
