using System.Text;

namespace AkkaEtl.Generation;

/// <summary>What a line of a day is.</summary>
internal enum RecordKind : byte
{
    Original,
    Repost,
    Malformed,
}

/// <summary>
/// The deterministic plan of one day: every line is addressed by its ordinal within the day
/// (<c>fileIndex × RecordsPerFile + line</c>), and what it holds follows from (seed, day, ordinal) alone, so files can be
/// written in any order and in parallel, and a re-post can rebuild the posting it updates without reading it.
/// </summary>
internal sealed class DayPlan
{
    private const ulong SaltKind = 0x4B494E44;
    private const ulong SaltRecord = 0x5245434F;
    private const ulong SaltEdit = 0x45444954;
    private const ulong SaltTarget = 0x54415247;
    private const ulong SaltMalformed = 0x4D414C46;
    private const ulong SaltFile = 0x46494C45;

    private readonly double _malformed;
    private readonly double _repostLimit;
    private readonly double _gzip;
    private readonly ulong _gzipPhase;

    public DayPlan(GeneratorOptions options, DateOnly day)
    {
        Day = day;
        Seed = options.Seed;
        RecordsPerFile = options.RecordsPerFile;
        RecordsPerDay = (long)options.RecordsPerFile * options.FilesPerDay;
        Key = SeedMix.Mix((ulong)(uint)options.Seed, (ulong)day.DayNumber);
        DayStartMs = (long)(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;
        IdPrefix = Encoding.ASCII.GetBytes(FormattableString.Invariant($"j-{options.Seed}-{day:yyyyMMdd}-"));
        NumericIdBase = (day.Year * 10_000L + day.Month * 100 + day.Day) * 10_000_000L;
        _malformed = options.MalformedFraction;
        _repostLimit = options.MalformedFraction + options.UpdateFraction;
        _gzip = options.GzipFraction;
        _gzipPhase = SeedMix.Mix(Key, SaltFile) % 1_000_003;
    }

    public DateOnly Day { get; }
    public int Seed { get; }
    public int RecordsPerFile { get; }
    public long RecordsPerDay { get; }
    public ulong Key { get; }
    public long DayStartMs { get; }

    /// <summary>The text id's prefix, e.g. <c>j-7-20200101-</c>; the ordinal follows with at least six digits.</summary>
    public byte[] IdPrefix { get; }

    /// <summary>Numeric ids are <c>yyyyMMdd × 10^7 + ordinal</c> (below 2^53, so exact as doubles too).</summary>
    public long NumericIdBase { get; }

    public ulong RecordSeed(long ordinal) => SeedMix.Mix(Key, (ulong)ordinal, SaltRecord);

    public ulong EditSeed(long ordinal) => SeedMix.Mix(Key, (ulong)ordinal, SaltEdit);

    public ulong MalformedSeed(long ordinal) => SeedMix.Mix(Key, (ulong)ordinal, SaltMalformed);

    /// <summary>Whether file <paramref name="fileIndex"/> is gzip-compressed: an even spread at <see cref="GeneratorOptions.GzipFraction"/>.</summary>
    public bool IsGzip(int fileIndex)
    {
        if (_gzip <= 0) return false;
        if (_gzip >= 1) return true;
        double at = fileIndex + (double)_gzipPhase;
        return Math.Floor((at + 1) * _gzip) > Math.Floor(at * _gzip);
    }

    /// <summary>What the line at <paramref name="ordinal"/> is; for a re-post, <paramref name="target"/> is the original's ordinal.</summary>
    public RecordKind Classify(long ordinal, out long target)
    {
        target = ordinal;
        double u = SeedMix.Unit(SeedMix.Mix(Key, (ulong)ordinal, SaltKind));
        if (u < _malformed) return RecordKind.Malformed;
        if (u >= _repostLimit || ordinal == 0) return RecordKind.Original;

        long fileStart = ordinal - ordinal % Math.Max(1, RecordsPerFile);
        for (ulong attempt = 0; attempt < 8; attempt++)
        {
            ulong h = SeedMix.Mix(Key, (ulong)ordinal, SaltTarget + attempt);
            long candidate = (h & 1) != 0 && ordinal > fileStart
                ? fileStart + (long)((h >> 1) % (ulong)(ordinal - fileStart))   // earlier in the same file
                : (long)((h >> 1) % (ulong)ordinal);                              // anywhere earlier that day
            if (IsOriginal(candidate))
            {
                target = candidate;
                return RecordKind.Repost;
            }
        }
        return RecordKind.Original;
    }

    private bool IsOriginal(long ordinal) => SeedMix.Unit(SeedMix.Mix(Key, (ulong)ordinal, SaltKind)) >= _repostLimit;
}
