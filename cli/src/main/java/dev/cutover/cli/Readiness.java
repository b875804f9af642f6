package dev.cutover.cli;

import java.util.List;

/**
 * Finalize's checklist as the dashboard shows it: each condition of READY, as of now (the lag) and as of the last
 * {@code finalize} of this run (the rest; false or null before one ran).
 *
 * @param lagZero              PostgreSQL has every change the source has made (now)
 * @param constraintsValidated the deferred constraints were created and validated, and the data violates none
 * @param sequencesMoved       identity sequences start past the source's maximum plus the headroom
 * @param validation           the last finalize's validation: {@code no differences}, {@code differences}, or null
 * @param ready                the last finalize printed READY
 * @param reasons              why the last finalize was not READY (empty when READY or before one ran)
 * @param finalizedAt          when the last finalize ended (ISO-8601), or null
 */
record Readiness(boolean lagZero, boolean constraintsValidated, boolean sequencesMoved, String validation,
                 boolean ready, List<String> reasons, String finalizedAt) {

    Readiness {
        reasons = List.copyOf(reasons);
    }

    /** Before any finalize of this run. */
    static Readiness beforeFinalize(boolean lagZero) {
        return new Readiness(lagZero, false, false, null, false, List.of(), null);
    }

    /** As the last finalize left it, with the lag of now. */
    static Readiness after(FinalizeOutcome outcome, boolean schemaFinished, boolean lagZero, String finalizedAt) {
        return new Readiness(lagZero, schemaFinished && outcome.constraintsHold(), schemaFinished,
                outcome.validationMatches() ? "no differences" : "differences", outcome.ready(), outcome.reasons(),
                finalizedAt);
    }
}
