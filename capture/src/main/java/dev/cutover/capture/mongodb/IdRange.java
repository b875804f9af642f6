package dev.cutover.capture.mongodb;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * Filters on {@code _id} by its place in MongoDB's order of BSON values. A plain {@code {_id: {$gt: v}}} only matches
 * values of v's own type bracket ({@code $gt: 5} skips every string id), so a collection whose ids mix types would lose
 * documents: each bound here is "after v within its bracket, or of any bracket after it" (and the mirror for an upper
 * bound). The deprecated types (symbol, undefined, DBPointer, JavaScript code) are not ids this supports: some servers
 * know no {@code $type} alias for them. Thread-safe.
 */
final class IdRange {
    static final String ID = "_id";
    /** The type brackets in MongoDB's sort order, each by its {@code $type} aliases. */
    private static final List<List<String>> BRACKETS = List.of(
            List.of("minKey"), List.of("null"), List.of("double", "int", "long", "decimal"), List.of("string"),
            List.of("object"), List.of("array"), List.of("binData"), List.of("objectId"), List.of("bool"),
            List.of("date"), List.of("timestamp"), List.of("regex"), List.of("maxKey"));

    private IdRange() {
    }

    /** Everything; the filter of a whole collection. */
    static Bson all() {
        return new BsonDocument();
    }

    /** Ids after {@code after} (exclusive) up to {@code upTo} (inclusive); a null bound is open. */
    static Bson between(BsonValue after, BsonValue upTo) {
        List<BsonDocument> parts = new ArrayList<>(2);
        if (after != null) {
            parts.add(bound("$gt", after, BRACKETS.subList(bracket(after) + 1, BRACKETS.size())));
        }
        if (upTo != null) {
            parts.add(bound("$lte", upTo, BRACKETS.subList(0, bracket(upTo))));
        }
        return switch (parts.size()) {
            case 0 -> all();
            case 1 -> parts.get(0);
            default -> new BsonDocument("$and", new BsonArray(parts));
        };
    }

    private static BsonDocument bound(String operator, BsonValue value, List<List<String>> otherBrackets) {
        BsonDocument within = new BsonDocument(ID, new BsonDocument(operator, value));
        BsonArray types = new BsonArray();
        otherBrackets.forEach(aliases -> aliases.forEach(alias -> types.add(new BsonString(alias))));
        if (types.isEmpty()) {
            return within;
        }
        BsonDocument others = new BsonDocument(ID, new BsonDocument("$type", types));
        return new BsonDocument("$or", new BsonArray(List.of(within, others)));
    }

    private static int bracket(BsonValue value) {
        BsonType type = value.getBsonType();
        return switch (type) {
            case MIN_KEY -> 0;
            case NULL, UNDEFINED -> 1;
            case DOUBLE, INT32, INT64, DECIMAL128 -> 2;
            case STRING, SYMBOL -> 3;
            case DOCUMENT -> 4;
            case ARRAY -> 5;
            case BINARY -> 6;
            case OBJECT_ID -> 7;
            case BOOLEAN -> 8;
            case DATE_TIME -> 9;
            case TIMESTAMP -> 10;
            case REGULAR_EXPRESSION -> 11;
            default -> 12;
        };
    }
}
