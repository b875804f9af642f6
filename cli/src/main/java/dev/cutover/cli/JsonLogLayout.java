package dev.cutover.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.sink.PgTarget;
import java.time.Instant;
import java.util.Map;

/**
 * {@code --log-format json}: one JSON object a line, for log pipelines: {@code time} (ISO-8601), {@code level},
 * {@code stage} (capture, transform, sink, validator or run, from the logger of Cutover's own lines), {@code logger},
 * {@code thread}, {@code message}, the MDC's fields (e.g. {@code table}) and, for a failure, {@code error} and
 * {@code stack}. Passwords in URLs are masked as in every other line.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STAGES = {"capture", "transform", "sink", "validator"};

    @Override
    public String doLayout(ILoggingEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        String stage = stage(event.getLoggerName());
        if (stage != null) {
            line.put("stage", stage);
        }
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("message", event.getFormattedMessage() == null ? "" : PgTarget.mask(event.getFormattedMessage()));
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> {
                if (!line.has(key)) {
                    line.put(key, value);
                }
            });
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error", PgTarget.mask(error.getClassName() + ": " + error.getMessage()));
            line.put("stack", PgTarget.mask(ThrowableProxyUtil.asString(error)));
        }
        try {
            return JSON.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"a log line could not be written as JSON\"}" + System.lineSeparator();
        }
    }

    /** The stage a Cutover logger belongs to (its module); null for other libraries' loggers. */
    static String stage(String logger) {
        if (!logger.startsWith("dev.cutover.")) {
            return null;
        }
        for (String stage : STAGES) {
            if (logger.startsWith("dev.cutover." + stage + ".")) {
                return stage;
            }
        }
        return "run";
    }
}
