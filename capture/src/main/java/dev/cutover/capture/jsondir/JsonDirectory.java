package dev.cutover.capture.jsondir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The layout of a JSON directory: which collections it holds and which files hold their documents. Two layouts, mixed
 * freely in one tree:
 * <ul>
 *   <li><b>a file is a collection</b>: {@code NAME.json} in the root (a JSON array, or objects one after the other,
 *       one per line as {@code mongoexport} writes them), and {@code NAME.jsonl} / {@code NAME.ndjson} anywhere (one
 *       object per line);</li>
 *   <li><b>a folder is a collection</b>: every folder below the root holding {@code .json} files; each of those files is
 *       one document.</li>
 * </ul>
 * A collection is named by its path relative to the root with {@code /} replaced by {@code .} and the extension
 * dropped: {@code users.json} is {@code users}, {@code conversations/a1.json} a document of {@code conversations},
 * {@code archive/2024/x.json} one of {@code archive.2024}, {@code logs/app.jsonl} is {@code logs.app}. Names whose
 * first character is {@code .} (hidden files and folders, the temporary files of writers that rename them into place)
 * and files with other extensions are not read; extensions match ignoring case. Symbolic links to files are read,
 * links to folders are not followed. Thread-safe.
 */
final class JsonDirectory {
    private final Path root;

    JsonDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The identity of the directory at {@code root} (absolute, normalized) in events, plans and reports. */
    static String sourceId(Path root) {
        return "jsondir:" + root;
    }

    /** How a collection's documents are stored. */
    enum Layout {
        /** The collection is one file of documents. */
        FILE,
        /** The collection is a folder; each file is one document. */
        FOLDER
    }

    /**
     * One file of the tree that holds documents, as it is now.
     *
     * @param path       relative to the root, with {@code /} between names
     * @param collection the collection it belongs to
     * @param layout     whether it is the whole collection or one document of it
     * @param identity   the file system's identity of the file (device and inode), "" where there is none; a file
     *                   renamed over it gets a new one
     * @param size       bytes
     * @param mtimeNanos last modification, in nanoseconds since the epoch
     */
    record Entry(String path, String collection, Layout layout, String identity, long size, long mtimeNanos) {

        /** The file name without its extension: a folder document's {@code $file} key. */
        String stem() {
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.substring(0, name.lastIndexOf('.'));
        }

        /** True for a file of one document per line. */
        boolean lines() {
            String lower = path.toLowerCase(Locale.ROOT);
            return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
        }

        long mtimeMillis() {
            return TimeUnit.NANOSECONDS.toMillis(mtimeNanos);
        }
    }

    /**
     * The tree as one walk saw it.
     *
     * @param files       every document file, by path
     * @param collections every collection and its layout, by name
     * @param newestMs    the newest modification time of any folder or document file (ms): a file changed, added,
     *                    removed or renamed into place moves it
     * @param unreadable  folders or files that could not be read (by relative path): what is below them is unknown
     * @param clashes     names two different sources would give one collection (e.g. {@code a.json} and {@code a/}),
     *                    each as a sentence
     */
    record Listing(List<Entry> files, Map<String, Layout> collections, long newestMs, List<String> unreadable,
                   List<String> clashes) {

        boolean complete() {
            return unreadable.isEmpty();
        }
    }

    /** Walks the tree now. */
    Listing list() {
        try {
            Walk walk = new Walk(root.toRealPath());
            Files.walkFileTree(walk.start, walk);
            walk.files.sort((a, b) -> comparePaths(a.path(), b.path()));
            return new Listing(List.copyOf(walk.files), walk.collections, walk.newestMs, List.copyOf(walk.unreadable),
                    clashes(walk.files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Orders paths by code point, as SQLite orders their UTF-8 bytes (the index lists its files so). */
    static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The collection and layout of a file at {@code relative}, or null when the file holds no documents. */
    static Entry classify(String relative, String identity, long size, long mtimeNanos) {
        String[] names = relative.split("/");
        String name = names[names.length - 1];
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String folders = String.join(".", List.of(names).subList(0, names.length - 1));
        String stem = name.substring(0, dot);
        if (extension.equals("jsonl") || extension.equals("ndjson")) {
            return new Entry(relative, folders.isEmpty() ? stem : folders + "." + stem, Layout.FILE, identity, size,
                    mtimeNanos);
        }
        if (!extension.equals("json")) {
            return null;
        }
        return folders.isEmpty()
                ? new Entry(relative, stem, Layout.FILE, identity, size, mtimeNanos)
                : new Entry(relative, folders, Layout.FOLDER, identity, size, mtimeNanos);
    }

    private static List<String> clashes(List<Entry> files) {
        Map<String, Entry> first = new TreeMap<>();
        Map<String, String> clashes = new TreeMap<>();
        for (Entry file : files) {
            Entry other = first.putIfAbsent(file.collection(), file);
            if (other != null && !folderOf(other).equals(folderOf(file))) {
                clashes.putIfAbsent(file.collection(), "both " + describe(other) + " and " + describe(file)
                        + " would be collection " + file.collection());
            }
        }
        return List.copyOf(clashes.values());
    }

    private static String folderOf(Entry file) {
        return file.layout() == Layout.FOLDER ? file.path().substring(0, file.path().lastIndexOf('/') + 1) : file.path();
    }

    private static String describe(Entry file) {
        return file.layout() == Layout.FOLDER ? "the folder " + folderOf(file) : "the file " + file.path();
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** One walk of the tree. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        final Path start;
        final List<Entry> files = new ArrayList<>();
        final Map<String, Layout> collections = new TreeMap<>();
        final List<String> unreadable = new ArrayList<>();
        long newestMs;

        Walk(Path start) {
            this.start = start;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (!dir.equals(start) && hidden(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            newestMs = Math.max(newestMs, attributes.lastModifiedTime().toMillis());
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            if (hidden(file)) {
                return FileVisitResult.CONTINUE;
            }
            BasicFileAttributes target = attributes.isSymbolicLink() ? followed(file) : attributes;
            if (target == null || !target.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }
            Object key = target.fileKey();
            Entry entry = classify(relative(file), key == null ? "" : key.toString(), target.size(),
                    target.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            if (entry != null) {
                files.add(entry);
                collections.putIfAbsent(entry.collection(), entry.layout());
                newestMs = Math.max(newestMs, entry.mtimeMillis());
            }
            return FileVisitResult.CONTINUE;
        }

        private BasicFileAttributes followed(Path link) throws IOException {
            try {
                return Files.readAttributes(link, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                unreadable.add(relative(file) + " (" + e.getMessage() + ")");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null && !(e instanceof NoSuchFileException)) {
                unreadable.add(relative(dir) + " (" + e.getMessage() + ")");
            }
            return FileVisitResult.CONTINUE;
        }

        private String relative(Path path) {
            return start.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
        }
    }
}
