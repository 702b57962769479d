package org.cec.portal.itests.bench;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.support.TestSmtp;
import org.cec.portal.plugintest.ConsoleCredentials;
import org.cec.portal.plugintest.Portal;
import org.cec.portal.plugintest.PortalSettings;

/**
 * The driver of {@code bench/swap-under-load.sh} (issue 17): wrk keeps four paths busy while a module
 * is stopped and started again every few seconds, in turn, through the console; afterwards it counts
 * what was answered, the 5xx, the longest wait, and whether every acknowledged submission got exactly
 * one confirmation at the SMTP server. Prints the results as Markdown.
 *
 * <p>System properties: {@code seconds} (120), {@code every} (5), {@code down} (seconds a module stays
 * stopped, 1), {@code connections} (per path, 8: 32 in all), {@code drain} (seconds to wait for the
 * last confirmations, 900).
 */
public final class SwapUnderLoad {

    /** The modules swapped in turn: two partner plugins, the SMTP implementation, the email module. */
    private static final List<String> MODULES = List.of(
            "org.cec.portal.example.rebates",
            "org.cec.portal.example.csvsource",
            "org.eclipse.angus.mail",
            "org.cec.portal.email");

    private static final Pattern OUTBOX = Pattern.compile("Outbox: [^\"]*");
    private static final Pattern REFERENCE = Pattern.compile("\\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}\\b");

    private record Load(String label, String path, boolean post) {}

    private static final List<Load> LOADS = List.of(
            new Load("GET / (home)", "/", false),
            new Load("GET /request (form; rebates adds a section)", "/request", false),
            new Load("POST /api/v1/requests (confirmation email)", "/api/v1/requests", true),
            new Load(
                    "GET /api/v1/contractors (csvsource adds contractors)",
                    "/api/v1/contractors?zip=94110&radius=50",
                    false));

    private SwapUnderLoad() {}

    public static void main(String[] args) throws Exception {
        Path top = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        int seconds = Integer.getInteger("seconds", 120);
        int every = Integer.getInteger("every", 5);
        int down = Integer.getInteger("down", 1);
        int connections = Integer.getInteger("connections", 8);
        int drain = Integer.getInteger("drain", 900);
        Path work = Files.createTempDirectory("cec-swap-");
        Path lua = work.resolve("swap-load.lua");
        try (InputStream in = SwapUnderLoad.class.getResourceAsStream("/bench/swap-load.lua")) {
            Files.write(lua, in.readAllBytes());
        }
        Path dist = top.resolve("distribution/target/cec-portal");
        try (TestSmtp smtp = TestSmtp.start()) {
            PortalSettings settings = new PortalSettings(
                            dist,
                            List.of(
                                    dist.resolve("examples/org.cec.portal.example.rebates.jar"),
                                    dist.resolve("examples/org.cec.portal.example.csvsource.jar")),
                            work,
                            Duration.ofSeconds(120),
                            Map.of())
                    .withConfiguration(
                            TestSmtp.PID,
                            "{\"host\":\"127.0.0.1\",\"port\":" + smtp.port()
                                    + ",\"starttls\":false,\"from\":\"portal@cec-portal.test\"}")
                    // wrk is one client address: the per-address limit of submissions is raised for the run
                    .withConfiguration(
                            "org.cec.portal.intake",
                            "{\"rateLimit.posts:Integer\":100000000,\"rateLimit.windowSeconds:Integer\":60}");
            try (Portal portal = Portal.start(settings, "swap-under-load")) {
                ConsoleCredentials console = portal.console();
                HttpClient http = HttpClient.newHttpClient();
                // warm-up: the JIT reaches full speed after about 30 s of traffic (docs/operations.md)
                List<Process> warm = new ArrayList<>();
                for (Load load : LOADS) {
                    if (!load.post()) {
                        warm.add(wrk(portal.uri(load.path()), 2, 30, lua, null, work.resolve("warm.out")));
                    }
                }
                for (Process p : warm) {
                    p.waitFor();
                }

                Map<Load, Process> running = new LinkedHashMap<>();
                Map<Load, Path> outputs = new LinkedHashMap<>();
                Path refs = work.resolve("refs.txt");
                for (Load load : LOADS) {
                    Path out = work.resolve("wrk-" + running.size() + ".out");
                    outputs.put(load, out);
                    running.put(
                            load,
                            wrk(portal.uri(load.path()), connections, seconds, lua, load.post() ? refs : null, out));
                }
                List<String> swaps = new ArrayList<>();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds - every);
                int turn = 0;
                Thread.sleep(TimeUnit.SECONDS.toMillis(every));
                while (System.nanoTime() < end) {
                    String module = MODULES.get(turn++ % MODULES.size());
                    long t0 = System.nanoTime();
                    String stopped = bundleAction(http, portal, console, module, "stop");
                    Thread.sleep(TimeUnit.SECONDS.toMillis(down));
                    String started = bundleAction(http, portal, console, module, "start");
                    swaps.add(module + " " + stopped + "/" + started + " in "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
                    Thread.sleep(Math.max(
                            0,
                            TimeUnit.SECONDS.toMillis(every) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
                }
                Map<Load, JsonObject> results = new LinkedHashMap<>();
                for (Map.Entry<Load, Process> e : running.entrySet()) {
                    e.getValue().waitFor();
                    results.put(e.getKey(), result(outputs.get(e.getKey())));
                }
                List<String> acknowledged = Files.exists(refs) ? Files.readAllLines(refs) : List.of();
                Map<String, Integer> confirmations =
                        awaitConfirmations(smtp, portal, new HashSet<>(acknowledged), drain);
                report(results, swaps, acknowledged, confirmations, seconds, every, down, connections);
                List<String> log = portal.log()
                        .lines()
                        .filter(l -> l.contains(" ERROR ") || l.startsWith("\tat "))
                        .toList();
                System.out.println();
                System.out.println("ERROR and stack-trace lines in the portal's log: " + log.size());
                log.stream().limit(20).forEach(l -> System.out.println("    " + l));
            }
        }
    }

    private static Process wrk(URI url, int connections, int seconds, Path lua, Path refs, Path out)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        "wrk",
                        "-t1",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "10s",
                        "-s",
                        lua.toString(),
                        url.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        if (refs != null) {
            pb.environment().put("POST", "1");
            pb.environment().put("REFS", refs.toString());
        }
        return pb.start();
    }

    private static String bundleAction(
            HttpClient http, Portal portal, ConsoleCredentials console, String bsn, String action) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(portal.uri("/system/console/bundles/" + bsn))
                        .header("Authorization", console.authorization())
                        .header("Origin", portal.baseUri().toString().replaceAll("/$", ""))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("action=" + action))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(action + " " + bsn + ": " + r.statusCode() + " " + r.body());
        }
        return action;
    }

    private static JsonObject result(Path out) throws IOException {
        for (String line : Files.readAllLines(out)) {
            if (line.startsWith("RESULT ")) {
                try (var reader = Json.createReader(new StringReader(line.substring(7)))) {
                    return reader.readObject();
                }
            }
        }
        throw new IllegalStateException("No RESULT from wrk in " + out + ":\n" + Files.readString(out));
    }

    /** Per acknowledged reference, how many messages at the SMTP server name it, once they stop coming. */
    /**
     * Per acknowledged reference, how many messages at the SMTP server name it, once the portal's outbox
     * is empty ({@code /health}: "Outbox: 0 waiting, 0 being sent") and no message came for 15 s, or
     * {@code drainSeconds} have passed.
     */
    private static Map<String, Integer> awaitConfirmations(
            TestSmtp smtp, Portal portal, Set<String> acknowledged, int drainSeconds) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(drainSeconds);
        int last = -1;
        long quietSince = System.nanoTime();
        String outbox = "";
        while (System.nanoTime() < deadline) {
            int now = smtp.received().size();
            Matcher m = OUTBOX.matcher(portal.get("/health").body());
            outbox = m.find() ? m.group() : "no outbox on /health";
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (outbox.startsWith("Outbox: 0 waiting, 0 being sent")
                    && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(15)) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.printf(
                "%nMail drained %d s after the load: %d messages at the SMTP server; %s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0),
                smtp.received().size(),
                outbox);
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : smtp.received()) {
            Set<String> named = new HashSet<>();
            Matcher matcher = REFERENCE.matcher(GreenMailUtil.getWholeMessage(m));
            while (matcher.find()) {
                named.add(matcher.group());
            }
            for (String ref : named) {
                if (acknowledged.contains(ref)) {
                    counts.merge(ref, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static void report(
            Map<Load, JsonObject> results,
            List<String> swaps,
            List<String> acknowledged,
            Map<String, Integer> confirmations,
            int seconds,
            int every,
            int down,
            int connections) {
        System.out.printf(
                "%nwrk %d s, %d connections per path (%d in all); every %d s one module stopped for %d s and started"
                        + " again, in turn: %s (%d swaps)%n%n",
                seconds,
                connections,
                connections * LOADS.size(),
                every,
                down,
                String.join(", ", MODULES),
                swaps.size());
        System.out.println("| path | answered | 2xx/3xx | 4xx | 5xx | socket errors | p99 | longest |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<Load, JsonObject> e : results.entrySet()) {
            JsonObject r = e.getValue();
            long ok = 0, client = 0, server = 0;
            for (Map.Entry<String, jakarta.json.JsonValue> s :
                    r.getJsonObject("statuses").entrySet()) {
                int status = Integer.parseInt(s.getKey());
                long n = ((jakarta.json.JsonNumber) s.getValue()).longValue();
                if (status >= 500) {
                    server += n;
                } else if (status >= 400) {
                    client += n;
                } else {
                    ok += n;
                }
            }
            long socket = r.getInt("connect") + r.getInt("read") + r.getInt("write") + r.getInt("timeout");
            System.out.printf(
                    "| %s | %d | %d | %d | %d | %d | %.0f ms | %.0f ms |%n",
                    e.getKey().label(),
                    r.getInt("requests"),
                    ok,
                    client,
                    server,
                    socket,
                    r.getJsonNumber("p99Ms").doubleValue(),
                    r.getJsonNumber("maxMs").doubleValue());
        }
        long missing = acknowledged.stream()
                .filter(ref -> !confirmations.containsKey(ref))
                .count();
        long twice = confirmations.values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "%nAcknowledged submissions (201): %d; with exactly one confirmation at the SMTP server: %d; none: %d;"
                        + " more than one: %d%n",
                acknowledged.size(),
                confirmations.values().stream().filter(n -> n == 1).count(),
                missing,
                twice);
        System.out.println();
        System.out.println("Swaps: " + String.join("; ", swaps.subList(0, Math.min(8, swaps.size())))
                + (swaps.size() > 8 ? "; ..." : ""));
    }
}
