package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.sql.SQLException;
import org.apache.kafka.common.errors.TimeoutException;

/** The one place that turns any failure into a {@link CutoverException} with the right exit code. */
final class Failures {
    private Failures() {
    }

    static CutoverException asCutoverException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CutoverException cutover) {
                return cutover;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.NetworkException
                    || t instanceof dev.cutover.capture.CaptureService.KafkaWriteException) {
                return new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "Kafka stopped answering (" + t.getMessage()
                        + "); check the brokers, then run again: the migration resumes where it stopped", failure);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return new CutoverException(ErrorCode.TARGET_UNREACHABLE, "PostgreSQL stopped answering ("
                        + sql.getMessage() + "); check the server, then run again: the migration resumes", failure);
            }
        }
        return new CutoverException(ErrorCode.INTERNAL, "a stage failed: " + failure
                + "; details are in the log in the work directory", failure);
    }
}
