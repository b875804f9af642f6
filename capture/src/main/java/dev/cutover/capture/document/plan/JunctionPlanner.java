package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.DocumentPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans a junction table for every top-level array of references: the owning document's key and the element, a
 * composite primary key of both, a foreign key to each side (the owner's cascading: the pairs belong to the document),
 * and an index on the element column. Two collections that list each other ({@code A.bIds} and {@code B.aIds}) share
 * one junction when both references are declared or their pairs agree; each side then feeds it through its own
 * {@link ArrayFeed}. The lists of a Prisma relation share one junction exactly when the schema pairs them, and the
 * junction keeps the name Prisma would give it as an alias.
 */
final class JunctionPlanner {
    private final Planning planning;
    private final Set<FieldPath> done = new HashSet<>();

    private JunctionPlanner(Planning planning) {
        this.planning = planning;
    }

    static void plan(Planning planning) {
        JunctionPlanner planner = new JunctionPlanner(planning);
        for (Link link : new ArrayList<>(planning.links.values())) {
            if (link.array() && link.path().array() == null && planner.done.add(link.path())) {
                planner.plan(link);
            }
        }
    }

    private void plan(Link link) {
        Link partner = partner(link);
        if (partner == null) {
            single(link);
            return;
        }
        boolean agree = planning.probes.get(link.path()).samePairsAs(planning.probes.get(partner.path()));
        if (agree || (link.declared() && partner.declared())) {
            done.add(partner.path());
            shared(link, partner, agree);
        } else {
            planning.warnings.add(link.path() + " and " + partner.path() + " list each other but name different pairs, "
                    + "so each has its own junction table; declare both references to share one");
            single(link);
        }
    }

    /**
     * The array of a relation's partner; else the first array of references that lists {@code link}'s collection from
     * the collection it references.
     */
    private Link partner(Link link) {
        if (link.relation() != null) {
            Link partner = link.relation().partner() == null ? null
                    : planning.links.get(FieldPath.top(link.to(), link.relation().partner()));
            return partner != null && partner.relation() != null && partner.array() && !done.contains(partner.path())
                    && link.toKey() && partner.toKey() ? partner : null;
        }
        if (!link.toKey() || link.to().equals(link.path().collection())) {
            return null;
        }
        return planning.links.values().stream().filter(other -> other.array() && other.toKey()
                && other.relation() == null
                && other.path().array() == null && !done.contains(other.path())
                && other.path().collection().equals(link.to()) && other.to().equals(link.path().collection()))
                .findFirst().orElse(null);
    }

    private void single(Link link) {
        DocumentTableDraft owner = planning.mains.get(link.path().collection());
        DocumentTableDraft referenced = planning.mains.get(link.to());
        DocumentTableDraft junction = draft(link, owner.target + "_" + link.path().field());
        List<String> owners = Planning.ownerColumns(junction, owner, ownerNote(owner));
        String elementBase = (link.to().equals(link.path().collection()) ? link.path().field() : referenced.target)
                + "_" + suffix(link, referenced);
        String element = junction.names.added(elementBase);
        junction.columns.add(DocumentTableDraft.column(DocumentPlan.ELEMENT, element, link.type(), true,
                "an element of " + link.path() + ": " + link.reason() + "."));
        finish(junction, owners, element, link.pairs());
        junction.notes.add("junction of " + link.path() + " → " + target(link) + ": one row per distinct element of "
                + "a document's array, replaced as a set on every change of the document");
        planning.foreignKey(junction, owners, owner.target, owner.keyColumns(), "CASCADE");
        if (link.toKey()) {
            planning.foreignKey(junction, List.of(element), referenced.target, referenced.keyColumns(), "NO ACTION");
        } else {
            ReferenceConstraints.toField(planning, junction, element, link);
        }
        owner.feeds.add(new ArrayFeed(link.path().field(), ArrayFeed.Kind.JUNCTION, junction.target, owners, element));
        planning.addOwned(link.path().collection(), junction);
        aliases(junction, link);
    }

    private void shared(Link link, Link partner, boolean agree) {
        DocumentTableDraft a = planning.mains.get(link.path().collection());
        DocumentTableDraft b = planning.mains.get(link.to());
        DocumentTableDraft junction = draft(link, a.target + "_" + b.target);
        List<String> aSide = Planning.ownerColumns(junction, a, ownerNote(a));
        String bSide = junction.names.added(Planning.ownerColumn(b.target, b.keyColumns().get(0)));
        junction.columns.add(DocumentTableDraft.column(DocumentPlan.ELEMENT, bSide, link.type(), true,
                "an element of " + link.path() + ", or the key of a " + b.source + " document listing the "
                        + a.source + " document in " + partner.path().field() + "."));
        finish(junction, aSide, bSide, link.pairs());
        junction.notes.add("junction shared by " + link.path() + " and " + partner.path() + ", which list each other ("
                + (agree ? "their " + link.pairs() + " pairs agree" : link.relation() != null
                ? "one Prisma relation; their pairs differ" : "declared; their pairs differ") + "): each "
                + "side's change replaces the pairs it names");
        if (!agree) {
            planning.warnings.add(link.path() + " and " + partner.path() + " are " + (link.relation() != null
                    ? "the two sides of one Prisma relation" : "declared references to each other") + " but "
                    + "name different pairs; their shared junction holds, for each document, the pairs of the side "
                    + "changed last, and validate reports the difference");
        }
        planning.foreignKey(junction, aSide, a.target, a.keyColumns(), "CASCADE");
        planning.foreignKey(junction, List.of(bSide), b.target, b.keyColumns(), "CASCADE");
        a.feeds.add(new ArrayFeed(link.path().field(), ArrayFeed.Kind.JUNCTION, junction.target, aSide, bSide));
        b.feeds.add(new ArrayFeed(partner.path().field(), ArrayFeed.Kind.JUNCTION, junction.target, List.of(bSide),
                aSide.get(0)));
        planning.addOwned(link.path().collection(), junction);
        aliases(junction, link);
    }

    /** For a Prisma relation: the implicit many-to-many table Prisma would make, and its columns A and B. */
    private static void aliases(DocumentTableDraft junction, Link link) {
        if (link.relation() != null) {
            String owner = link.relation().implicitColumn();
            junction.aliases.put(DocumentPlan.TABLE_ALIAS, link.relation().implicitTable());
            junction.aliases.put(DocumentPlan.OWNER, owner);
            junction.aliases.put(DocumentPlan.ELEMENT, owner.equals("A") ? "B" : "A");
        }
    }

    private DocumentTableDraft draft(Link link, String base) {
        DocumentTableDraft junction = new DocumentTableDraft(
                link.path().collection() + "." + link.path().field() + "[]",
                planning.names.generated("table", null, base), planning.names);
        junction.document = DocumentPlan.owned(link.path().collection(), link.path().field(), null);
        return junction;
    }

    private void finish(DocumentTableDraft junction, List<String> owners, String element, long pairs) {
        planning.ownedKey(junction, owners, DocumentPlan.ELEMENT, element);
        junction.rows = pairs;
        planning.index(junction, element, "the junction's second column, for lookups from the referenced side");
    }

    private static String ownerNote(DocumentTableDraft owner) {
        return "the key of the " + owner.source + " document whose array holds the element";
    }

    private static String suffix(Link link, DocumentTableDraft referenced) {
        String column = link.toKey() ? referenced.keyColumns().get(0)
                : referenced.column(link.toField()).map(c -> c.target()).orElse(link.toField());
        return column.startsWith("_") ? column.substring(1) : column;
    }

    private static String target(Link link) {
        return link.toKey() ? link.to() : link.to() + "." + link.toField();
    }
}
