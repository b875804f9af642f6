package dev.cutover.capture.sqlite.plan;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.KeyPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plans foreign keys once every table has its columns and keys. A foreign key is planned only when PostgreSQL will
 * accept it: the parent is migrated, the referenced columns are its primary key or a plain unique index, and the
 * column types pair up. Otherwise it is left out with a warning naming the reason (SQLite itself does not check most
 * of this until the key is used).
 */
final class ForeignKeyPlanner {
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    private final List<SqliteTableDraft> tables;
    private final NameRegistry names;
    private final Findings findings;

    private ForeignKeyPlanner(List<SqliteTableDraft> tables, NameRegistry names, Findings findings) {
        this.tables = tables;
        this.names = names;
        this.findings = findings;
    }

    static void plan(List<SqliteTableDraft> tables, NameRegistry names, Findings findings) {
        ForeignKeyPlanner planner = new ForeignKeyPlanner(tables, names, findings);
        for (SqliteTableDraft table : tables) {
            for (SourceForeignKey key : table.source.foreignKeys()) {
                planner.plan(table, key);
            }
        }
    }

    private void plan(SqliteTableDraft child, SourceForeignKey key) {
        try {
            child.foreignKeys.add(foreignKey(child, key));
        } catch (Untranslatable e) {
            findings.warn("table " + quote(child.name()) + " foreign key " + key.from() + " → " + quote(key.parent())
                    + " is not created (" + e.getMessage() + "); PostgreSQL will not enforce it");
        }
    }

    private ForeignKeyPlan foreignKey(SqliteTableDraft child, SourceForeignKey key) {
        SqliteTableDraft parent = tables.stream().filter(t -> t.named(key.parent())).findFirst()
                .orElseThrow(() -> new Untranslatable("table " + key.parent() + " is not migrated"));
        List<String> parentColumns = key.to();
        if (parentColumns.isEmpty()) {
            if (parent.key.kind() != KeyPlan.KeyKind.PRIMARY_KEY) {
                throw new Untranslatable("it names no columns and " + key.parent() + " has no primary key");
            }
            parentColumns = parent.key.sourceColumns();
        }
        if (parentColumns.size() != key.from().size()) {
            throw new Untranslatable("it pairs " + key.from().size() + " columns with " + parentColumns.size());
        }
        List<String> columns = new ArrayList<>();
        List<String> refColumns = new ArrayList<>();
        for (int i = 0; i < key.from().size(); i++) {
            ColumnPlan from = column(child, key.from().get(i));
            ColumnPlan to = column(parent, parentColumns.get(i));
            requireComparable(from, to);
            columns.add(from.target());
            refColumns.add(to.target());
        }
        if (!parent.isUniqueKey(refColumns)) {
            throw new Untranslatable("the referenced columns " + refColumns + " are neither the primary key nor a plain "
                    + "unique index of " + key.parent());
        }
        String name = names.relation("constraint", child.name(),
                child.source.definition().foreignKeyName(key.from()).orElse(null),
                child.name() + "_" + String.join("_", key.from()) + "_fkey");
        return new ForeignKeyPlan(name, columns, parent.target, refColumns, key.onDelete(), key.onUpdate());
    }

    private static ColumnPlan column(SqliteTableDraft table, String name) {
        return table.column(name)
                .orElseThrow(() -> new Untranslatable("table " + table.name() + " has no column " + name));
    }

    private static void requireComparable(ColumnPlan from, ColumnPlan to) {
        String a = base(from.targetType());
        String b = base(to.targetType());
        boolean same = a.equals(b) || (INTEGER_TYPES.contains(a) && INTEGER_TYPES.contains(b))
                || (isText(a) && isText(b));
        if (!same) {
            throw new Untranslatable("column " + from.source() + " is " + from.targetType() + " but the referenced "
                    + to.source() + " is " + to.targetType());
        }
    }

    private static String base(String type) {
        return type.replaceAll("\\(.*$", "");
    }

    private static boolean isText(String type) {
        return type.equals("text") || type.equals("varchar");
    }

}
