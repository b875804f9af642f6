package dev.cutover.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-data sharing (CDS) archive the {@code ./cutover} launcher keeps beside the jar: the JVM maps the classes a
 * migration uses from it instead of loading and verifying them from the jar at every start (measured at bench scale 1:
 * 0.5 s and 1 CPU-second less per run; the embedded broker alone loads thousands of classes).
 * <p>
 * The launcher names the archive ({@value #PATH_PROPERTY}) and, while there is none for this jar and JVM, asks the
 * first {@code run} or {@code demo} to record one ({@value #RECORD_PROPERTY}, with the JVM option
 * {@code -XX:+RecordDynamicDumpInfo}). The archive is recorded only after the command succeeded, so a run that fails
 * early (a bad option, an unreachable server) cannot leave an archive missing most classes. It is written beside its
 * final name and moved there, so a second run started meanwhile never maps a half-written file.
 */
public final class ClassArchive {
    static final String PATH_PROPERTY = "cutover.class-archive";
    static final String RECORD_PROPERTY = "cutover.class-archive.record";
    private static final Logger log = LoggerFactory.getLogger(ClassArchive.class);

    private ClassArchive() {
    }

    /** JVM options that make a process started by Cutover (bench) map the archive; none when there is none yet. */
    public static List<String> useOptions() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + path, "-Xlog:cds*=off");
    }

    /** JVM options that make a {@code run} started by Cutover record the archive; none when it exists or has no path. */
    public static List<String> recordOptions() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || Files.exists(Path.of(path))) {
            return List.of();
        }
        return List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=off", "-D" + PATH_PROPERTY + "=" + path,
                "-D" + RECORD_PROPERTY + "=true");
    }

    /** Records the archive if the launcher asked for it; a failure only costs later starts their speed-up. */
    static void recordIfRequested() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || !Boolean.getBoolean(RECORD_PROPERTY)) {
            return;
        }
        String agent = agent(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (agent != null) {
            log.info("class archive not recorded: the JVM runs an agent ({}), and recording with one would end the JVM "
                    + "with an error", agent);
            return;
        }
        try {
            record(Path.of(path));
        } catch (IOException | JMException | RuntimeException e) {
            log.info("class archive not recorded ({}); later starts load every class from the jar", e.toString());
        }
    }

    /** The first agent among the JVM's options, or null: the JDK's CDS dump fails the whole JVM with one loaded. */
    public static String agent(List<String> jvmOptions) {
        for (String option : jvmOptions) {
            if (option.startsWith("-javaagent:") || option.startsWith("-agentpath:") || option.startsWith("-agentlib:")) {
                return option;
            }
        }
        return null;
    }

    /**
     * Dumps the classes loaded so far into {@code archive} (needs {@code -XX:+RecordDynamicDumpInfo}). The JDK announces
     * the dump on {@code System.out}, which is the command's output (JSON for some), so that is muted meanwhile.
     */
    static void record(Path archive) throws IOException, JMException {
        long started = System.nanoTime();
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
        PrintStream out = System.out;
        Object output;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            output = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", partial.toString()}},
                    new String[] {String[].class.getName()});
        } finally {
            System.setOut(out);
        }
        if (!Files.isRegularFile(partial)) {
            throw new IOException("the JVM wrote no archive: " + String.valueOf(output).strip());
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("class archive recorded in {} ms: {} (later starts map their classes from it)",
                (System.nanoTime() - started) / 1_000_000, archive);
    }
}
