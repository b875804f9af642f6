package dev.cutover.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process with a SQLite file open, as an application would have it: {@code idle} (a connection and nothing
 * else) or {@code reading} (a read transaction open). Started by a test; holds the file until the test closes it.
 */
final class DatabaseHolder implements AutoCloseable {
    private final Process process;

    private DatabaseHolder(Process process) {
        this.process = process;
    }

    /** Starts the holder and returns once it holds the file. */
    static DatabaseHolder hold(Path file, String how) throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), DatabaseHolder.class.getName(), file.toString(), how);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int ready = process.getInputStream().read();
        if (ready != 'h') {
            process.destroyForcibly();
            throw new IOException("the holder process did not start holding " + file);
        }
        return new DatabaseHolder(process);
    }

    /** Lets go of the file (the process ends when its standard input closes). */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
            if (args[1].equals("reading")) {
                connection.setAutoCommit(false);
                statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
            }
            System.out.write('h');
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
