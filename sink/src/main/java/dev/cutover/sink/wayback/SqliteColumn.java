package dev.cutover.sink.wayback;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.NumericDates;
import dev.cutover.schemas.plan.ValueProfile;

/**
 * One column as the way back writes it: its SQLite and PostgreSQL names, PostgreSQL's type, and the form SQLite held its
 * values in before the migration (from the plan's profile), which values written back keep.
 *
 * @param source       SQLite column name
 * @param target       PostgreSQL column name
 * @param baseType     PostgreSQL type without modifiers, in its long name ({@code timestamp with time zone})
 * @param numericDates how numbers in a date column are read; null for other columns
 * @param storedAs     the storage class SQLite held this column's values in when planned
 * @param dateLayout   for date and time columns kept as text: the layout of their text
 */
record SqliteColumn(String source, String target, String baseType, NumericDates numericDates, Storage storedAs,
                    DateLayout dateLayout) {

    /** The SQLite storage class a column's values are written in. */
    enum Storage { INTEGER, REAL, TEXT, BLOB }

    static SqliteColumn of(ColumnPlan column, DateLayout layout) {
        return new SqliteColumn(column.source(), column.target(), ColumnPlan.baseType(column.targetType()), column.numericDates(),
                storage(column.profile()), layout);
    }

    /** The storage class most of the planned values had; TEXT when planning saw none. */
    private static Storage storage(ValueProfile profile) {
        if (profile == null) {
            return Storage.TEXT;
        }
        long most = Math.max(Math.max(profile.integers(), profile.reals()), Math.max(profile.texts(), profile.blobs()));
        if (most == 0 || most == profile.texts()) {
            return Storage.TEXT;
        }
        if (most == profile.integers()) {
            return Storage.INTEGER;
        }
        return most == profile.reals() ? Storage.REAL : Storage.BLOB;
    }

    boolean temporal() {
        return baseType.equals("date") || baseType.equals("timestamp") || baseType.equals("timestamp with time zone");
    }
}
