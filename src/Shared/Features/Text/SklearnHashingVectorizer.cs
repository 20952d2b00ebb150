using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AkkaEtl.Common;

namespace AkkaEtl.Features.Text;

/// <summary>
/// scikit-learn's <c>HashingVectorizer(n_features, alternate_sign=True, norm="l2", lowercase=True)</c> with the default
/// token pattern <c>(?u)\b\w\w+\b</c>, bit for bit: Python's <c>str.lower()</c>, Python re's Unicode <c>\w</c>
/// (tables generated from CPython, see <see cref="PythonUnicode"/>), MurmurHash3 x86 32-bit of each token's UTF-8.
/// </summary>
/// <remarks>
/// Not thread-safe: use one instance per thread. It keeps scratch buffers, so steady-state calls allocate nothing.
/// Tokens are the maximal runs of at least two word code points of the lower-cased text (that is what findall of
/// <c>\b\w\w+\b</c> returns), so the text is lower-cased and tokenized in one pass without building strings.
/// </remarks>
public sealed class SklearnHashingVectorizer
{
    public const int DefaultFeatures = 1 << 20;

    private readonly FeatureRow _row;
    private byte[] _token = new byte[1024];

    public SklearnHashingVectorizer(int nFeatures = DefaultFeatures) => _row = new FeatureRow(nFeatures);

    public int NFeatures => _row.NFeatures;

    /// <summary>
    /// Appends the non-zero entries of the L2-normalised row, indices ascending, to the two buffers; returns how many
    /// were appended (none when the text has no token).
    /// </summary>
    public int Transform(ReadOnlySpan<char> text, ValueBuffer<int> indices, ValueBuffer<float> values)
    {
        var sink = new HashSink(_row);
        Scan(text, ref sink);
        return _row.Emit(indices, values);
    }

    /// <summary>
    /// Same as <c>Transform(first + "\n" + second)</c> without building that string: '\n' is neither a word character
    /// nor cased nor case-ignorable, so it ends tokens and the Final_Sigma context exactly like a segment end does.
    /// </summary>
    public int Transform(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ValueBuffer<int> indices, ValueBuffer<float> values)
    {
        var sink = new HashSink(_row);
        Scan(first, ref sink);
        Scan(second, ref sink);
        return _row.Emit(indices, values);
    }

    /// <summary>The tokens scikit-learn would produce, in order (allocates; for tests and diagnostics).</summary>
    public static List<string> Tokenize(string text)
    {
        var sink = new ListSink(new List<string>());
        new SklearnHashingVectorizer(1).Scan(text, ref sink);
        return sink.Tokens;
    }

    /// <summary>The feature index and sign scikit-learn gives a token (its UTF-8 bytes).</summary>
    public static (int Index, int Sign) HashToken(ReadOnlySpan<byte> utf8, int nFeatures = DefaultFeatures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nFeatures);
        var h = MurmurHash3.Hash32(utf8);
        return (FeatureRow.IndexOf(h, nFeatures), h >= 0 ? 1 : -1);
    }

    private interface ITokenSink
    {
        void OnToken(ReadOnlySpan<byte> utf8);
    }

    private readonly struct HashSink(FeatureRow row) : ITokenSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnToken(ReadOnlySpan<byte> utf8) => row.Add(MurmurHash3.Hash32(utf8));
    }

    private readonly struct ListSink(List<string> tokens) : ITokenSink
    {
        public List<string> Tokens => tokens;
        public void OnToken(ReadOnlySpan<byte> utf8) => tokens.Add(Encoding.UTF8.GetString(utf8));
    }

/// <summary>Lower-cases <paramref name="text"/> as CPython does and reports each token's UTF-8 bytes.</summary>
    private void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, ITokenSink
    {
        // Sized once for the whole text so the per-character loop needs no capacity checks.
        var need = checked(text.Length * PythonUnicode.MaxUtf8BytesPerUtf16Unit + 8);
        if (_token.Length < need) _token = new byte[Math.Max(need, _token.Length * 2)];
        var token = _token;
        var ascii = PythonUnicode.AsciiLowerWord;
        var bmp = PythonUnicode.Bmp;
        int len = 0, codePoints = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                var b = ascii[c];
                if (b != 0)
                {
                    // A run of ASCII word characters (most of the text) in a tight loop. No bounds check on the
                    // writes: the buffer holds the whole lower-cased text (see need above).
                    ref var dst = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(token), len);
                    var start = i;
                    while (true)
                    {
                        dst = b;
                        dst = ref Unsafe.Add(ref dst, 1);
                        if (++i == text.Length) break;
                        c = text[i];
                        if (c >= 0x80) break;
                        b = ascii[c];
                        if (b == 0) break;
                    }
                    len += i - start;
                    codePoints += i - start;
                    i--; // the character that ended the run is handled by the next iteration
                    continue;
                }
            }
            else
            {
                var info = bmp[c];
                if ((info & PythonUnicode.Special) == 0)
                {
                    if ((info & PythonUnicode.Word) == 0) goto boundary;
                    len += WriteUtf8Bmp((char)info, token, len);
                    codePoints++;
                    continue;
                }
                // Σ, multi-code-point lowercase, surrogates: rare, so out of line (and by value, so that the
                // loop's locals stay in registers).
                (i, len, codePoints) = ScanSpecial(text, i, token, len, codePoints, ref sink);
                continue;
            }
        boundary:
            if (codePoints >= 2) sink.OnToken(token.AsSpan(0, len));
            len = 0;
            codePoints = 0;
        }
        if (codePoints >= 2) sink.OnToken(token.AsSpan(0, len));
    }

    /// <summary>
    /// Handles the code point starting at <paramref name="i"/>; returns the index of its last UTF-16 unit and the
    /// updated token length and code point count.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int I, int Len, int CodePoints) ScanSpecial<TSink>(
        ReadOnlySpan<char> text, int i, byte[] token, int len, int codePoints, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        int cp = text[i];
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            cp = char.ConvertToUtf32(text[i], text[i + 1]);
            i++;
        }
        Span<int> lowered = stackalloc int[3];
        int n;
        if (cp == PythonUnicode.CapitalSigma)
        {
            lowered[0] = PythonUnicode.IsFinalSigma(text, i) ? PythonUnicode.FinalSmallSigma : PythonUnicode.SmallSigma;
            n = 1;
        }
        else
        {
            n = PythonUnicode.LowerFull(cp, lowered);
        }
        for (var k = 0; k < n; k++)
        {
            var o = lowered[k];
            if (PythonUnicode.IsWord(o))
            {
                len += WriteUtf8(o, token, len);
                codePoints++;
            }
            else
            {
                if (codePoints >= 2) sink.OnToken(token.AsSpan(0, len));
                len = 0;
                codePoints = 0;
            }
        }
        return (i, len, codePoints);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteUtf8Bmp(char c, byte[] buffer, int at)
    {
        if (c < 0x800)
        {
            buffer[at] = (byte)(0xC0 | (c >> 6));
            buffer[at + 1] = (byte)(0x80 | (c & 0x3F));
            return 2;
        }
        buffer[at] = (byte)(0xE0 | (c >> 12));
        buffer[at + 1] = (byte)(0x80 | ((c >> 6) & 0x3F));
        buffer[at + 2] = (byte)(0x80 | (c & 0x3F));
        return 3;
    }

    private static int WriteUtf8(int cp, byte[] buffer, int at)
    {
        if (cp < 0x80)
        {
            buffer[at] = (byte)cp;
            return 1;
        }
        if (cp < 0x10000) return WriteUtf8Bmp((char)cp, buffer, at);
        buffer[at] = (byte)(0xF0 | (cp >> 18));
        buffer[at + 1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
        buffer[at + 2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
        buffer[at + 3] = (byte)(0x80 | (cp & 0x3F));
        return 4;
    }
}

/// <summary>
/// One row being built: sums ±1 per feature index in a small open-addressing map, then emits the non-zero entries
/// sorted by index (a bucket pass and an insertion sort: a posting has a few hundred) and L2-normalised (in double, like
/// sklearn's normalize, then stored as float).
/// </summary>
internal sealed class FeatureRow
{
    private const int BucketBits = 8;

    private readonly int _mask; // n_features - 1 when it is a power of two, else -1
    private readonly int _bucketShift; // index >> _bucketShift is its bucket (< 2**BucketBits)
    private Entry[] _table = new Entry[1024]; // Key is index + 1, so a zeroed entry is empty
    private int[] _used = new int[512]; // occupied slots, in insertion order
    private int _count;
    private int _shift = 32 - 10;
    private long[] _sort = new long[512];
    private long[] _sortTemp = new long[512];
    private readonly int[] _histogram = new int[1 << BucketBits];

    private struct Entry
    {
        public int Key;
        public int Count;
    }

    public FeatureRow(int nFeatures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nFeatures);
        NFeatures = nFeatures;
        _mask = BitOperations.IsPow2(nFeatures) ? nFeatures - 1 : -1;
        var bits = 32 - BitOperations.LeadingZeroCount((uint)(nFeatures - 1));
        _bucketShift = Math.Max(0, bits - BucketBits);
    }

    public int NFeatures { get; }

    /// <summary>sklearn's index: abs(h) % n_features, where abs(int.MinValue) counts as 2**31 (sklearn special-cases
    /// it because C's abs overflows).</summary>
    public static int IndexOf(int h, int nFeatures) =>
        h == int.MinValue ? (int)(2147483648L % nFeatures) : Math.Abs(h) % nFeatures;

    /// <summary>Adds the token with MurmurHash3 value <paramref name="h"/>: +1 at its index when h >= 0, else -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int h)
    {
        // For a power of two the mask is the modulo; the branch-free abs leaves int.MinValue as is, and its masked
        // value 0 equals 2**31 % n_features.
        var index = _mask >= 0 ? ((h ^ (h >> 31)) - (h >> 31)) & _mask : IndexOf(h, NFeatures);
        var delta = (h >> 31) | 1; // +1 or -1
        var key = index + 1;
        var table = _table;
        var slot = (int)(((uint)key * 0x9E3779B1u) >> _shift);
        while (true)
        {
            ref var e = ref table[slot];
            if (e.Key == key)
            {
                e.Count += delta;
                return;
            }
            if (e.Key == 0)
            {
                e.Key = key;
                e.Count = delta;
                break;
            }
            slot = (slot + 1) & (table.Length - 1);
        }
        if (_count == _used.Length) Array.Resize(ref _used, _used.Length * 2);
        _used[_count++] = slot;
        if (_count * 2 > table.Length) Grow(); // keep the load factor at most 1/2
    }

    /// <summary>Appends the row (non-zero entries, indices ascending) and resets it; returns the entry count.</summary>
    public int Emit(ValueBuffer<int> indices, ValueBuffer<float> values)
    {
        if (_sort.Length < _count)
        {
            _sort = new long[_used.Length];
            _sortTemp = new long[_used.Length];
        }
        var table = _table;
        var n = 0;
        long sumOfSquares = 0;
        foreach (var slot in _used.AsSpan(0, _count))
        {
            ref var e = ref table[slot];
            if (e.Count != 0)
            {
                sumOfSquares += (long)e.Count * e.Count;
                // Index in the high half, so ordering the longs by it orders the entries.
                _sort[n++] = ((long)(e.Key - 1) << 32) | (uint)e.Count;
            }
            e = default;
        }
        _count = 0;
        if (n == 0) return 0;

        var sorted = SortByIndex(_sort.AsSpan(0, n), _sortTemp.AsSpan(0, n));
        var norm = Math.Sqrt(sumOfSquares);
        var outIndices = indices.AppendSpan(n);
        var outValues = values.AppendSpan(n);
        for (var k = 0; k < sorted.Length; k++)
        {
            outIndices[k] = (int)(sorted[k] >> 32);
            outValues[k] = (float)((int)sorted[k] / norm);
        }
        return n;
    }

    /// <summary>
    /// Orders the entries by index: one counting pass on the top bits of the index puts them into 256 ordered buckets
    /// (a posting has a few hundred entries, so about one per bucket), then an insertion sort fixes the order within
    /// buckets. Many entries (a huge text) go to the general sort instead.
    /// </summary>
    private Span<long> SortByIndex(Span<long> items, Span<long> temp)
    {
        if (items.Length > 4096)
        {
            items.Sort();
            return items;
        }
        var histogram = _histogram.AsSpan();
        histogram.Clear();
        var shift = 32 + _bucketShift;
        foreach (var x in items) histogram[(int)(x >> shift)]++;
        var sum = 0;
        for (var b = 0; b < histogram.Length; b++)
        {
            var c = histogram[b];
            histogram[b] = sum;
            sum += c;
        }
        foreach (var x in items) temp[histogram[(int)(x >> shift)]++] = x;
        for (var i = 1; i < temp.Length; i++)
        {
            var x = temp[i];
            var j = i - 1;
            if (temp[j] <= x) continue;
            do
            {
                temp[j + 1] = temp[j];
                j--;
            } while (j >= 0 && temp[j] > x);
            temp[j + 1] = x;
        }
        return temp;
    }

    private void Grow()
    {
        var old = _table;
        _table = new Entry[old.Length * 2];
        _shift--;
        var mask = _table.Length - 1;
        for (var k = 0; k < _count; k++)
        {
            var e = old[_used[k]];
            var slot = (int)(((uint)e.Key * 0x9E3779B1u) >> _shift);
            while (_table[slot].Key != 0) slot = (slot + 1) & mask;
            _table[slot] = e;
            _used[k] = slot;
        }
    }
}

/// <summary>MurmurHash3 x86 32-bit (Austin Appleby's reference), as sklearn's murmurhash3_bytes_s32.</summary>
internal static class MurmurHash3
{
    private const uint C1 = 0xCC9E2D51;
    private const uint C2 = 0x1B873593;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash32(ReadOnlySpan<byte> data, uint seed = 0)
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var h = seed;
        var end = length & ~3;
        for (var at = 0; at < end; at += 4)
        {
            var k = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, at));
            if (!BitConverter.IsLittleEndian) k = BinaryPrimitives.ReverseEndianness(k);
            h ^= BitOperations.RotateLeft(k * C1, 15) * C2;
            h = BitOperations.RotateLeft(h, 13) * 5 + 0xE6546B64;
        }

        uint k1 = 0;
        switch (length & 3)
        {
            case 3:
                k1 = (uint)Unsafe.Add(ref start, end + 2) << 16 | (uint)Unsafe.Add(ref start, end + 1) << 8 | Unsafe.Add(ref start, end);
                break;
            case 2:
                k1 = (uint)Unsafe.Add(ref start, end + 1) << 8 | Unsafe.Add(ref start, end);
                break;
            case 1:
                k1 = Unsafe.Add(ref start, end);
                break;
        }
        if ((length & 3) != 0) h ^= BitOperations.RotateLeft(k1 * C1, 15) * C2;

        h ^= (uint)length;
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return (int)h;
    }
}

/// <summary>
/// CPython's view of Unicode (from the generated tables in PythonUnicode.g.cs): re's <c>\w</c>, <c>str.lower()</c>
/// and the Final_Sigma rule. Lookups for the BMP go through one flat table; the rest binary-search the ranges.
/// </summary>
internal static partial class PythonUnicode
{
    public const int CapitalSigma = 0x3A3;
    public const int SmallSigma = 0x3C3;
    public const int FinalSmallSigma = 0x3C2;

    /// <summary>In <see cref="Bmp"/>: the lower-cased char (bits 0-15) is a word character.</summary>
    public const uint Word = 1u << 16;
    /// <summary>In <see cref="Bmp"/>: needs <see cref="LowerFull"/> (Σ, several code points, lowers to ASCII, surrogate).</summary>
    public const uint Special = 1u << 17;

    /// <summary>ASCII char -> its lower-case byte if it is a word character, else 0.</summary>
    public static ReadOnlySpan<byte> AsciiLowerWord =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', 0, 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, (byte)'_',
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
    ];

    /// <summary>BMP char -> lower-cased char | <see cref="Word"/> | <see cref="Special"/>.</summary>
    public static readonly uint[] Bmp;

    // Every single-code-point lowercase mapping, expanded from LowerRuns and sorted (for astral lookups).
    private static readonly int[] LowerFrom;
    private static readonly int[] LowerTo;

    static PythonUnicode()
    {
        var from = new List<int>();
        var to = new List<int>();
        var runs = LowerRuns;
        for (var r = 0; r < runs.Length; r += 4)
        {
            for (var k = 0; k < runs[r + 1]; k++)
            {
                var cp = runs[r] + k * runs[r + 2];
                from.Add(cp);
                to.Add(cp + runs[r + 3]);
            }
        }
        LowerFrom = from.ToArray();
        LowerTo = to.ToArray();
        Array.Sort(LowerFrom, LowerTo);

        Bmp = new uint[0x10000];
        for (var c = 0; c < 0x10000; c++) Bmp[c] = (uint)c;
        for (var k = 0; k < LowerFrom.Length && LowerFrom[k] < 0x10000; k++)
        {
            // The fast path writes 2-3 UTF-8 bytes, so non-ASCII chars lowering to ASCII (U+212A KELVIN SIGN -> 'k')
            // or outside the BMP go the slow way.
            var lower = LowerTo[k];
            Bmp[LowerFrom[k]] = lower is >= 0x80 and < 0x10000 ? (uint)lower : Special;
        }
        for (var c = 0; c < 0x10000; c++)
        {
            if ((Bmp[c] & Special) == 0 && IsWord((int)Bmp[c])) Bmp[c] |= Word;
        }
        var multi = LowerMulti;
        for (var k = 0; k < multi.Length; k += 5)
        {
            if (multi[k] < 0x10000) Bmp[multi[k]] = Special;
        }
        Bmp[CapitalSigma] = Special;
        for (var c = 0xD800; c <= 0xDFFF; c++) Bmp[c] = Special;
    }

    public static bool IsWord(int cp) => InRanges(WordRanges, cp);

    public static bool IsCased(int cp) => InRanges(CasedRanges, cp);

    public static bool IsCaseIgnorable(int cp) => InRanges(CaseIgnorableRanges, cp);

    /// <summary>str.lower() of one code point, without the Σ context rule: writes 1 to 3 code points.</summary>
    public static int LowerFull(int cp, Span<int> output)
    {
        var multi = LowerMulti;
        for (var k = 0; k < multi.Length; k += 5)
        {
            if (multi[k] != cp) continue;
            var n = multi[k + 1];
            for (var j = 0; j < n; j++) output[j] = multi[k + 2 + j];
            return n;
        }
        var at = Array.BinarySearch(LowerFrom, cp);
        output[0] = at >= 0 ? LowerTo[at] : cp;
        return 1;
    }

    /// <summary>
    /// CPython's handle_capital_sigma: Σ at <paramref name="i"/> lowers to ς when preceded by a cased code point and
    /// not followed by one, skipping case-ignorable code points on both sides.
    /// </summary>
    public static bool IsFinalSigma(ReadOnlySpan<char> text, int i)
    {
        var j = i;
        var before = -1;
        while (j > 0)
        {
            var cp = CodePointBefore(text, ref j);
            if (!IsCaseIgnorable(cp))
            {
                before = cp;
                break;
            }
        }
        if (before < 0 || !IsCased(before)) return false;

        j = i + 1;
        while (j < text.Length)
        {
            var cp = CodePointAt(text, ref j);
            if (!IsCaseIgnorable(cp)) return !IsCased(cp);
        }
        return true;
    }

    private static int CodePointBefore(ReadOnlySpan<char> text, ref int j)
    {
        if (j >= 2 && char.IsLowSurrogate(text[j - 1]) && char.IsHighSurrogate(text[j - 2]))
        {
            j -= 2;
            return char.ConvertToUtf32(text[j], text[j + 1]);
        }
        return text[--j];
    }

    private static int CodePointAt(ReadOnlySpan<char> text, ref int j)
    {
        if (j + 1 < text.Length && char.IsHighSurrogate(text[j]) && char.IsLowSurrogate(text[j + 1]))
        {
            j += 2;
            return char.ConvertToUtf32(text[j - 2], text[j - 1]);
        }
        return text[j++];
    }

    /// <summary>Binary search in sorted inclusive (first, last) pairs.</summary>
    private static bool InRanges(ReadOnlySpan<int> ranges, int cp)
    {
        int lo = 0, hi = (ranges.Length >> 1) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cp < ranges[mid << 1]) hi = mid - 1;
            else if (cp > ranges[(mid << 1) + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
