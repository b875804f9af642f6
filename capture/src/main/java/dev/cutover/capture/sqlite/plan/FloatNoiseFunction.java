package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.FloatNoise;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * The float-noise rule ({@link FloatNoise}) as a SQL function for the profile query, so that the planner judges a
 * REAL exactly as the transformer will: {@code cutover_noise_fits(x, p, s)} is 1 when the REAL x, rounded from float
 * noise to s fraction digits, fits {@code numeric(p,s)}, and 0 otherwise (also for a value that is not a REAL). The
 * profile calls it only for numbers that {@code round(x, s)} changes, which clean data never holds. One instance per
 * connection: the driver keeps a call's arguments in the instance.
 */
final class FloatNoiseFunction extends Function {
    static final String NAME = "cutover_noise_fits";
    private static final int SQLITE_FLOAT = 2;

    private FloatNoiseFunction() {
    }

    static void register(Connection connection) throws SQLException {
        Function.create(connection, NAME, new FloatNoiseFunction(), 3, Function.FLAG_DETERMINISTIC);
    }

    @Override
    protected void xFunc() throws SQLException {
        if (value_type(0) != SQLITE_FLOAT) {
            result(0);
            return;
        }
        int precision = value_int(1);
        int scale = value_int(2);
        BigDecimal rounded = FloatNoise.rounded(value_double(0), scale);
        result(rounded != null && integerDigits(rounded) <= precision - scale ? 1 : 0);
    }

    private static int integerDigits(BigDecimal value) {
        return value.signum() == 0 ? 0 : value.precision() - value.scale();
    }
}
