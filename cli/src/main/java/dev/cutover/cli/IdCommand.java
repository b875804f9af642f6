package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ObjectIdUuids;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cutover id}: the id rule both ways, so anyone can find a migrated row by its MongoDB id and back. */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = "Prints the UUID a MongoDB ObjectId becomes in PostgreSQL, or the ObjectId a UUID stands for. "
                + "The rule: the ObjectId's 24 hex digits h become the version-8 UUID "
                + "h[0:12] 8 h[12:15] 8 h[15:18] h[18:24] 000000, written 8-4-4-4-12.")
final class IdCommand implements Callable<Integer> {
    @Parameters(paramLabel = "OBJECTID|UUID", description = "An ObjectId (24 hex digits, or ObjectId(\"...\")) or a UUID.")
    String id;

    @Override
    public Integer call() {
        System.out.println(convert(id));
        return 0;
    }

    /** The other form of {@code id}. */
    static String convert(String id) {
        String text = id.trim();
        if (text.startsWith("ObjectId(") && text.endsWith(")")) {
            text = text.substring("ObjectId(".length(), text.length() - 1).replace("\"", "").replace("'", "").trim();
        }
        if (ObjectIdUuids.isObjectIdHex(text)) {
            return ObjectIdUuids.toUuid(text).toString();
        }
        UUID uuid = parseUuid(text);
        return ObjectIdUuids.toObjectIdHex(uuid).orElseThrow(() -> CutoverException.usage("UUID " + uuid
                + " was not made from an ObjectId by Cutover's id rule (its version digit is not 8, or its variant digit"
                + " is not 8, or it does not end in 000000), so it stands for no ObjectId"));
    }

    private static UUID parseUuid(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CutoverException.usage("'" + text + "' is neither an ObjectId (24 hex digits, e.g. 5ca4bbc7a2dd94ee5816238c)"
                + " nor a UUID (e.g. 5ca4bbc7-a2dd-894e-8e58-16238c000000)");
    }
}
