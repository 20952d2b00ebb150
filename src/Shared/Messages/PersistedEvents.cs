using AkkaEtl.Common;

namespace AkkaEtl.Messages;

/// <summary>What the coordinator journals: enough to carry on after it moves to another node.</summary>
public static class CoordinatorEvents
{
    public sealed record DaySubmitted(string Table, string Day, RunOptions Options, long Sequence, DateTimeOffset SubmittedAt) : IEtlMessage;

    public sealed record DayRunStarted(string Table, string Day, string RunId) : IEtlMessage;

    public sealed record DayRunEnded(DayStatus Status) : IEtlMessage;

    /// <summary>Every day the coordinator knows, in one snapshot.</summary>
    public sealed record Snapshot(IReadOnlyList<DayRecord> Days, long Sequence) : IEtlMessage;

    public sealed record DayRecord(string Table, string Day, RunOptions Options, long Sequence, DayStatus Status, string? RunId, string? LastRunId, bool Queued) : IEtlMessage;
}

/// <summary>What a day coordinator journals: the plan's key and each finished item, so a restart redoes nothing finished.</summary>
public static class DayEvents
{
    public sealed record DayPlanned(string PlanKey) : IEtlMessage;

    public sealed record ItemSucceeded(int Index, ItemResult Result) : IEtlMessage;
}
