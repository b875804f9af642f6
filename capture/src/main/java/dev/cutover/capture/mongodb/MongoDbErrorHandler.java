package dev.cutover.capture.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.util.Set;

/**
 * Decides, in one place, what a MongoDB failure means: a server that went away for a while (capture waits and goes on
 * from its last position), a change-stream position the server no longer holds (capture stops, naming the collection
 * and the fix), or a source that cannot be used (credentials, a missing database). Messages never hold a password.
 */
final class MongoDbErrorHandler {
    /** ChangeStreamHistoryLost, ChangeStreamFatalError (resume token not found), CappedPositionLost, InvalidResumeToken. */
    private static final Set<Integer> HISTORY_LOST = Set.of(286, 280, 136, 260);
    /** Unauthorized, AuthenticationFailed. */
    private static final Set<Integer> REFUSED = Set.of(13, 18);
    private static final String RESUMABLE = "ResumableChangeStreamError";

    private MongoDbErrorHandler() {
    }

    /** True when the same read may work again later: the server restarts, elects a primary, or a cursor timed out. */
    static boolean retriable(Throwable error) {
        if (error instanceof MongoException e && HISTORY_LOST.contains(e.getCode())) {
            return false;
        }
        return error instanceof MongoSocketException || error instanceof MongoTimeoutException
                || error instanceof MongoNotPrimaryException || error instanceof MongoNodeIsRecoveringException
                || error instanceof MongoCursorNotFoundException || error instanceof MongoExecutionTimeoutException
                || error instanceof MongoException e && e.hasErrorLabel(RESUMABLE);
    }

    /** True when a change stream cannot resume because the server no longer holds its position. */
    static boolean historyLost(Throwable error) {
        return error instanceof MongoException e && HISTORY_LOST.contains(e.getCode());
    }

    /** The collection's change stream cannot go on from where capture stood: what happened and the fix. */
    static CutoverException historyLost(String source, String collection, MongoException error) {
        return CutoverException.config("capture of " + source + " cannot go on with collection " + collection
                + ": the server no longer holds the change-stream position capture stopped at (its oplog has moved past "
                + "it, error " + error.getCode() + "), so the changes made meanwhile cannot be read; run `cutover run "
                + "--resnapshot " + collection + "` to read that collection again (the others go on where they are), "
                + "and give the oplog more room (replSetResizeOplog) so a stop this long is covered next time");
    }

    /** A failure of {@code what} before capture starts (a check, the planner, the read-back): exit 3 or 2. */
    static CutoverException failure(MongoEndpoint endpoint, String what, MongoException error) {
        if (error instanceof MongoTimeoutException || error instanceof MongoSocketException) {
            return unreachable(endpoint, what, error);
        }
        if (error instanceof MongoSecurityException || error instanceof MongoCommandException c
                && REFUSED.contains(c.getErrorCode())) {
            return refused(endpoint, what, error);
        }
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "MongoDB " + endpoint.id() + " failed to " + what
                + ": " + MongoEndpoint.mask(error.getMessage()) + " (error " + error.getCode() + ")", error);
    }

    private static CutoverException unreachable(MongoEndpoint endpoint, String what, MongoException error) {
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot reach MongoDB at "
                + String.join(",", endpoint.hosts()) + " to " + what + " (" + endpoint.id() + "): no usable server "
                + "answered; check that mongod runs there and this machine can reach it (host name, port, firewall, "
                + "TLS), and for a replica set that ?replicaSet= names the set the servers belong to (a server of "
                + "another set, or not in one, is never used)", error);
    }

    private static CutoverException refused(MongoEndpoint endpoint, String what, MongoException error) {
        String user = endpoint.user() == null ? "no user" : "user '" + endpoint.user() + "'";
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "MongoDB at " + String.join(",", endpoint.hosts())
                + " refused " + user + " to " + what + " (" + endpoint.id() + "): authentication failed or the user "
                + "may not read database " + endpoint.database() + "; check the user name and password in the "
                + "connection string, authSource (the database the user was created in, often admin), and that the "
                + "user has the read role on " + endpoint.database() + " (live capture: also changeStream)", error);
    }
}
