package dev.cutover.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.document.plan.NextCrmDocuments;
import dev.cutover.schemas.CutoverException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentBenchTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryGeneratedDocumentAsOneLineOfItsCollectionThatReadsBackEqual() throws Exception {
        Map<String, List<BsonDocument>> generated = new LinkedHashMap<>();
        NextCrmDocuments.generate(7, 5, (c, d) -> generated.computeIfAbsent(c, k -> new ArrayList<>()).add(d));

        long written = DocumentFiles.write(dir, 7, 5);

        Map<String, List<BsonDocument>> read = new LinkedHashMap<>();
        for (Path file : DocumentFiles.files(dir)) {
            List<BsonDocument> documents = new ArrayList<>();
            Files.readAllLines(file, StandardCharsets.UTF_8).forEach(line -> documents.add(BsonDocument.parse(line)));
            read.put(DocumentFiles.collection(file), documents);
        }
        assertThat(written).isEqualTo(29 * 5);
        assertThat(read).hasSize(29).isEqualTo(generated);
    }

    @Test
    void shouldLoadEveryTableAfterTheTablesAndBeforeTheKeysThenValidateTheForeignKeys() {
        String first = "CREATE TABLE \"public\".\"Users\" (\"_id\" uuid NOT NULL);";
        String second = String.join("\n",
                "CREATE INDEX \"Tasks_user_idx\" ON \"public\".\"Tasks\" (\"user\");",
                "ALTER TABLE \"public\".\"Tasks\" ADD CONSTRAINT \"Tasks_user_fkey\" FOREIGN KEY (\"user\") REFERENCES "
                        + "\"public\".\"Users\" (\"_id\") NOT VALID;",
                "ALTER TABLE \"public\".\"Say \"\"hi\"\"\" ADD CONSTRAINT \"a \"\"b\"\"\" FOREIGN KEY (\"x\") REFERENCES "
                        + "\"public\".\"Users\" (\"_id\") ON DELETE CASCADE NOT VALID;");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("Users", Path.of("/bench/0.copy"));
        files.put("Say \"hi\"", Path.of("/bench/it's.copy"));

        String script = CopyFiles.script(first, files, second);

        assertThat(script.lines().toList()).containsSubsequence("\\set ON_ERROR_STOP on", first,
                "\\copy \"public\".\"Users\" FROM '/bench/0.copy'",
                "\\copy \"public\".\"Say \"\"hi\"\"\" FROM '/bench/it''s.copy'",
                "CREATE INDEX \"Tasks_user_idx\" ON \"public\".\"Tasks\" (\"user\");",
                "ALTER TABLE \"public\".\"Tasks\" VALIDATE CONSTRAINT \"Tasks_user_fkey\";",
                "ALTER TABLE \"public\".\"Say \"\"hi\"\"\" VALIDATE CONSTRAINT \"a \"\"b\"\"\";");
    }

    @Test
    void shouldTakeMaxAsUnpacedAndRefuseARateThatIsNotPositive() {
        assertThat(BenchCommand.rate("200")).isEqualTo(200);
        assertThat(BenchCommand.rate("max")).isZero();
        for (String bad : List.of("0", "-5", "fast", "")) {
            assertThatThrownBy(() -> BenchCommand.rate(bad)).isInstanceOf(CutoverException.class)
                    .hasMessageContaining("--live-rates " + bad + " is not a rate");
        }
    }

    @Test
    void shouldMakeAboutAMillionDocumentsAndPairsAtScaleOne() {
        assertThat(DocumentBench.perModel(1)).isEqualTo(20_000);
        assertThat(DocumentBench.perModel(0.1)).isEqualTo(2_000);
    }
}
