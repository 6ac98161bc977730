package org.greenwave.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.greenwave.cli.Greenwave;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchDispatchTest {

    @Test
    void benchmarksAreSubcommandsByName() {
        CommandLine cli = new CommandLine(new Greenwave());
        assertThat(cli.getSubcommands().get("bench").getSubcommands().keySet())
                .contains("ingest", "pipeline", "optimizer", "capacity");
        // bench pipeline itself runs the service JVMs: deploy's PipelineBenchmarkTest runs it once they are built
        assertThat(cli.execute("bench", "pipeline", "--help")).isZero();
    }

    @Test
    void optimizerBenchmarkRunsAndWritesItsResult() throws Exception {
        java.nio.file.Path out = java.nio.file.Path.of("target/bench-test");
        java.nio.file.Files.deleteIfExists(out.resolve("optimizer.json"));
        assertThat(new CommandLine(new Greenwave()).execute("bench", "optimizer", "--out", out.toString(),
                "--intersections", "3", "--seconds", "4")).isZero();
        var json = org.greenwave.contracts.Json.mapper().readTree(out.resolve("optimizer.json").toFile());
        assertThat(json.get("intersections").asInt()).isEqualTo(3);
        assertThat(json.get("rules").get("plans").asLong()).isPositive();
        assertThat(json.get("rules").get("refused").asLong()).isZero();
    }

    @Test
    void loadClientReadsLengthAndChunkedAnswersOnOneConnection() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/len", ex -> {
            byte[] body = ("{\"accepted\":" + ex.getRequestBody().readAllBytes().length + "}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(202, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/chunked", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(400, 0); // 0 = chunked
            ex.getResponseBody().write("{\"error\":".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            ex.getResponseBody().write("\"no\"}".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        server.start();
        try (LoadClient client = new LoadClient("localhost", server.getAddress().getPort())) {
            String[] headers = {"Content-Type: application/json"};
            for (int i = 0; i < 3; i++) {
                var answer = client.post("/len", headers, "[1,2,3]".getBytes(StandardCharsets.UTF_8));
                assertThat(answer.status()).isEqualTo(202);
                assertThat(answer.body()).isEqualTo("{\"accepted\":7}");
                var chunked = client.post("/chunked", headers, new byte[10]);
                assertThat(chunked.status()).isEqualTo(400);
                assertThat(chunked.body()).isEqualTo("{\"error\":\"no\"}");
            }
        } finally {
            server.stop(0);
        }
    }
}
