using System.Runtime.InteropServices;
using System.Text.Json;

namespace AkkaEtl.Features.Mapping;

/// <summary>
/// The top-level property names a mapping's paths start with, each given a slot. <see cref="Read"/> finds a record's
/// values for all of them in one walk of its object, so a path starts from a slot: looking each path and fallback up
/// in the document scanned the object's properties every time, all of them for a field the record does not have.
/// </summary>
public sealed class TopLevelNames
{
    private readonly byte[][] _names;
    private readonly int[][] _slotsByLength; // by a name's length in UTF-8 bytes

    public TopLevelNames(IEnumerable<JsonPath> paths)
    {
        var names = new List<byte[]>();
        foreach (var name in paths.Select(p => p.FirstName).OfType<byte[]>())
            if (!names.Any(n => n.AsSpan().SequenceEqual(name))) names.Add(name);
        _names = names.ToArray();
        _slotsByLength = new int[names.Count == 0 ? 0 : names.Max(n => n.Length) + 1][];
        for (var length = 0; length < _slotsByLength.Length; length++)
            _slotsByLength[length] = Enumerable.Range(0, names.Count).Where(i => names[i].Length == length).ToArray();
    }

    public int Count => _names.Length;

    /// <summary>The slot of the name <paramref name="path"/> starts with, or -1 when it starts otherwise.</summary>
    public int SlotOf(JsonPath path) => path.FirstName is { } name ? SlotOf(name) : -1;

    /// <summary>
    /// Fills <paramref name="values"/> with the object's value for each name (the last one of duplicates, as the
    /// document's own lookup gives); a name the object lacks leaves its slot undefined.
    /// </summary>
    public void Read(JsonElement obj, Span<JsonElement> values)
    {
        values[.._names.Length].Clear();
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var slot = raw.IndexOf((byte)'\\') < 0 ? SlotOf(raw) : SlotOfEscaped(property);
            if (slot >= 0) values[slot] = property.Value;
        }
    }

    /// <summary>The slot of <paramref name="name"/> (UTF-8, unescaped), or -1.</summary>
    public int SlotOf(ReadOnlySpan<byte> name)
    {
        if (name.Length >= _slotsByLength.Length) return -1;
        foreach (var slot in _slotsByLength[name.Length])
            if (name.SequenceEqual(_names[slot])) return slot;
        return -1;
    }

    private int SlotOfEscaped(JsonProperty property)
    {
        for (var slot = 0; slot < _names.Length; slot++)
            if (property.NameEquals(_names[slot])) return slot;
        return -1;
    }
}
