package org.allyledger.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of every service: a value is read as it was sent or refused, never coerced.
 * <ul>
 *   <li>nothing may follow the document; unknown fields are refused (a misspelt field is not silently ignored);</li>
 *   <li>an enum is named, never given by ordinal; a whole number is never {@code 1.5}; strings, numbers and booleans are not
 *       converted into each other; {@code null} is not a primitive;</li>
 *   <li>text never holds control characters (tab, line feed and carriage return excepted) or unpaired surrogates;</li>
 *   <li>dates are {@code YYYY-MM-DD} and months {@code YYYY-MM}, within {@link TextRules#EARLIEST} and {@link TextRules#LATEST}.</li>
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** After Quarkus's own customizers, whose JavaTimeModule would otherwise replace the date rules below. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** Applies the configuration to a mapper made outside Quarkus (tests, tools). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        for (LogicalType type : new LogicalType[]{LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Enum, LogicalType.DateTime}) {
            for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString}) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        // a string is a string of its own kind; the scalar deserializers below read their own shape
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.setDefaultLeniency(false);
        SimpleModule module = new SimpleModule("allyledger-strict");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(LocalDate.class, new TemporalDeserializer<>(LocalDate.class, DATE, LocalDate::parse,
                "must be a date YYYY-MM-DD from " + TextRules.EARLIEST + " to " + TextRules.LATEST,
                date -> date.getYear() >= TextRules.EARLIEST.getYear() && !date.isAfter(TextRules.LATEST)));
        module.addDeserializer(YearMonth.class, new TemporalDeserializer<>(YearMonth.class, MONTH, YearMonth::parse,
                "must be a month YYYY-MM from " + YearMonth.from(TextRules.EARLIEST) + " to " + YearMonth.from(TextRules.LATEST),
                month -> month.getYear() >= TextRules.EARLIEST.getYear() && month.getYear() <= TextRules.LATEST.getYear()));
        mapper.registerModule(module);
        return mapper;
    }

    /** Text as it was sent, or a field-level refusal: no coercion from other JSON types, no control characters. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {
        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidValueException.of(parser, "must be a string");
            }
            String text = parser.getText();
            String problem = TextRules.problem(text);
            if (problem != null) {
                throw InvalidValueException.of(parser, problem);
            }
            return text;
        }
    }

    /** A date or month in its one ISO form and the documented range; nothing else is turned into one. */
    static final class TemporalDeserializer<T> extends StdScalarDeserializer<T> {
        private final Pattern shape;
        private final Function<String, T> parse;
        private final String rule;
        private final java.util.function.Predicate<T> inRange;

        TemporalDeserializer(Class<T> type, Pattern shape, Function<String, T> parse, String rule, java.util.function.Predicate<T> inRange) {
            super(type);
            this.shape = shape;
            this.parse = parse;
            this.rule = rule;
            this.inRange = inRange;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING || !shape.matcher(parser.getText()).matches()) {
                throw InvalidValueException.of(parser, rule);
            }
            try {
                T value = parse.apply(parser.getText());
                if (inRange.test(value)) {
                    return value;
                }
            } catch (DateTimeException notADate) {
                // e.g. 2026-02-30
            }
            throw InvalidValueException.of(parser, rule);
        }
    }
}
