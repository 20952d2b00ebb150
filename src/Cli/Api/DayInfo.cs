namespace AkkaEtl.Cli.Api;

/// <summary>The fields of a day's status (GET /api/days) that the CLI shows; the rest stays in --json.</summary>
public sealed record DayInfo
{
    public string Table { get; init; } = "";
    public string Day { get; init; } = "";
    public string State { get; init; } = "";
    public int ItemsDone { get; init; }
    public int ItemsTotal { get; init; }
    public int ItemsFailed { get; init; }
    public int Files { get; init; }
    public int FilesToProcess { get; init; }
    public int FilesDone { get; init; }
    public long Lines { get; init; }
    public long Rows { get; init; }
    public long Rejected { get; init; }
    public long DuplicatesDropped { get; init; }
    public long CommittedRows { get; init; }
    public long BytesDone { get; init; }
    public long InputBytes { get; init; }
    public double Seconds { get; init; }
    public double RecordsPerSecond { get; init; }
    public string? Error { get; init; }
    public string? Warning { get; init; }
    public IReadOnlyList<string> FailedFiles { get; init; } = [];

    public bool IsFinal => DayStates.IsFinal(State);

    /// <summary>How far the day is, 0..1: by bytes once discovered, else by items.</summary>
    public double Fraction => State switch
    {
        "committed" or "empty" => 1,
        _ when InputBytes > 0 => Math.Clamp((double)BytesDone / InputBytes, 0, 1),
        _ when ItemsTotal > 0 => Math.Clamp((double)ItemsDone / ItemsTotal, 0, 1),
        _ => 0,
    };
}

/// <summary>The day states the API reports, in their life order.</summary>
public static class DayStates
{
    public static readonly IReadOnlyList<string> All = ["queued", "discovering", "processing", "compacting", "committed", "empty", "failed", "cancelled"];

    public static bool IsFinal(string state) => state is "committed" or "empty" or "failed" or "cancelled";

    public static bool IsSuccess(string state) => state is "committed" or "empty";
}

/// <summary>Paths of the API, with their query strings escaped.</summary>
public static class ApiPaths
{
    public static string Days(string? table, string? days) => "api/days" + Query(("table", table), ("days", days));

    public static string DayCommand(string table, string day, string command) =>
        $"api/days/{Uri.EscapeDataString(table)}/{Uri.EscapeDataString(day)}/{command}";

    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
