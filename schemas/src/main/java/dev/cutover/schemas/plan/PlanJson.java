package dev.cutover.schemas.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code plan.json}. Output is stable: the same plan always gives the same bytes. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private PlanJson() {
    }

    public static String toJson(Plan plan) {
        try {
            return MAPPER.writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan cannot be written as JSON", e);
        }
    }

    public static Plan fromJson(String json) {
        try {
            Plan plan = MAPPER.readValue(json, Plan.class);
            if (plan.formatVersion() != Plan.FORMAT_VERSION) {
                throw CutoverException.config("plan format version " + plan.formatVersion() + " is not supported (expected "
                        + Plan.FORMAT_VERSION + "); run `cutover plan` again to write a current plan");
            }
            return plan;
        } catch (JsonProcessingException e) {
            throw CutoverException.config("plan.json is not a valid plan (" + e.getOriginalMessage()
                    + "); fix the edit or run `cutover plan` again");
        }
    }

    public static void write(Plan plan, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson(plan), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CutoverException.config("cannot write the plan to " + file + ": " + e.getMessage());
        }
    }

    public static Plan read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw CutoverException.config("no plan at " + file + "; run `cutover plan` first");
        } catch (IOException e) {
            throw CutoverException.config("cannot read the plan at " + file + ": " + e.getMessage());
        }
    }
}
