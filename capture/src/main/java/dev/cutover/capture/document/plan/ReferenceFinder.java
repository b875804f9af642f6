package dev.cutover.capture.document.plan;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.schemas.plan.Declarations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The second read: which fields hold ids of other collections. Every field whose values are all ObjectIds (or arrays of
 * only ObjectIds), top-level or in a declared child table's elements, is checked against the {@code _id}s of every
 * collection that has ObjectId {@code _id}s (its own included: a tree's parent link); every declared reference against
 * the ids (or the field) it names. Only collections with such fields and documents are read again (a Prisma model's
 * collection the source lacks is never read); memory is the key sets the first read kept.
 */
final class ReferenceFinder {
    private final DocumentCollections source;
    private final Map<String, CollectionProfile> profiles;
    private final Map<String, CollectionKey> documentKeys;
    private final ValueKey.Maker keys;
    private final Map<FieldPath, Probe> probes = new LinkedHashMap<>();

    private ReferenceFinder(DocumentCollections source, Map<String, CollectionProfile> profiles,
            Map<String, CollectionKey> documentKeys, ValueKey.Maker keys) {
        this.source = source;
        this.profiles = profiles;
        this.documentKeys = documentKeys;
        this.keys = keys;
    }

    /** Probes by field, in the order of collections, then declared references, then fields as first seen. */
    static Map<FieldPath, Probe> find(DocumentCollections source, Map<String, CollectionProfile> profiles,
            Map<String, CollectionKey> documentKeys, Declarations declared, ValueKey.Maker keys) {
        ReferenceFinder finder = new ReferenceFinder(source, profiles, documentKeys, keys);
        finder.declare(declared);
        finder.detect(declared);
        for (CollectionProfile profile : profiles.values()) {
            if (profile.documents() > 0) {
                finder.read(profile.name());
            }
        }
        return finder.probes;
    }

    private void declare(Declarations declared) {
        for (Declarations.Reference reference : declared.references()) {
            CollectionProfile from = profiles.get(reference.collection());
            CollectionProfile to = profiles.get(reference.to());
            FieldPath path = FieldPath.top(reference.collection(), reference.field());
            KeySet set = to == null ? null : reference.toField() == null ? keySet(to) : to.target(reference.toField());
            if (from != null && set != null && !probes.containsKey(path)) {
                String target = reference.to() + (reference.toField() == null ? "" : "." + reference.toField());
                probes.put(path, new Probe(path, List.of(target), List.of(set)));
            }
        }
    }

    /** The keys of a collection's key values, when its key is one field whose values the first read kept. */
    private KeySet keySet(CollectionProfile to) {
        List<CollectionKey.Column> columns = documentKeys.get(to.name()).columns();
        String source = columns.size() == 1 ? columns.get(0).source() : null;
        if (CollectionProfile.ID.equals(source)) {
            return to.ids();
        }
        if (CollectionProfile.ALTERNATE_ID.equals(source)) {
            return to.alternateIds();
        }
        return source == null ? null : to.target(source);
    }

    private void detect(Declarations declared) {
        List<CollectionProfile> targets = profiles.values().stream().filter(p -> p.ids().objectIds() > 0)
                .collect(Collectors.toList());
        if (targets.isEmpty()) {
            return;
        }
        List<String> names = targets.stream().map(CollectionProfile::name).collect(Collectors.toList());
        List<KeySet> sets = targets.stream().map(CollectionProfile::ids).collect(Collectors.toList());
        for (CollectionProfile profile : profiles.values()) {
            for (FieldProfile field : profile.top().fields()) {
                if (!field.name().equals(CollectionProfile.ID) && objectIds(field)) {
                    probes.putIfAbsent(FieldPath.top(profile.name(), field.name()), new Probe(
                            FieldPath.top(profile.name(), field.name()), names, sets));
                }
            }
            for (Declarations.Field child : declared.children()) {
                FieldProfile array = child.collection().equals(profile.name()) ? profile.field(child.field()) : null;
                if (array != null && array.array() != null && array.array().elements().fields() != null) {
                    for (FieldProfile field : array.array().elements().fields().fields()) {
                        if (field.kinds().only(ValueKind.OBJECT_ID)) {
                            FieldPath path = new FieldPath(profile.name(), child.field(), field.name());
                            probes.putIfAbsent(path, new Probe(path, names, sets));
                        }
                    }
                }
            }
        }
    }

    /** True for a field of only ObjectIds, or of only arrays whose elements are only ObjectIds. */
    static boolean objectIds(FieldProfile field) {
        return field.kinds().only(ValueKind.OBJECT_ID) || (field.kinds().only(ValueKind.ARRAY) && field.array() != null
                && field.array().elements().kinds().only(ValueKind.OBJECT_ID));
    }

    private void read(String collection) {
        List<Probe> mine = new ArrayList<>();
        probes.values().stream().filter(p -> p.path().collection().equals(collection)).forEach(mine::add);
        if (mine.isEmpty()) {
            return;
        }
        try (DocumentCollections.Cursor cursor = source.documents(collection)) {
            while (cursor.hasNext()) {
                check(cursor.next(), mine);
            }
        }
    }

    private void check(BsonDocument document, List<Probe> mine) {
        BsonValue id = document.get(CollectionProfile.ID);
        ValueKey owner = ValueKind.isNull(id) ? null : keys.of(id);
        for (Probe probe : mine) {
            FieldPath path = probe.path();
            if (path.array() == null) {
                probe.add(document.get(path.field()), owner, keys);
                continue;
            }
            BsonValue array = document.get(path.array());
            if (array != null && array.isArray()) {
                for (BsonValue element : array.asArray()) {
                    if (element.isDocument()) {
                        probe.add(element.asDocument().get(path.field()), null, keys);
                    }
                }
            }
        }
    }
}
