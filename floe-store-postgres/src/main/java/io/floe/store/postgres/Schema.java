package io.floe.store.postgres;

import io.floe.engine.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the store's tables with Flyway, from {@code db/migration/floe}, recording them in their own
 * history table {@value #HISTORY} so floe can share a database (and a schema) with other applications. Flyway holds a
 * PostgreSQL advisory lock while it migrates, so hosts opening the store at the same moment migrate it once.
 */
final class Schema {
    /** The newest schema version this floe knows. */
    static final int VERSION = 1;
    static final String HISTORY = "floe_schema_history";

    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    private Schema() {}

    /**
     * Brings the schema up to {@link #VERSION}.
     *
     * @throws StoreException when the database holds a newer schema, or the migration fails
     */
    static void migrate(Database db) {
        int found = db.transaction("read the schema version", Schema::appliedVersion);
        if (found > VERSION) {
            throw new StoreException("run store " + db.where() + " was written by a newer floe (schema version "
                    + found + ", this floe knows up to " + VERSION + "); run that newer floe on every host, or point"
                    + " store-url at another database");
        }
        try {
            MigrateResult result = Flyway.configure(Schema.class.getClassLoader())
                    .dataSource(db.migrations())
                    .locations("classpath:db/migration/floe")
                    .table(HISTORY)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("migrated run store {} to schema version {}", db.where(), result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            throw new StoreException("could not create or migrate the tables of run store " + db.where() + ": "
                    + Database.message(db.settings(), e) + "; check that the store user may create tables in"
                    + " the database", e);
        }
    }

    /** The highest version recorded in the history table, or 0 when there is none yet. */
    private static int appliedVersion(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, HISTORY);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        int max = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + HISTORY
                + " WHERE success AND version IS NOT NULL");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                max = Math.max(max, major(rs.getString(1)));
            }
        }
        return max;
    }

    private static int major(String version) {
        String digits = version.split("[._]")[0];
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0; // not one of floe's versions (1, 2, ...)
        }
    }
}
