package dev.cutover.schemas.wayback;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.plan.Plan;
import java.nio.file.Path;

/**
 * Settings of the way back.
 *
 * @param postgres         where the changes come from
 * @param bootstrapServers Kafka
 * @param topics           the migration's topics: the reverse stream adds {@code <prefix>.reverse} (one partition, so
 *                         SQLite applies changes in PostgreSQL's commit order) and {@code <prefix>.reverse-offsets}
 * @param sqlite           the SQLite file changes are written back into
 * @param plan             the migration's plan: which tables, and each column's names and original form
 */
public record WayBackConfig(PostgresEndpoint postgres, String bootstrapServers, Topics topics, Path sqlite, Plan plan) {
    public WayBackConfig {
        if (plan.tables().stream().anyMatch(t -> t.fromDocuments())) {
            throw CutoverException.config("the way back writes into SQLite files only; this migration's source is a "
                    + "document source");
        }
    }

    public String reverseTopic() {
        return topics.prefix() + ".reverse";
    }

    public String offsetsTopic() {
        return topics.prefix() + ".reverse-offsets";
    }

    /** The replication slot and publication: one pair per migration, named after it (lower case, at most 63 bytes). */
    public String slotName() {
        return "cutover_wb_" + Integer.toHexString(topics.prefix().hashCode() & 0x7fffffff);
    }
}
