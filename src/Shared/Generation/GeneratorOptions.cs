namespace AkkaEtl.Generation;

/// <summary>
/// What <see cref="PostingGenerator.Generate"/> writes: <see cref="FilesPerDay"/> files of <see cref="RecordsPerFile"/>
/// lines for every day from <see cref="From"/> to <see cref="To"/> (both included) under
/// <c>OutputDirectory/YYYY/MM/DD/part-NNNNN.jsonl[.gz]</c>. The same options always give byte-identical files.
/// </summary>
public sealed record GeneratorOptions(string OutputDirectory, DateOnly From, DateOnly To, int FilesPerDay, int RecordsPerFile, int Seed)
{
    /// <summary>Share of files written gzip-compressed as <c>.jsonl.gz</c> (spread evenly over each day's files).</summary>
    public double GzipFraction { get; init; } = 0.1;

    /// <summary>Share of lines that are bad input (not JSON, not an object, no id, invalid UTF-8, ...).</summary>
    public double MalformedFraction { get; init; } = 0.001;

    /// <summary>Share of lines that re-post an earlier job id of the same day with a later <c>updated_at</c>.</summary>
    public double UpdateFraction { get; init; } = 0.05;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("An output directory is required.", nameof(OutputDirectory));
        if (To < From) throw new ArgumentException($"The day range is empty: {From:yyyy-MM-dd}..{To:yyyy-MM-dd}.", nameof(To));
        if (FilesPerDay < 0) throw new ArgumentOutOfRangeException(nameof(FilesPerDay), FilesPerDay, "must not be negative");
        if (FilesPerDay > 100_000) throw new ArgumentOutOfRangeException(nameof(FilesPerDay), FilesPerDay, "at most 100000 files a day (part-NNNNN)");
        if ((long)(To.DayNumber - From.DayNumber + 1) * FilesPerDay > int.MaxValue)
            throw new ArgumentException("Too many files: days × files per day must fit in an int.", nameof(FilesPerDay));
        if (RecordsPerFile < 0) throw new ArgumentOutOfRangeException(nameof(RecordsPerFile), RecordsPerFile, "must not be negative");
        CheckFraction(GzipFraction, nameof(GzipFraction));
        CheckFraction(MalformedFraction, nameof(MalformedFraction));
        CheckFraction(UpdateFraction, nameof(UpdateFraction));
        if (MalformedFraction + UpdateFraction > 1) throw new ArgumentException("MalformedFraction + UpdateFraction must not exceed 1.");
        if (MaxDegreeOfParallelism < 1 && MaxDegreeOfParallelism != -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be positive (or -1 for no limit)");
    }

    private static void CheckFraction(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || value > 1) throw new ArgumentOutOfRangeException(name, value, "must be between 0 and 1");
    }
}

/// <summary>
/// What a generation wrote. <see cref="Records"/> counts every line written (files × records per file), the
/// <see cref="MalformedLines"/> among them included; <see cref="Bytes"/> is the size on disk (compressed for .gz).
/// </summary>
public sealed record GenerationSummary(int Days, int Files, long Records, long MalformedLines, long Bytes, TimeSpan Elapsed);
