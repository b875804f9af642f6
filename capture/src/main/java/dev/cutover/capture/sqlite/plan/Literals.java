package dev.cutover.capture.sqlite.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.Identifiers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How an SQLite literal reads as a value of a PostgreSQL type (for defaults and comparisons). */
final class Literals {
    /** PostgreSQL's boolean input words; the same set planning accepts in a boolean column. */
    static final Set<String> TRUE_WORDS = Set.of("1", "true", "t", "yes", "y", "on");
    static final Set<String> FALSE_WORDS = Set.of("0", "false", "f", "no", "n", "off");

    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern TIMESTAMP =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?))?Z?");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Literals() {
    }

    /**
     * The literal as a default or generated value of the given type, in PostgreSQL syntax.
     *
     * @throws Untranslatable when the value does not fit the type
     */
    static String asValue(Expr literal, String pgType) {
        ValueType type = ValueType.ofPg(pgType);
        Expr.Literal lit = literal.literal();
        switch (lit.kind()) {
            case NUMBER: return number(lit.value(), type, pgType);
            case BOOLEAN_KEYWORD: return booleanKeyword(lit.value().equals("1"), type);
            case STRING: return string(lit.value(), type, pgType);
            case BLOB:
                if (type == ValueType.BYTEA) {
                    return literal.sql();
                }
                throw new Untranslatable("a blob literal for a " + pgType + " column");
            default:
                throw new Untranslatable("literal " + literal.sql());
        }
    }

    /**
     * The literal as the other operand of a comparison with a value of the given type.
     *
     * @throws Untranslatable when SQLite and PostgreSQL would compare differently
     */
    static Expr comparedWith(Expr literal, ValueType type) {
        Expr.Literal lit = literal.literal();
        switch (lit.kind()) {
            case NULL:
                return literal;
            case BLOB:
                if (type == ValueType.BYTEA) {
                    return literal;
                }
                break;
            case BOOLEAN_KEYWORD:
            case NUMBER:
                if (type.isNumeric()) {
                    return literal;
                }
                if (type == ValueType.BOOLEAN && (isZero(lit.value()) || isOne(lit.value()))) {
                    return Expr.atom(isOne(lit.value()) ? "true" : "false", ValueType.BOOLEAN);
                }
                if (type == ValueType.TEXT && isInteger(lit.value())) {
                    return Expr.string(canonicalInteger(lit.value()));
                }
                break;
            case STRING:
                if (stringFits(lit.value(), type)) {
                    return new Expr(literal.sql(), type, Expr.Form.ATOM, lit, null);
                }
                if (type == ValueType.BOOLEAN && booleanWord(lit.value()).isPresent()) {
                    return Expr.atom(booleanWord(lit.value()).get().toString(), ValueType.BOOLEAN);
                }
                break;
            default:
                break;
        }
        throw new Untranslatable("literal " + literal.sql() + " compared with a " + type.name().toLowerCase(Locale.ROOT)
                + " value");
    }

    private static boolean stringFits(String value, ValueType type) {
        switch (type) {
            case TEXT: return true;
            case INTEGER: case DECIMAL: return decimal(value).isPresent();
            case DATE: return isDate(value);
            case TIMESTAMP: return isTimestamp(value);
            case TIME: return isTime(value);
            case UUID: return UUID.matcher(value).matches();
            default: return false;
        }
    }

    private static String number(String text, ValueType type, String pgType) {
        BigDecimal value = decimal(text).orElseThrow(() -> new Untranslatable("number " + text));
        switch (type) {
            case INTEGER:
                if (value.stripTrailingZeros().scale() > 0) {
                    throw new Untranslatable("default " + text + " for an integer column");
                }
                return value.toBigInteger().toString();
            case DECIMAL:
                return value.toPlainString();
            case BOOLEAN:
                if (value.signum() == 0 || value.compareTo(BigDecimal.ONE) == 0) {
                    return value.signum() == 0 ? "false" : "true";
                }
                throw new Untranslatable("default " + text + " for a boolean column");
            case TEXT:
                return textOf(sqliteText(text, value), pgType);
            case JSON:
                return Identifiers.literal(value.toPlainString()) + "::jsonb";
            default:
                throw new Untranslatable("number " + text + " for a " + pgType + " column");
        }
    }

    private static String booleanKeyword(boolean value, ValueType type) {
        switch (type) {
            case BOOLEAN: return value ? "true" : "false";
            case INTEGER: case DECIMAL: return value ? "1" : "0";
            case TEXT: return value ? "'1'" : "'0'";
            default: throw new Untranslatable((value ? "TRUE" : "FALSE") + " for a " + type + " column");
        }
    }

    private static String string(String value, ValueType type, String pgType) {
        switch (type) {
            case TEXT: return textOf(value, pgType);
            case INTEGER: return number(value.trim(), ValueType.INTEGER, pgType);
            case DECIMAL: return number(value.trim(), ValueType.DECIMAL, pgType);
            case BOOLEAN:
                return booleanWord(value).map(Object::toString)
                        .orElseThrow(() -> new Untranslatable("default '" + value + "' for a boolean column"));
            case DATE: return typed(value, isDate(value), "date");
            case TIMESTAMP: return typed(value.replaceFirst("Z$", ""), isTimestamp(value), "timestamp");
            case TIME: return typed(value, isTime(value), "time");
            case JSON: return typed(value, isJson(value), "jsonb");
            case UUID: return typed(value, UUID.matcher(value).matches(), "uuid");
            default: throw new Untranslatable("default '" + value + "' for a " + pgType + " column");
        }
    }

    private static String typed(String value, boolean fits, String pgType) {
        if (!fits) {
            throw new Untranslatable("default '" + value + "' is not a valid " + pgType);
        }
        return Identifiers.literal(value) + "::" + pgType;
    }

    private static String textOf(String value, String pgType) {
        Matcher varchar = Pattern.compile("varchar\\((\\d+)\\)").matcher(pgType);
        if (varchar.matches() && value.codePointCount(0, value.length()) > Integer.parseInt(varchar.group(1))) {
            throw new Untranslatable("default '" + value + "' is longer than " + pgType);
        }
        return Identifiers.literal(value);
    }

    /** How SQLite writes a numeric literal stored in a TEXT column: integers as digits, reals with a fraction. */
    private static String sqliteText(String text, BigDecimal value) {
        if (isInteger(text)) {
            return value.toBigInteger().toString();
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.setScale(1, RoundingMode.UNNECESSARY).toPlainString()
                : stripped.toPlainString();
    }

    static Optional<BigDecimal> decimal(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.matches("[-+]?0[xX][0-9a-fA-F]+")) {
                boolean negative = trimmed.startsWith("-");
                BigInteger value = new BigInteger(trimmed.replaceFirst("^[-+]?0[xX]", ""), 16);
                return Optional.of(new BigDecimal(negative ? value.negate() : value));
            }
            if (!trimmed.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                return Optional.empty();
            }
            return Optional.of(new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String canonicalInteger(String text) {
        return decimal(text).map(d -> d.toBigInteger().toString()).orElse(text);
    }

    static boolean isInteger(String text) {
        return text.trim().matches("[-+]?(\\d+|0[xX][0-9a-fA-F]+)");
    }

    private static boolean isZero(String text) {
        return decimal(text).map(d -> d.signum() == 0).orElse(false);
    }

    private static boolean isOne(String text) {
        return decimal(text).map(d -> d.compareTo(BigDecimal.ONE) == 0).orElse(false);
    }

    static Optional<Boolean> booleanWord(String value) {
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return Optional.of(true);
        }
        return FALSE_WORDS.contains(word) ? Optional.of(false) : Optional.empty();
    }

    static boolean isDate(String value) {
        return DATE.matcher(value).matches() && validDate(value);
    }

    /** ISO-8601 date or date-time without a zone, or in UTC ({@code Z}). */
    static boolean isTimestamp(String value) {
        Matcher matcher = TIMESTAMP.matcher(value);
        return matcher.matches() && validDate(matcher.group(1)) && (matcher.group(2) == null || validTime(matcher.group(2)));
    }

    static boolean isTime(String value) {
        return TIME.matcher(value).matches() && validTime(value);
    }

    static boolean isJson(String value) {
        try {
            JSON.readTree(value);
            return !value.contains("\\u0000");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean validDate(String date) {
        try {
            LocalDate.parse(date);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean validTime(String time) {
        try {
            LocalTime.parse(time);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
