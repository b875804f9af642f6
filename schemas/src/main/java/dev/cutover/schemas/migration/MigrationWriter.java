package dev.cutover.schemas.migration;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PLACEHOLDER replaced by the planner branch. */
public final class MigrationWriter {
    private MigrationWriter() {
    }

    public static List<Migration> migrations(Plan plan) {
        StringBuilder v1 = new StringBuilder();
        for (TablePlan t : plan.tables()) {
            List<String> cols = new ArrayList<>();
            for (ColumnPlan c : t.columns()) cols.add(q(c.target()) + " " + c.targetType() + (c.notNull() ? " NOT NULL" : ""));
            if (t.key().kind() == KeyPlan.KeyKind.ROWID) cols.add(q(KeyPlan.ROWID_COLUMN) + " bigint UNIQUE");
            else cols.add("PRIMARY KEY (" + String.join(", ", t.key().targetColumns().stream().map(MigrationWriter::q).toList()) + ")");
            v1.append("CREATE TABLE ").append(q(plan.targetSchema())).append('.').append(q(t.target())).append(" (\n  ")
                    .append(String.join(",\n  ", cols)).append("\n);\n");
        }
        return List.of(new Migration(1, "create_tables", v1.toString()), new Migration(2, "indexes_and_constraints", "SELECT 1;\n"));
    }

    public static void write(Plan plan, Path dir) {
        try {
            Files.createDirectories(dir);
            for (Migration m : migrations(plan)) Files.writeString(dir.resolve(m.fileName()), m.sql());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> validationStatements(Plan plan) {
        return List.of();
    }

    private static String q(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
