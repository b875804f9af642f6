package dev.cutover.schemas.source;

import dev.cutover.schemas.CutoverException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the source type for a {@code --source} URI among those on the class path. */
public final class Sources {
    private Sources() {
    }

    /** Every source type on the class path, in a stable order (by scheme). */
    public static List<SourceType> types() {
        List<SourceType> types = new ArrayList<>();
        ServiceLoader.load(SourceType.class, Sources.class.getClassLoader()).forEach(types::add);
        types.sort((a, b) -> a.scheme().compareTo(b.scheme()));
        return types;
    }

    /**
     * Parses {@code --source}.
     *
     * @throws CutoverException BAD_USAGE when the URI is missing or of no known type (the message lists the types and,
     *                          for a path that exists, how to write it as a URI)
     */
    public static Source parse(String uri) {
        return parse(uri, null);
    }

    /**
     * Parses {@code --source} with {@code --database} (null when not given).
     *
     * @throws CutoverException BAD_USAGE as {@link #parse(String)}, or when the source's type has no databases
     */
    public static Source parse(String uri, String database) {
        if (uri == null || uri.isBlank()) {
            throw CutoverException.usage("--source is required; e.g. " + examples());
        }
        for (SourceType type : types()) {
            if (type.accepts(uri)) {
                return type.parse(uri, database);
            }
        }
        throw CutoverException.usage("--source '" + mask(uri) + "' is not a source URI (" + examples() + ")" + hint(uri));
    }

    private static String examples() {
        return types().stream().map(SourceType::example).collect(Collectors.joining(", "));
    }

    private static String hint(String uri) {
        try {
            Path path = Path.of(uri);
            if (Files.isDirectory(path)) {
                return "; for a directory of JSON files write --source jsondir:" + uri;
            }
            return Files.exists(path) ? "; for a SQLite file write --source sqlite:" + uri : "";
        } catch (InvalidPathException e) {
            return "";
        }
    }

    /** The URI with any password replaced by {@code ***} ({@code scheme://user:secret@host} → {@code user:***@}). */
    public static String mask(String uri) {
        return uri.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
    }
}
