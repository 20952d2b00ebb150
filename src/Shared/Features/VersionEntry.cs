using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AkkaEtl.Features;

/// <summary>
/// One record's version as the version pass writes it (fixed size, little-endian): the key's hash, updated_at and
/// posted_at as UTC ticks at microsecond precision (<see cref="long.MinValue"/> for none), the file's index within its
/// item and the line. Compaction decides on the same values read back from the parts, so the two agree.
/// </summary>
public readonly record struct VersionEntry(UInt128 KeyHash, long Updated, long Posted, int File, long Line)
{
    public const int Bytes = 16 + 8 + 8 + 4 + 8;

    public static VersionEntry Of(in RecordVersion version, int file, long line) =>
        new(HashKey(version.Key), Ticks(version.Updated), Ticks(version.Posted), file, line);

    // Keys are compared by a 128-bit hash: no string per distinct key is held, and a collision is not a practical concern.
    public static UInt128 HashKey(ReadOnlySpan<char> key) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key));

    /// <summary>
    /// Whether a version beats another of the same key: the latest updated_at, then the latest posted_at, then the later
    /// source file (ordinal order of its key), then the later line. Compaction and the versions pass decide by this rule.
    /// </summary>
    public static bool Beats(long updated, long posted, string file, long line, long otherUpdated, long otherPosted, string otherFile, long otherLine)
    {
        if (updated != otherUpdated) return updated > otherUpdated;
        if (posted != otherPosted) return posted > otherPosted;
        var order = string.CompareOrdinal(file, otherFile);
        return order != 0 ? order > 0 : line > otherLine;
    }

    /// <summary>As stored: UTC, microseconds.</summary>
    public static long Ticks(DateTime? time)
    {
        if (time is not { } t) return long.MinValue;
        if (t.Kind == DateTimeKind.Local) t = t.ToUniversalTime();
        return t.Ticks - t.Ticks % 10;
    }

    public void Write(Span<byte> to)
    {
        var hash = KeyHash;
        MemoryMarshal.Write(to, in hash);
        BinaryPrimitives.WriteInt64LittleEndian(to[16..], Updated);
        BinaryPrimitives.WriteInt64LittleEndian(to[24..], Posted);
        BinaryPrimitives.WriteInt32LittleEndian(to[32..], File);
        BinaryPrimitives.WriteInt64LittleEndian(to[36..], Line);
    }

    public static VersionEntry Read(ReadOnlySpan<byte> from) => new(
        MemoryMarshal.Read<UInt128>(from),
        BinaryPrimitives.ReadInt64LittleEndian(from[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(from[24..]),
        BinaryPrimitives.ReadInt32LittleEndian(from[32..]),
        BinaryPrimitives.ReadInt64LittleEndian(from[36..]));
}

/// <summary>
/// The lines of an item's files that the version pass found superseded by a later version of their key elsewhere in
/// the day: the item writes their rows into row groups of their own, which compaction then drops whole.
/// </summary>
public sealed class SupersededLines
{
    private readonly HashSet<long> _lines;

    private SupersededLines(HashSet<long> lines) => _lines = lines;

    public int Count => _lines.Count;

    public bool Contains(int file, long line) => _lines.Contains(Pack(file, line));

    // Files of an item: far fewer than 2^23; lines of a file: far fewer than 2^40.
    public static long Pack(int file, long line) => ((long)file << 40) | line;

    public static byte[] Encode(IReadOnlyCollection<long> packed)
    {
        var bytes = new byte[packed.Count * 8];
        var at = 0;
        foreach (var p in packed)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), p);
            at += 8;
        }
        return bytes;
    }

    public static SupersededLines Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 8 != 0) throw new InvalidDataException("a superseded-lines file is cut short");
        var lines = new HashSet<long>(bytes.Length / 8);
        for (var at = 0; at < bytes.Length; at += 8) lines.Add(BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]));
        return new SupersededLines(lines);
    }
}
