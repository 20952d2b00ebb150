using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>Three generated days (gzip files and malformed lines included), made once for the class.</summary>
public sealed class GeneratedDaysFixture : IAsyncLifetime
{
    public const string Days = "2020-01-01..2020-01-03";
    private readonly TempDir _dir = new("gen");

    public string Raw => _dir.Sub("raw");
    public Dictionary<string, long> Lines { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var r = await EtlCli.RunAsync("generate", "--out", Raw, "--days", Days, "--files", "6", "--records-per-file", "400",
            "--seed", "7", "--gzip-fraction", "0.34", "--malformed-fraction", "0.01");
        Assert.True(r.ExitCode == 0, r.ToString());
        Lines = RawData.LinesPerDay(Raw);
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Tests that start akkaetl processes run one at a time: each process uses every core.</summary>
[CollectionDefinition("processes", DisableParallelization = true)]
public sealed class ProcessCollection;
