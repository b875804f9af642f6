package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.Declarations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which fields are references. A declared reference is planned whatever share of its values the data confirms
 * (the share goes in the note, the values not found in a warning); an undeclared field of ObjectIds is one when at
 * least {@value #SHARE_PERCENT}% of its non-null values are {@code _id}s of one collection (the one with the most; on
 * a tie the first by name). A field with a majority but less is left as it is, with a warning suggesting a
 * declaration. The referencing side takes the referenced column's type; a declared reference whose values cannot be of
 * that type is not planned, and a warning says why.
 */
final class LinkPlanner {
    static final int SHARE_PERCENT = 95;
    /** Integer types, narrowest first. */
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    private final Map<String, CollectionProfile> profiles;
    private final Map<String, CollectionKey> keys;
    private final List<String> warnings;
    private final Map<FieldPath, Link> links = new LinkedHashMap<>();

    private LinkPlanner(Map<String, CollectionProfile> profiles, Map<String, CollectionKey> keys,
            List<String> warnings) {
        this.profiles = profiles;
        this.keys = keys;
        this.warnings = warnings;
    }

    static Map<FieldPath, Link> decide(Map<String, CollectionProfile> profiles, Map<String, CollectionKey> keys,
            Map<FieldPath, Probe> probes, Declarations declared, List<String> warnings) {
        LinkPlanner planner = new LinkPlanner(profiles, keys, warnings);
        for (Declarations.Reference reference : declared.references()) {
            Probe probe = probes.get(FieldPath.top(reference.collection(), reference.field()));
            boolean checked = probe != null
                    && probe.targets().equals(List.of(target(reference.to(), reference.toField())));
            planner.declared(reference, checked ? probe : null);
        }
        for (Probe probe : probes.values()) {
            if (!planner.links.containsKey(probe.path()) && !declaredPath(declared, probe.path())) {
                planner.detected(probe);
            }
        }
        return planner.links;
    }

    private static boolean declaredPath(Declarations declared, FieldPath path) {
        return path.array() == null && declared.references().stream()
                .anyMatch(r -> r.collection().equals(path.collection()) && r.field().equals(path.field()));
    }

    private void declared(Declarations.Reference reference, Probe probe) {
        FieldPath path = FieldPath.top(reference.collection(), reference.field());
        String what = "declared reference " + path + " → " + reference.to()
                + (reference.toField() == null ? "" : "." + reference.toField());
        if (links.containsKey(path)) {
            warnings.add(what + " is declared again; the first declaration is used");
            return;
        }
        CollectionProfile from = profiles.get(reference.collection());
        FieldProfile field = from == null ? null : from.field(reference.field());
        if (field == null || field.nonNull() == 0) {
            warnings.add(what + ": no document has a value for " + path + "; nothing is planned for it");
            return;
        }
        String referenced = referencedType(reference.to(), reference.toField(), what);
        if (referenced == null) {
            return;
        }
        boolean array = field.kinds().only(ValueKind.ARRAY);
        if (!array && field.kinds().get(ValueKind.ARRAY) > 0) {
            warnings.add(what + ": " + path + " holds arrays and single values, so it is neither a column nor a "
                    + "junction of references; it is planned as an ordinary field");
            return;
        }
        String own = ownType(field, array);
        String type = compatible(own, referenced);
        if (type == null) {
            warnings.add(what + ": its values are " + own + " but the referenced column is " + referenced
                    + "; no foreign key can join them, so it is planned as an ordinary field");
            return;
        }
        String reason = "declared reference to " + target(reference.to(), reference.toField()) + (probe == null
                ? " (its values cannot be checked: the first read kept no values of the referenced key)"
                : ": " + share(probe, 0) + " found there");
        if (probe != null) {
            dangling(warnings, probe, 0, path, target(reference.to(), reference.toField()));
        }
        links.put(path, new Link(path, array, reference.to(), reference.toField(), type, true,
                probe == null ? 0 : probe.pairs(), reason, null));
    }

    private void detected(Probe probe) {
        int best = probe.best();
        if (best < 0 || probe.values() == 0) {
            return;
        }
        String to = probe.targets().get(best);
        long found = probe.found(best);
        if (found * 100 < probe.values() * SHARE_PERCENT) {
            if (found * 2 > probe.values()) {
                warnings.add(probe.path() + ": only " + share(probe, best) + " are _ids of " + to + ", fewer than "
                        + SHARE_PERCENT + "%, so it is not planned as a reference; declare it under "
                        + "declarations.references if it is one");
            }
            return;
        }
        CollectionKey key = keys.get(to);
        if (!key.uuid()) {
            warnings.add(probe.path() + ": " + share(probe, best) + " are _ids of " + to + ", but " + to
                    + " is not keyed by its ObjectIds alone, so no foreign key is planned");
            return;
        }
        FieldProfile field = fieldProfile(probe.path());
        boolean array = field.kinds().only(ValueKind.ARRAY);
        dangling(warnings, probe, best, probe.path(), to);
        links.put(probe.path(), new Link(probe.path(), array, to, null, "uuid", false, probe.pairs(),
                "references " + to + ": " + share(probe, best) + " are its _ids", null));
    }

    /** The type of the referenced column, or null (with a warning) when it cannot be referenced. */
    private String referencedType(String to, String toField, String what) {
        CollectionProfile target = profiles.get(to);
        if (target == null) {
            warnings.add(what + ": there is no collection " + to + "; nothing is planned for it");
            return null;
        }
        if (toField == null) {
            CollectionKey key = keys.get(to);
            if (key.columns().size() != 1) {
                warnings.add(what + ": " + to + "'s key has " + key.columns().size() + " columns, which one field "
                        + "cannot reference; nothing is planned for it");
                return null;
            }
            return key.columns().get(0).type();
        }
        FieldProfile field = target.field(toField);
        DocumentColumnTyper.Typed typed = field == null ? null : DocumentColumnTyper.type(field);
        if (typed == null || typed.array() || typed.type().equals("jsonb")) {
            warnings.add(what + ": " + to + "." + toField + " is " + (typed == null ? "in no document"
                    : typed.type()) + ", which a foreign key cannot reference; nothing is planned for it");
            return null;
        }
        return typed.type();
    }

    private FieldProfile fieldProfile(FieldPath path) {
        CollectionProfile profile = profiles.get(path.collection());
        if (path.array() == null) {
            return profile.field(path.field());
        }
        return profile.field(path.array()).array().elements().fields().field(path.field(), false);
    }

    private static String ownType(FieldProfile field, boolean array) {
        if (!array) {
            return KeyPlanner.idType(field).type();
        }
        String type = DocumentColumnTyper.type(field).type();
        return type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    }

    /**
     * The type a referencing column of {@code own} values takes to reference a column of type {@code referenced}:
     * the same type, or for two integer types the wider (PostgreSQL joins integer types in a foreign key); null when
     * none can.
     */
    static String compatible(String own, String referenced) {
        if (own.equals(referenced)) {
            return own;
        }
        if (INTEGERS.contains(own) && INTEGERS.contains(referenced)) {
            return INTEGERS.indexOf(own) > INTEGERS.indexOf(referenced) ? own : referenced;
        }
        return null;
    }

    /** Warns of the values of {@code path} that are not keys of {@code to}, the probe's target {@code target}. */
    static void dangling(List<String> warnings, Probe probe, int target, FieldPath path, String to) {
        long missing = probe.values() - probe.found(target);
        if (missing > 0) {
            String examples = probe.missing().isEmpty() ? "" : " (e.g. " + String.join(", ", probe.missing()) + ")";
            warnings.add(path + ": " + missing + " of " + probe.values() + " values not in " + to + examples
                    + "; those rows land with them, and validate and finalize name them");
        }
    }

    static String target(String to, String toField) {
        return toField == null ? to : to + "." + toField;
    }

    static String share(Probe probe, int target) {
        return probe.found(target) + " of " + probe.values() + " values";
    }
}
