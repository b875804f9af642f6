package dev.cutover.capture.jsondir;

import dev.cutover.capture.document.plan.DocumentPlanner;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.CaptureSettings;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.schemas.source.ConnectorSpec;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory of JSON files ({@code --source jsondir:PATH}) behind the source seam: its check, plan (the shared document
 * planner over {@link JsonDirCollections}), connector ({@link JsonDirConnector}), change position and read-back. See
 * {@link JsonDirectory} for how files and folders make collections. Holds no open resources; thread-safe.
 */
public final class JsonDirSource implements Source {
    /** The capture index's file, beside plan.json in the work directory. */
    static final String INDEX_FILE = "jsondir-index.db";
    /** The longest document text the planner and the read-back read (the connector's default). */
    static final int MAX_BYTES = 64 << 20;

    private final Path root;

    public JsonDirSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code jsondir:<absolute path>}. */
    @Override
    public String id() {
        return JsonDirectory.sourceId(root);
    }

    /** The directory's name. */
    @Override
    public String name() {
        Path name = root.getFileName();
        return name == null ? "root" : name.toString();
    }

    @Override
    public boolean documents() {
        return true;
    }

    /** The documents' files as the directory lists them now (hidden files and other extensions are not counted). */
    @Override
    public long bytes() {
        return new JsonDirectory(root).list().files().stream().mapToLong(JsonDirectory.Entry::size).sum();
    }

    /** The same for both accesses: capture only reads the directory. */
    @Override
    public void check(Access access) {
        DirectoryCheck.check(root);
    }

    /** Plans every collection the directory holds (a document that does not read is listed in the plan's warnings). */
    @Override
    public Plan plan(PlanOptions options) {
        check(Access.READ);
        return DocumentPlanner.plan(id(), new JsonDirCollections(new JsonDirectory(root), MAX_BYTES), options);
    }

    @Override
    public ConnectorSpec connector(CaptureSettings settings) {
        settings.refuseResnapshot(id());
        return new ConnectorSpec(JsonDirConnector.class.getName(), Map.of(
                JsonDirConnectorConfig.PATH, root.toString(),
                JsonDirConnectorConfig.PLAN_PATH, settings.planPath().toString(),
                JsonDirConnectorConfig.INDEX_PATH, settings.planPath().resolveSibling(INDEX_FILE).toString(),
                JsonDirConnectorConfig.TOPIC_PREFIX, settings.topicPrefix(),
                JsonDirConnectorConfig.BATCH_ROWS, Integer.toString(settings.batchRows()),
                JsonDirConnectorConfig.RAW_PARTITIONS, Integer.toString(settings.rawPartitions()),
                JsonDirConnectorConfig.BATCH_MAX_BYTES, Integer.toString(settings.batchMaxBytes())));
    }

    @Override
    public ChangeCapture capture() {
        return new JsonDirChangeCapture(new JsonDirectory(root));
    }

    /** The documents that read in each collection now (each collection's files are read once). */
    @Override
    public Map<String, Long> rowCounts(List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonDirCollections collections = new JsonDirCollections(new JsonDirectory(root), MAX_BYTES);
        for (String table : tables) {
            counts.put(table, collections.count(table));
        }
        return counts;
    }

    @Override
    public ReadBack readBack(boolean consistent) {
        return new JsonDirReadBack(new JsonDirectory(root), MAX_BYTES);
    }

    @Override
    public String toString() {
        return id();
    }
}
