using System.Text.Json;
using AkkaEtl.Hosting;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Hosting;

/// <summary>--log-format json: one JSON object a line, with the table, day, run and item of the actor that logged.</summary>
public class StructuredLogTests
{
    [Fact]
    public void Fields_come_from_the_actor_path_of_items_and_days()
    {
        var item = ScopedLoggerFactoryLogger.Scope("akka.tcp://akkaetl@127.0.0.1:4053/system/sharding/work-items/6/jobs%7C2020-01-01%7Cr202611272004490001%7C00001");
        Assert.Equal("jobs|2020-01-01|r202611272004490001|00001", item["Item"]);
        Assert.Equal(("jobs", "2020-01-01", "r202611272004490001"), ((string)item["Table"], (string)item["Day"], (string)item["Run"]));

        var day = ScopedLoggerFactoryLogger.Scope("akka://akkaetl/user/etl-coordinator/etl-coordinator/day-job-ads-2021-03-04-r20261127");
        Assert.Equal(("job-ads", "2021-03-04"), ((string)day["Table"], (string)day["Day"]));
        Assert.False(day.ContainsKey("Item"));

        var other = ScopedLoggerFactoryLogger.Scope("akka://akkaetl/system/cluster/core/daemon");
        Assert.Equal(new[] { "ActorPath" }, other.Keys);
    }

    [Fact]
    public async Task A_run_logs_json_lines_that_name_the_day_and_the_item()
    {
        using var dir = new TempDir("json-logs");
        var gen = await EtlCli.RunAsync("generate", "--out", dir.Sub("raw"), "--days", "2021-05-06", "--files", "2", "--records-per-file", "50", "--seed", "3");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        var run = await EtlCli.RunAsync("run", "--source", dir.Sub("raw"), "--warehouse", dir.Sub("wh"), "--table", "jobs", "--days", "2021-05-06",
            "--json", "--verbose", "--log-format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());

        var events = run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList(); // every line is JSON
        string? Field(JsonElement e, string name) =>
            e.GetProperty("Scopes").EnumerateArray().Select(s => s.TryGetProperty(name, out var v) ? v.GetString() : null).FirstOrDefault(v => v is not null);

        var started = events.Where(e => e.GetProperty("Message").GetString()!.Contains("attempt 1 started")).ToList();
        Assert.NotEmpty(started);
        Assert.All(started, e =>
        {
            Assert.Equal("2021-05-06", Field(e, "Day"));
            Assert.Equal("jobs", Field(e, "Table"));
            Assert.StartsWith("jobs|2021-05-06|", Field(e, "Item"));
            Assert.Contains(Field(e, "Item")!, e.GetProperty("Message").GetString());
        });
        Assert.Contains(events, e => e.GetProperty("Category").GetString()!.EndsWith("DayCoordinator") && Field(e, "Day") == "2021-05-06");
    }
}
