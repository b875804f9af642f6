package dev.cutover.schemas.plan;

/**
 * A source object deliberately not migrated.
 *
 * @param name   object name in the source
 * @param kind   what it is: view, virtual table, shadow table, migration history, internal table, ...
 * @param reason why it is not migrated and what to do instead
 * @param sql    its definition, when it has one (views: to port by hand)
 */
public record SkippedObject(String name, String kind, String reason, String sql) {
}
