package dev.cutover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command's logging, set up in code: Cutover's own warnings reach the terminal (stderr); everything else goes to
 * the log file in the work directory ({@code cutover.log.file}, set by {@link Main}). Set up in code because reading
 * and interpreting a {@code logback.xml} costs every command's start noticeably more. A {@code logback-test.xml} on
 * the class path, or {@code -Dlogback.configurationFile}, still wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String FILE_PROPERTY = "cutover.log.file";
    /** {@code json} for one JSON object a line (see {@link JsonLogLayout}); otherwise text. */
    static final String FORMAT_PROPERTY = "cutover.log.format";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getProperty(FILE_PROPERTY, "cutover.log"),
                "json".equals(System.getProperty(FORMAT_PROPERTY)));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}: everything at INFO and up into {@code logFile}, Cutover's warnings also on stderr. */
    static void apply(LoggerContext context, String logFile) {
        apply(context, logFile, false);
    }

    /** As {@link #apply(LoggerContext, String)}; with {@code json}, both as one JSON object a line. */
    static void apply(LoggerContext context, String logFile, boolean json) {
        // logback's own troubles (an unwritable log file) do not reach the terminal; the command reports its own
        context.getStatusManager().add(new NopStatusListener());
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logFile);
        file.setEncoder(json ? jsonEncoder(context)
                : encoder(context, "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n"));
        file.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        console.addFilter(warnings);
        console.setEncoder(json ? jsonEncoder(context) : encoder(context, "cutover: %level: %msg%n"));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        Logger cutover = context.getLogger("dev.cutover");
        cutover.setLevel(Level.INFO);
        cutover.setAdditive(false);
        cutover.addAppender(file);
        cutover.addAppender(console);
        for (String quiet : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        context.getLogger("org.flywaydb").setLevel(Level.INFO);
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
