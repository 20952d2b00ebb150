using System.Globalization;

namespace AkkaEtl.Common;

public static class Sizes
{
    public const long KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

    public static string Human(long bytes) => bytes switch
    {
        >= GiB => (bytes / (double)GiB).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= MiB => (bytes / (double)MiB).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= KiB => (bytes / (double)KiB).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>Parses 64MiB, 64MB, 1G, 512k or a plain byte count.</summary>
    public static long Parse(string text)
    {
        var t = text.Trim().ToUpperInvariant().Replace("IB", "").TrimEnd('B');
        long mult = 1;
        if (t.EndsWith('K')) mult = KiB;
        else if (t.EndsWith('M')) mult = MiB;
        else if (t.EndsWith('G')) mult = GiB;
        if (mult != 1) t = t[..^1];
        return (long)(double.Parse(t, CultureInfo.InvariantCulture) * mult);
    }
}
