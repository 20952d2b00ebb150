using System.Buffers;
using AkkaEtl.Features;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// The distinct values of a string column chunk and each row's index among them (-1 for null), built only when the
/// chunk looks low-cardinality: a sample decides first, and the build gives up past a size limit, so a column of
/// unique texts is not hashed in full. Values are not copied: an entry is the row it first appeared in.
/// </summary>
internal sealed class StringDictionary : IDisposable
{
    private const int SampleRows = 1000;
    /// <summary>Values longer than this make a column plain: long texts are rarely repeated.</summary>
    private const int MaxValueChars = 256;

    private int[] _slots = [];
    private int[] _hashes = new int[256];
    private int[] _firstRows = new int[256];
    private int[] _indices = [];
    private int _mask;

    public int Count { get; private set; }
    /// <summary>Each row's entry, -1 for null: valid after a successful <see cref="TryBuild"/>.</summary>
    public ReadOnlySpan<int> Indices => _indices;
    public int FirstRow(int entry) => _firstRows[entry];

    /// <summary>
    /// Builds the dictionary of rows [0, rows) of <paramref name="column"/> if it pays: at most a quarter of the
    /// sampled values distinct, and at most <paramref name="maxEntries"/> entries and <paramref name="maxChars"/> characters in all.
    /// </summary>
    public bool TryBuild(StringColumn column, int rows, int maxEntries, int maxChars)
    {
        Count = 0;
        var sample = Math.Min(rows, SampleRows);
        var limit = Math.Min(maxEntries, Math.Max(1, sample / 4));
        Prepare(Math.Min(rows, maxEntries));
        if (_indices.Length < rows)
        {
            ArrayPool<int>.Shared.Return(_indices);
            _indices = ArrayPool<int>.Shared.Rent(rows);
        }
        var chars = 0L;
        for (var r = 0; r < rows; r++)
        {
            if (r == sample) limit = maxEntries;
            if (column.IsNull(r))
            {
                _indices[r] = -1;
                continue;
            }
            var value = column.Span(r);
            if (value.Length > MaxValueChars) return false;
            var before = Count;
            _indices[r] = IndexOf(column, value, r);
            if (Count == before) continue;
            chars += value.Length;
            if (Count > limit || chars > maxChars) return false;
        }
        return true;
    }

    private int IndexOf(StringColumn column, ReadOnlySpan<char> value, int row)
    {
        var hash = string.GetHashCode(value);
        var slot = hash & _mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0) break;
            if (_hashes[entry] == hash && column.Span(_firstRows[entry]).SequenceEqual(value)) return entry;
            slot = (slot + 1) & _mask;
        }
        if (Count == _hashes.Length)
        {
            Array.Resize(ref _hashes, Count * 2);
            Array.Resize(ref _firstRows, Count * 2);
        }
        _hashes[Count] = hash;
        _firstRows[Count] = row;
        _slots[slot] = ++Count;
        return Count - 1;
    }

    // A table at most half full for the largest dictionary allowed, cleared.
    private void Prepare(int maxEntries)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * (maxEntries + 1)));
        if (_slots.Length < size)
        {
            if (_slots.Length > 0) ArrayPool<int>.Shared.Return(_slots);
            _slots = ArrayPool<int>.Shared.Rent(size);
        }
        _mask = size - 1;
        _slots.AsSpan(0, size).Clear();
    }

    public void Dispose()
    {
        if (_slots.Length > 0) ArrayPool<int>.Shared.Return(_slots);
        if (_indices.Length > 0) ArrayPool<int>.Shared.Return(_indices);
        _slots = [];
        _indices = [];
    }
}
