using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// Minimum and maximum of a column chunk's numbers, for its statistics. NaN is left out (the spec forbids it in
/// min/max: an all-NaN chunk has none), and a zero bound is written as -0.0 (min) or +0.0 (max) as the spec asks.
/// </summary>
internal struct ValueRange<T> where T : unmanaged, INumber<T>
{
    public T Min;
    public T Max;
    public bool Any;

    public void Reset() => Any = false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (T.IsNaN(value)) return;
        if (!Any)
        {
            Min = Max = value;
            Any = true;
            return;
        }
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    public void AddAll(ReadOnlySpan<T> values)
    {
        foreach (var v in values) Add(v);
    }

    /// <summary>The bounds as PLAIN-encoded bytes (little-endian), null without a value.</summary>
    public readonly (byte[] Min, byte[] Max)? Encode()
    {
        if (!Any) return null;
        var min = Min;
        var max = Max;
        if (T.IsZero(min)) min = -T.Zero;
        if (T.IsZero(max)) max = T.Zero;
        return (Bytes(min), Bytes(max));
    }

    private static byte[] Bytes(T value)
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        return bytes;
    }
}
