package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;

/** {@code CASE} expressions, always written in PostgreSQL's searched form. */
final class Cases {
    private Cases() {
    }

    /**
     * {@code CASE WHEN c1 THEN r1 ... ELSE e END}.
     *
     * @param otherwise the ELSE value, or null
     */
    static Expr searched(List<Expr> conditions, List<Expr> results, Expr otherwise) {
        List<Expr> values = new ArrayList<>(results);
        if (otherwise != null) {
            values.add(otherwise);
        }
        List<Expr> unified = Operators.unify(values);
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(" WHEN ").append(Operators.truth(conditions.get(i)).sql()).append(" THEN ")
                    .append(unified.get(i).sql());
        }
        if (otherwise != null) {
            sql.append(" ELSE ").append(unified.get(unified.size() - 1).sql());
        }
        ValueType type = unified.stream().map(Expr::type).filter(t -> t != ValueType.NULL).findFirst()
                .orElse(ValueType.NULL);
        return Expr.atom(sql.append(" END").toString(), type);
    }
}
