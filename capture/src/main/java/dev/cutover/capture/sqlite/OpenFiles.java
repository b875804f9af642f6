package dev.cutover.capture.sqlite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which other process has a file open, as Linux's {@code /proc} shows it (only the processes this user may inspect);
 * empty elsewhere.
 */
final class OpenFiles {
    private static final Path PROC = Path.of("/proc");

    private OpenFiles() {
    }

    /** The first other process found with one of {@code files} open, as "process PID (COMMAND)"; empty when none. */
    static Optional<String> holder(List<Path> files) {
        if (!Files.isDirectory(PROC.resolve("self").resolve("fd"))) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        List<Path> real = files.stream().map(OpenFiles::real).toList();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                if (Long.parseLong(process.getFileName().toString()) != self && holds(process, real)) {
                    return Optional.of("process " + process.getFileName() + " (" + command(process) + ")");
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path process, List<Path> files) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                if (files.contains(Files.readSymbolicLink(descriptor))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    /** The file as the kernel names it: its directory with symbolic links resolved. */
    private static Path real(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            return absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
