using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// A read-only map from folded keys (<see cref="TextFold.FoldKey"/>) to values, looked up by span without allocating.
/// Built once; thread-safe to read. When two entries fold to the same key the first one added wins.
/// </summary>
[SkipLocalsInit]
internal sealed class FoldedKeyTable<T>
{
    private readonly FrozenDictionary<string, T> _map;
    private readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FoldedKeyTable(IEnumerable<KeyValuePair<string, T>> entries)
    {
        var dict = new Dictionary<string, T>(StringComparer.Ordinal);
        Span<char> buf = stackalloc char[TextFold.MaxKeyLength];
        foreach (var (key, value) in entries)
        {
            var n = TextFold.FoldKey(key, buf);
            if (n <= 0) continue;
            dict.TryAdd(new string(buf[..n]), value);
        }
        _map = dict.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxKeyLength = dict.Count == 0 ? 0 : dict.Keys.Max(k => k.Length);
    }

    public int Count => _map.Count;

    /// <summary>The longest folded key, to skip lookups that cannot match.</summary>
    public int MaxKeyLength { get; }

    /// <summary>Looks up a raw text (folded here).</summary>
    public bool TryGet(ReadOnlySpan<char> raw, out T value)
    {
        if (raw.Length > TextFold.MaxKeyLength * 2) { value = default!; return false; }
        Span<char> buf = stackalloc char[TextFold.MaxKeyLength];
        var n = TextFold.FoldKey(raw, buf);
        if (n <= 0 || n > MaxKeyLength) { value = default!; return false; }
        return _lookup.TryGetValue(buf[..n], out value!);
    }

    /// <summary>Looks up a key that is already folded.</summary>
    public bool TryGetFolded(ReadOnlySpan<char> folded, out T value)
    {
        if (folded.Length == 0 || folded.Length > MaxKeyLength) { value = default!; return false; }
        return _lookup.TryGetValue(folded, out value!);
    }
}
