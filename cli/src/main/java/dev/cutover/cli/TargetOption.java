package dev.cutover.cli;

import dev.cutover.sink.PgTarget;
import picocli.CommandLine.Option;

/**
 * {@code --target}, declared once for every command that reaches PostgreSQL. Where a command means something else by
 * it, its help says so in {@code OptionTexts.properties} (keyed by the command's name).
 */
final class TargetOption {
    @Option(names = "--target", paramLabel = "URL",
            description = "PostgreSQL, e.g. postgresql://user:password@host:5432/db. Default: an embedded PostgreSQL in "
                    + "the work directory.")
    String url;

    /**
     * The target, parsed once; null when none was given.
     *
     * @throws dev.cutover.schemas.CutoverException BAD_USAGE naming {@code --target} when it is not a PostgreSQL URL
     */
    PgTarget parse() {
        return url == null ? null : PgTarget.parse(url);
    }
}
