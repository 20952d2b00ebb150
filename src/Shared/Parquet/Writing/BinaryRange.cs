namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// Minimum and maximum of a column chunk's UTF-8 values in unsigned byte order (Parquet's TYPE_ORDER for strings,
/// which is also code point order). The bounds are kept as copies: the pages they came from are reused.
/// </summary>
internal sealed class BinaryRange
{
    private byte[] _min = new byte[64];
    private byte[] _max = new byte[64];
    private int _minLength;
    private int _maxLength;

    public bool Any { get; private set; }

    public void Reset() => Any = false;

    public void Add(ReadOnlySpan<byte> value)
    {
        if (!Any)
        {
            Set(ref _min, ref _minLength, value);
            Set(ref _max, ref _maxLength, value);
            Any = true;
            return;
        }
        if (value.SequenceCompareTo(_min.AsSpan(0, _minLength)) < 0) Set(ref _min, ref _minLength, value);
        else if (value.SequenceCompareTo(_max.AsSpan(0, _maxLength)) > 0) Set(ref _max, ref _maxLength, value);
    }

    /// <summary>The bounds, or null when there is no value or either is longer than <paramref name="maxLength"/> bytes.</summary>
    public (byte[] Min, byte[] Max)? Encode(int maxLength)
    {
        if (!Any || _minLength > maxLength || _maxLength > maxLength) return null;
        return (_min.AsSpan(0, _minLength).ToArray(), _max.AsSpan(0, _maxLength).ToArray());
    }

    private static void Set(ref byte[] target, ref int length, ReadOnlySpan<byte> value)
    {
        if (target.Length < value.Length) target = new byte[Math.Max(value.Length, 2 * target.Length)];
        value.CopyTo(target);
        length = value.Length;
    }
}
