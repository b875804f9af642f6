package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How {@code status}, {@code finalize} and {@code stop} talk to the running {@code cutover run}. */
final class RunClient {
    private final RunInfo run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunClient(RunInfo run) {
        this.run = run;
    }

    /** The client of the run active in {@code work}; a clear error when none is. */
    static RunClient of(WorkDir work, String command) {
        return new RunClient(RunInfo.active(work).orElseThrow(() -> CutoverException.config("no `cutover run` is active "
                + "in " + work.root() + "; " + command + " talks to a running migration: start it with `cutover run "
                + "--source ... --work " + work.root() + "`, or give the --work DIR it runs in")));
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Duration.ofSeconds(30));
    }

    /** A GET whose answer is returned whatever its HTTP status (e.g. /health's 503). */
    Response getAnyStatus(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                    .header(StatusServer.TOKEN_HEADER, run.token()).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    record Response(int code, String body) {
    }

    String post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), Duration.ofSeconds(30));
    }

    /** Copies a streamed text response to {@code out}; returns the exit code its last line carries. */
    int postStreaming(String path, PrintStream out) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header(StatusServer.TOKEN_HEADER, run.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int code = 1;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("EXIT ")) {
                        code = Integer.parseInt(line.substring(5).trim());
                    } else {
                        out.println(line);
                    }
                }
            }
            return code;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    long pid() {
        return run.pid();
    }

    private URI uri(String path) {
        String host = run.localHost().contains(":") ? "[" + run.localHost() + "]" : run.localHost();
        return URI.create("http://" + host + ":" + run.port() + path);
    }

    private String send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.header(StatusServer.TOKEN_HEADER, run.token())
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 500) {
                throw CutoverException.config("the running cutover could not answer: " + response.body().strip());
            }
            if (response.statusCode() != 200) {
                throw CutoverException.config("the running cutover refused the request (HTTP " + response.statusCode()
                        + "); is run.json from another run?");
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private CutoverException unreachable(Exception e) {
        return CutoverException.config("cannot reach the running cutover (pid " + run.pid() + ", port " + run.port()
                + "): " + e.getMessage());
    }
}
