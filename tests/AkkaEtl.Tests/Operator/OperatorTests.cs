using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AkkaEtl.Tests.Support;
using static AkkaEtl.Tests.Operator.OperatorClusterFixture;

namespace AkkaEtl.Tests.Operator;

/// <summary>
/// The operator's cockpit against real processes on loopback: the etl CLI (its own build output, run as a child
/// process with stdout redirected, as in a script) and the status page in headless Chromium, talking to a real
/// coordinator node and worker node.
/// </summary>
[Collection("processes")]
public sealed class OperatorTests(OperatorClusterFixture cluster) : IClassFixture<OperatorClusterFixture>
{
    private const string Secret = "op-test-token-5d1c";

    private string Explain(CliResult r) => $"{r}\n{cluster.Diagnostics()}";

    private static JsonElement Json(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.StdOut).RootElement;
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task Submit_with_wait_runs_the_days_and_status_agrees_with_the_catalog()
    {
        var submit = await cluster.Etl("submit", SubmitDays, "--table", "jobs", "--wait");
        Assert.True(submit.ExitCode == 0, Explain(submit));
        Assert.Contains("3 days accepted (2021-03-01..2021-03-03)", submit.StdOut);
        Assert.Matches(@"\d\d:\d\d:\d\d days \d/3 done", submit.StdOut); // redirected: plain progress lines, not bars
        Assert.Matches(@"2021-03-03\s+committed", submit.StdOut);

        var days = Json(await cluster.Etl("--json", "status", SubmitDays)).EnumerateArray().ToDictionary(d => Text(d, "day"));
        var partitions = Json(await cluster.Etl("partitions", "jobs", "--days", SubmitDays, "--json")).EnumerateArray()
            .ToDictionary(p => Text(p, "day"), p => p.GetProperty("rows").GetInt64());
        var query = Json(await cluster.Etl("--json", "query",
            "SELECT CAST(day_partition AS VARCHAR) AS day, count(*) AS n FROM jobs WHERE day_partition BETWEEN '2021-03-01' AND '2021-03-03' GROUP BY 1"));
        var counted = query.GetProperty("rows").EnumerateArray().ToDictionary(r => r[0].GetString()!, r => r[1].GetInt64());
        var rawLines = RawData.LinesPerDay(cluster.Raw);
        Assert.Equal(["2021-03-01", "2021-03-02", "2021-03-03"], days.Keys.Order());
        foreach (var (day, d) in days)
        {
            Assert.Equal("committed", Text(d, "state"));
            Assert.Equal(rawLines[day], d.GetProperty("lines").GetInt64());
            var committed = d.GetProperty("committed_rows").GetInt64();
            Assert.True(committed > 0);
            Assert.Equal(d.GetProperty("rows").GetInt64() - d.GetProperty("duplicates_dropped").GetInt64(), committed);
            Assert.Equal(committed, partitions[day]);
            Assert.Equal(committed, counted[day]);
        }

        // People's view of the same: the calendar's legend and the table.
        var human = await cluster.Etl("status", SubmitDays);
        Assert.True(human.ExitCode == 0, Explain(human));
        Assert.Contains("2021-03", human.StdOut);
        Assert.Contains("committed 3", human.StdOut);

        // The other read commands, as scripts see them.
        var tables = Json(await cluster.Etl("--json", "tables")).EnumerateArray().ToList();
        Assert.Contains(tables, t => Text(t, "name") == "jobs" && t.GetProperty("partitions").GetInt32() >= 3);
        var members = Json(await cluster.Etl("cluster", "show", "--json")).GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.True(m.GetProperty("reachable").GetBoolean()));
        Assert.Contains(members, m => Text(m, "address") == cluster.Worker.Address && m.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "worker"));
        Assert.Contains(Json(await cluster.Etl("--json", "shards")).GetProperty("regions").EnumerateArray(), r => Text(r, "node") == cluster.Worker.Address);
        Assert.True(Json(await cluster.Etl("--json", "metrics")).GetProperty("lines").GetInt64() >= days.Values.Sum(d => d.GetProperty("lines").GetInt64()));
        Assert.Equal(JsonValueKind.Array, Json(await cluster.Etl("--json", "errors")).ValueKind);
        var prometheus = await cluster.Etl("metrics", "--prometheus");
        Assert.Contains("akkaetl_rows_total", prometheus.StdOut);

        // The prompt, fed by a pipe: one command a line.
        var session = await EtlTool.RunAsync(["--host", cluster.Host], stdin: "tables\ncluster show\nexit\n");
        Assert.True(session.ExitCode == 0, Explain(session));
        Assert.Contains("jobs", session.StdOut);
        Assert.Contains(cluster.Worker.Address, session.StdOut);
    }

    [Fact]
    public async Task Retry_after_a_failure_commits_the_day_once_its_file_is_fixed()
    {
        const string day = "2021-03-10";
        var folder = Path.Combine(cluster.Raw, "2021", "03", "10");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "good.jsonl"), Lines("g", 100));
        var whole = Gzip(Lines("r", 3000));
        File.WriteAllBytes(Path.Combine(folder, "broken.jsonl.gz"), whole[..(whole.Length / 2)]);

        var failed = await cluster.Etl("submit", day, "--wait");
        Assert.True(failed.ExitCode == 1, Explain(failed)); // --attempts 1 on serve: the day fails at once
        Assert.Contains("broken.jsonl.gz", failed.StdErr);
        var status = Json(await cluster.Etl("--json", "status", day))[0];
        Assert.Equal("failed", Text(status, "state"));
        Assert.Contains("broken.jsonl.gz", Text(status, "error"));
        Assert.Contains(Json(await cluster.Etl("--json", "errors")).EnumerateArray(), e => Text(e, "day") == day && Text(e, "message").Contains("broken.jsonl.gz"));

        // Nothing to retry on a day without a failed run: 409, exit 1.
        var refused = await cluster.Etl("retry", "2021-03-11");
        Assert.True(refused.ExitCode == 1, Explain(refused));
        Assert.Contains("no failed run", refused.StdErr);

        File.WriteAllBytes(Path.Combine(folder, "broken.jsonl.gz"), whole);
        var retry = await cluster.Etl("retry", day);
        Assert.True(retry.ExitCode == 0, Explain(retry));
        Assert.Contains("retrying", retry.StdOut);
        var watch = await cluster.Etl("--json", "status", day, "--watch");
        Assert.True(watch.ExitCode == 0, Explain(watch));
        var final = JsonDocument.Parse(watch.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement[0];
        Assert.Equal("committed", Text(final, "state"));
        Assert.Equal(3100, final.GetProperty("committed_rows").GetInt64());
        var partition = Json(await cluster.Etl("--json", "partitions", "jobs", "--days", day))[0];
        Assert.Equal(3100, partition.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Cancel_stops_a_running_day_and_it_stays_cancelled()
    {
        // A node of its own, one item at a time, so that 24 one-MiB items are still running when the cancel comes.
        var (_, apiPort) = await cluster.StartSoloAsync("cancel", null, bindAny: false, "--workers", "1");
        using var api = new ApiClient(apiPort);
        Task<CliResult> Etl(params string[] args) => EtlTool.RunAsync(["--host", $"127.0.0.1:{apiPort}", .. args]);

        var submit = await Etl("submit", CancelDay);
        Assert.True(submit.ExitCode == 0, Explain(submit));
        await api.WaitForAsync(days => days.Any(d => Text(d, "day") == CancelDay && Text(d, "state") == "processing" && d.GetProperty("items_done").GetInt32() >= 1),
            TimeSpan.FromMinutes(1), cluster.Diagnostics);

        var cancel = await Etl("cancel", CancelDay);
        Assert.True(cancel.ExitCode == 0, Explain(cancel));
        Assert.Contains("cancelled", cancel.StdOut);
        var day = Json(await Etl("--json", "status", CancelDay))[0];
        Assert.Equal("cancelled", Text(day, "state"));
        Assert.True(day.GetProperty("items_done").GetInt32() < day.GetProperty("items_total").GetInt32(), day.ToString()); // stopped part way

        var again = await Etl("cancel", CancelDay);
        Assert.True(again.ExitCode == 1, Explain(again)); // 409: not running any more
        Assert.Contains("not queued or running", again.StdErr);

        // It stays cancelled while what was in flight winds down, and nothing of it is committed.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        while (DateTime.UtcNow < until)
        {
            var now = (await api.DaysAsync()).Single(d => Text(d, "day") == CancelDay);
            Assert.True(Text(now, "state") == "cancelled", now.ToString());
            await Task.Delay(250);
        }
        Assert.Equal(0, Json(await Etl("--json", "partitions", "jobs", "--days", CancelDay)).GetArrayLength());
        var watch = await Etl("status", CancelDay, "--watch");
        Assert.True(watch.ExitCode == 1, Explain(watch)); // a watch that ends on a cancelled day fails
    }

    [Fact]
    public async Task The_token_is_enforced_on_a_non_loopback_bind_and_no_token_there_refuses_to_start()
    {
        using var dir = new TempDir("operator-token");
        var (node, apiPort) = await cluster.StartSoloAsync("token", Secret, bindAny: true);

        using var anonymous = new ApiClient(apiPort);
        using (var response = await anonymous.Http.GetAsync("api/days"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("token", await response.Content.ReadAsStringAsync());
        }
        using (var wrong = new ApiClient(apiPort, "not-the-token"))
        using (var response = await wrong.Http.PostAsync("api/days", new StringContent("""{"table":"jobs","days":"2021-03-01"}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using (var page = await anonymous.Http.GetAsync("/"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the page loads, then asks for the token

        var host = $"127.0.0.1:{apiPort}";
        var without = await EtlTool.RunAsync(["--host", host, "status"]);
        Assert.True(without.ExitCode == 3, without.ToString());
        Assert.Contains("token", without.StdErr);
        var mistaken = await EtlTool.RunAsync(["--host", host, "--token", "not-the-token", "status"]);
        Assert.True(mistaken.ExitCode == 3, mistaken.ToString());
        var with = await EtlTool.RunAsync(["--host", host, "--token", Secret, "--json", "cluster", "show"]);
        Assert.Equal(1, Json(with).GetProperty("members").GetArrayLength());
        var fromEnvironment = await EtlTool.RunAsync(["status"], new Dictionary<string, string> { ["ETL_HOST"] = host, ["ETL_TOKEN"] = Secret });
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        foreach (var r in new[] { without, mistaken, with, fromEnvironment })
            Assert.DoesNotContain(Secret, r.StdOut + r.StdErr);
        Assert.DoesNotContain(Secret, node.Output);

        // The page in a browser without the token: it asks for one.
        using var profile = new TempDir("chromium");
        var dom = await Chromium.DumpDomAsync($"http://127.0.0.1:{apiPort}/", profile.Path);
        Assert.Matches("id=\"conn\" data-state=\"auth\"", dom);
        Assert.Matches("<div id=\"token-form\" class=\"shown\"", dom);

        // Any address but loopback without a token: serve refuses to start.
        var refused = await EtlCli.RunAsync(
            ["serve", "--port", NodeProcess.FreePort().ToString(), "--api", $"0.0.0.0:{NodeProcess.FreePort()}", "--source", cluster.Raw,
                "--warehouse", dir.Sub("wh2"), "--state", dir.Sub("state2")],
            new Dictionary<string, string> { ["ETL_TOKEN"] = "" }, TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("refusing to start", refused.StdErr);
    }

    [Fact]
    public async Task Bad_requests_get_4xx_with_a_message_and_the_cli_shows_it_and_exits_2()
    {
        async Task Refused(string body, HttpStatusCode status, string message)
        {
            using var response = await cluster.Api.Http.PostAsync("api/days", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
            Assert.Contains(message, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        }
        await Refused("""{"table":"jobs","days":"2021-02-30"}""", HttpStatusCode.BadRequest, "'2021-02-30' is not a day");
        await Refused("""{"table":"nope","days":"2021-03-01"}""", HttpStatusCode.NotFound, "unknown table 'nope'");
        await Refused("""{"table":"jobs","days":"2021-01-01..2021-03-31"}""", HttpStatusCode.BadRequest, $"at most {MaxRangeDays}");

        (string[] Args, string Message)[] cases =
        [
            (["submit", "2021-02-30"], "'2021-02-30' is not a day"),
            (["submit", "2021-03-01", "--table", "nope"], "unknown table 'nope'"),
            (["submit", "2021-01-01..2021-03-31"], $"is 90 days; at most {MaxRangeDays}"),
            (["status", "2021-99-01"], "is not a day"),
            (["retry", "yesterday"], "'yesterday' is not a day"),
            (["partitions", "nope"], "no table 'nope'"),
            (["query", "SELEKT 1"], "syntax error"),
            (["cluster", "leave", "akka.tcp://akkaetl@127.0.0.1:1"], "is not a member"),
            // Refused before asking the server: usage errors.
            (["submit"], "the days (DAY or FROM..TO) is required"),
            (["status", "--bogus"], "unknown option --bogus"),
            (["frobnicate"], "unknown command 'frobnicate'"),
        ];
        foreach (var (args, message) in cases)
        {
            var r = await cluster.Etl(args);
            Assert.True(r.ExitCode == 2, $"etl {string.Join(' ', args)}: {r}");
            Assert.Contains(message, r.StdErr);
            Assert.Equal("", r.StdOut);
        }

        // Nothing listening: exit 3.
        var away = await EtlTool.RunAsync(["--host", $"127.0.0.1:{NodeProcess.FreePort()}", "status"]);
        Assert.True(away.ExitCode == 3, away.ToString());
        Assert.Contains("cannot reach", away.StdErr);
    }

    [Fact]
    public async Task The_status_page_shows_the_days_their_states_and_the_cluster()
    {
        var submit = await cluster.Etl("--json", "submit", PageDays, "--wait");
        Assert.True(submit.ExitCode == 0, Explain(submit));
        var states = JsonDocument.Parse(submit.StdOut).RootElement.EnumerateArray().ToDictionary(d => Text(d, "day"), d => Text(d, "state"));
        Assert.Equal(new Dictionary<string, string> { ["2021-03-04"] = "committed", ["2021-03-05"] = "committed", ["2021-03-06"] = "empty" }, states);
        Assert.Matches(@"days \d/3 done", submit.StdErr); // with --json the progress lines go to stderr

        using var profile = new TempDir("chromium");
        var url = $"http://127.0.0.1:{cluster.ApiPort}/";
        var dom = await Chromium.DumpDomAsync(url, profile.Path);
        foreach (var (day, state) in states)
            Assert.Matches($"data-day=\"{day}\"[^>]*?data-state=\"{state}\"", dom);
        Assert.Matches("id=\"conn\" data-state=\"ok\"", dom);
        Assert.Matches($"data-address=\"{Regex.Escape(cluster.Worker.Address)}\" data-status=\"up\" data-reachable=\"true\"", dom);
        Assert.Matches("id=\"throughput\" data-points=\"[1-9]", dom); // the chart has rates from successive polls
        Assert.DoesNotMatch("id=\"token-form\" class=\"shown\"", dom);

        var png = Path.Combine(profile.Path, "status-page.png");
        await Chromium.ScreenshotAsync(url, profile.Sub("shot"), png);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{bytes.Length} bytes");
        // AKKAETL_UPDATE_SCREENSHOT=1 refreshes the README's picture from this run.
        if (Environment.GetEnvironmentVariable("AKKAETL_UPDATE_SCREENSHOT") == "1")
            File.Copy(png, Path.Combine(TestPaths.RepoRoot, "docs", "status-page.png"), overwrite: true);
    }

    private static byte[] Lines(string prefix, int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => $"{{\"id\":\"{prefix}{i}\",\"title\":\"Engineer {i}\"}}\n")));

    private static byte[] Gzip(byte[] content)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content);
        return ms.ToArray();
    }
}
