package dev.cutover.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.schemas.plan.NumericDates;

/** Test helpers: build a converter for a type, convert, and check failures. */
final class Convert {
    static final String COLUMN = "col";

    private Convert() {
    }

    static ColumnConverter to(String targetType) {
        return Converters.forType(COLUMN, targetType, null);
    }

    static ColumnConverter to(String targetType, NumericDates numericDates) {
        return Converters.forType(COLUMN, targetType, numericDates);
    }

    /** The converted value, a {@link Long} given as the decimal text it stands for. */
    static Object convert(String targetType, Object raw) {
        return text(to(targetType).convert(raw));
    }

    static Object convert(String targetType, NumericDates numericDates, Object raw) {
        return text(to(targetType, numericDates).convert(raw));
    }

    static Object text(Object converted) {
        return converted instanceof Long number ? number.toString() : converted;
    }

    /**
     * Asserts the conversion fails with a message that starts with the column, the target type and the value's
     * description and contains each fragment; returns the exception.
     */
    static ConversionException fails(String targetType, Object raw, String... fragments) {
        return fails(targetType, null, raw, fragments);
    }

    static ConversionException fails(String targetType, NumericDates numericDates, Object raw, String... fragments) {
        ColumnConverter converter = to(targetType, numericDates);
        ConversionException e = catchThrowableOfType(ConversionException.class, () -> converter.convert(raw));
        assertThat(e).as("converting %s to %s should fail", ValueText.describe(raw), targetType).isNotNull();
        assertThat(e.getMessage())
                .startsWith("column \"" + COLUMN + "\" (" + targetType + "): " + ValueText.describe(raw) + " ")
                .doesNotContain("\n");
        for (String fragment : fragments) {
            assertThat(e.getMessage()).contains(fragment);
        }
        assertThat(e.value()).isEqualTo(raw);
        assertThat(e.column()).isEqualTo(COLUMN);
        assertThat(e.targetType()).isEqualTo(targetType);
        return e;
    }
}
