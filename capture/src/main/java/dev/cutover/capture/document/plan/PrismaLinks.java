package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.Declarations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The references of a source mapped by a Prisma schema. Each relation of the schema is one, whatever the data holds
 * (the data's share of values found goes in the note, the values not found in a warning): a scalar field becomes a
 * column with a foreign key, a list a junction shared with its partner. A field the schema stores without a relation is
 * no reference unless the operator declares it one; a collection no model maps is planned from its data as without a
 * schema.
 */
final class PrismaLinks {
    private PrismaLinks() {
    }

    /**
     * @param applied the operator's declarations that apply beside the schema ({@link PrismaMapping#applied})
     */
    static Map<FieldPath, Link> decide(PrismaMapping prisma, Map<String, CollectionProfile> profiles,
            Map<String, CollectionKey> keys, Map<FieldPath, Probe> probes, Declarations applied,
            List<String> warnings) {
        Map<FieldPath, Probe> unmapped = new LinkedHashMap<>();
        probes.forEach((path, probe) -> {
            if (!prisma.covers(path.collection(), path.array() == null ? path.field() : path.array())
                    || declared(applied, path)) {
                unmapped.put(path, probe);
            }
        });
        Map<FieldPath, Link> links = LinkPlanner.decide(profiles, keys, unmapped, applied, warnings);
        for (String collection : profiles.keySet()) {
            PrismaMapping.Model model = prisma.model(collection).orElse(null);
            for (PrismaMapping.Relation relation : model == null ? List.<PrismaMapping.Relation>of()
                    : model.relations()) {
                Link link = link(prisma, relation, keys, probes.get(FieldPath.top(model.collection(),
                        relation.field())), warnings);
                if (link != null) {
                    links.put(link.path(), link);
                }
            }
        }
        return links;
    }

    private static boolean declared(Declarations applied, FieldPath path) {
        return path.array() == null && applied.references().stream()
                .anyMatch(r -> r.collection().equals(path.collection()) && r.field().equals(path.field()));
    }

    private static Link link(PrismaMapping prisma, PrismaMapping.Relation relation, Map<String, CollectionKey> keys,
            Probe probe, List<String> warnings) {
        FieldPath path = FieldPath.top(relation.collection(), relation.field());
        String what = "Prisma relation " + (relation.name() == null ? "" : "\"" + relation.name() + "\" ") + path
                + " → " + LinkPlanner.target(relation.to(), relation.toField());
        String referenced = referencedType(prisma, relation, keys);
        PrismaMapping.Field field = prisma.model(relation.collection()).flatMap(m -> m.field(relation.field()))
                .orElseThrow();
        String own = PrismaTypes.type(field, null).replace("[]", "");
        String type = referenced == null ? null : LinkPlanner.compatible(own, referenced);
        if (type == null) {
            warnings.add(what + " is not a foreign key: " + path + " holds " + own + " but the referenced column is "
                    + (referenced == null ? "not a single column of one type" : referenced)
                    + "; it is planned as an ordinary field");
            return null;
        }
        String reason = what + (probe == null ? "" : ": " + LinkPlanner.share(probe, 0) + " found there");
        if (probe != null) {
            LinkPlanner.dangling(warnings, probe, 0, path, LinkPlanner.target(relation.to(), relation.toField()));
        }
        return new Link(path, relation.array(), relation.to(), relation.toField(), type, true,
                probe == null ? 0 : probe.pairs(), reason, relation);
    }

    /** The referenced column's type: the referenced model's key, or its referenced field's. */
    private static String referencedType(PrismaMapping prisma, PrismaMapping.Relation relation,
            Map<String, CollectionKey> keys) {
        if (relation.toField() == null) {
            CollectionKey key = keys.get(relation.to());
            return key.columns().size() == 1 ? key.columns().get(0).type() : null;
        }
        return prisma.model(relation.to()).flatMap(m -> m.field(relation.toField()))
                .filter(f -> !f.list() && f.kind() == PrismaMapping.Kind.SCALAR)
                .map(f -> PrismaTypes.type(f, null)).orElse(null);
    }
}
