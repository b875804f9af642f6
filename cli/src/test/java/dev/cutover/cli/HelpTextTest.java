package dev.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders cleanly: picocli formats descriptions, so a stray '%' garbles them with a warning. */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        CommandLine main = new CommandLine(new Main());
        Map<String, CommandLine> commands = main.getSubcommands();
        assertTrue(commands.size() >= 9, "expected every subcommand, found " + commands.keySet());
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder usage = new StringBuilder(main.getUsageMessage());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine command : commands.values()) {
                usage.append(command.getUsageMessage());
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "picocli complained while rendering help");
        String text = usage.toString().replaceAll("\\s+", " ");
        assertTrue(text.contains("about ±15% from run to run"), "the bench --rounds text, with its percent");
        assertFalse(text.contains("%n"), "an unformatted description leaked into the help");
    }

    /** The shared --source, --target and --kafka read as each command uses them (OptionTexts.properties). */
    @Test
    void shouldDescribeTheSharedOptionsAsEachCommandUsesThem() {
        Map<String, CommandLine> commands = new CommandLine(new Main()).getSubcommands();
        String plan = commands.get("plan").getUsageMessage().replaceAll("\\s+", " ");
        String run = commands.get("run").getUsageMessage().replaceAll("\\s+", " ");
        String validate = commands.get("validate").getUsageMessage().replaceAll("\\s+", " ");
        String export = commands.get("export").getUsageMessage().replaceAll("\\s+", " ");

        assertTrue(plan.contains("--target=URL PostgreSQL whose existing tables"), plan);
        assertTrue(run.contains("Default: an embedded PostgreSQL in the work directory."), run);
        assertTrue(run.contains("--kafka=BOOTSTRAP Kafka bootstrap servers"), run);
        assertTrue(validate.contains("Default: the work directory's embedded PostgreSQL."), validate);
        assertTrue(validate.contains("--kafka=BOOTSTRAP Kafka whose topics hold changes on their way."), validate);
        assertTrue(export.contains("--source=URI The SQLite source"), export);
    }
}
