package dev.cutover.validator;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to one side; the validator closes what it opens. */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;
}
