using AkkaEtl.Arguments;
using AkkaEtl.Coordinator.Commands;
using Measure = AkkaEtl.Coordinator.Commands.BenchCommand.Measure;

namespace AkkaEtl.Tests.Benchmarks;

/// <summary>
/// How <c>bench --rounds N</c> turns several runs of one contender into the figures it reports, and that its flags are
/// checked before the data is made.
/// </summary>
public sealed class BenchRoundsTests
{
    private static Measure Run(double seconds, long peak, double compaction) =>
        new("akkaetl run", 500_000, 1_000_000_000, seconds, peak, $"compaction {compaction} s", compaction);

    [Fact]
    public void Three_runs_report_the_middle_time_with_its_compaction_and_the_middle_peak_on_its_own()
    {
        var median = Measure.Median([Run(31.6, 510, 7.4), Run(27.7, 530, 6.7), Run(29.9, 490, 7.1)]);

        Assert.Equal(29.9, median.Seconds);
        Assert.Equal(7.1, median.CompactionSeconds);
        Assert.Equal(510, median.PeakRss);
        Assert.Equal(500_000 / 29.9, median.RecordsPerSecond, 6);
        Assert.Equal("compaction 7.1 s; middle of 3 runs (27.7–31.6 s)", median.Note);
    }

    [Fact]
    public void Of_two_runs_the_faster_is_the_middle_and_one_run_is_itself()
    {
        Assert.Equal(27.7, Measure.Median([Run(31.6, 510, 7.4), Run(27.7, 530, 6.7)]).Seconds);
        var one = Run(31.6, 510, 7.4);
        Assert.Same(one, Measure.Median([one]));
    }

    // The standard day is 1.2 GB: a mistyped flag must fail before any of it is written.
    [Theory]
    [InlineData("--rounds", "0")]
    [InlineData("--only", "std,peer")]
    public async Task A_bad_value_fails_before_any_data_is_made(string option, string value)
    {
        var dir = Path.Combine(Path.GetTempPath(), "akkaetl-bench-" + Guid.NewGuid().ToString("N"));
        var bench = new BenchCommand();
        var args = CommandLine.Parse(["--dir", dir, option, value], bench.Options, bench.Flags);

        var error = await Assert.ThrowsAsync<UsageException>(() => bench.RunAsync(args, CancellationToken.None));

        Assert.Contains(option, error.Message);
        Assert.False(Directory.Exists(dir));
    }
}
