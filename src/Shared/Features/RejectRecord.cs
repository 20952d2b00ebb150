using System.Text;

namespace AkkaEtl.Features;

/// <summary>A line that is not a row: where it was, why, and its beginning.</summary>
public sealed record RejectRecord(string File, long Line, string Reason, string Raw)
{
    public const int RawLimit = 4096;

    public static RejectRecord Of(string file, long line, string reason, ReadOnlySpan<byte> raw)
    {
        var cut = raw.Length > RawLimit ? raw[..RawLimit] : raw;
        // Lossy on purpose: the raw line may be invalid UTF-8, and the reject file is JSON.
        return new RejectRecord(file, line, reason, Encoding.UTF8.GetString(cut));
    }
}
