using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet.Meta;

namespace AkkaEtl.Parquet.Writing;

/// <summary>INT32, INT64, FLOAT and DOUBLE columns: PLAIN is the value's little-endian bytes.</summary>
internal sealed class NumberColumnEncoder<T>(bool required, global::Parquet.Meta.Type physicalType)
    : ScalarColumnEncoder<T>(required, Unsafe.SizeOf<T>()) where T : unmanaged, INumber<T>
{
    private ValueRange<T> _range;

    public override global::Parquet.Meta.Type PhysicalType => physicalType;

    protected override void ResetBounds() => _range.Reset();

    protected override void WriteValues(ReadOnlySpan<T?> values, int count, PooledBuffer body)
    {
        var target = MemoryMarshal.Cast<byte, T>(body.GetSpan(count * Unsafe.SizeOf<T>()))[..count];
        var n = 0;
        var range = _range;
        foreach (ref readonly var v in values)
        {
            if (!v.HasValue) continue;
            var x = v.GetValueOrDefault();
            target[n++] = x;
            range.Add(x);
        }
        _range = range;
        body.Advance(count * Unsafe.SizeOf<T>());
    }

    public override Statistics Statistics() => Bounds(NullCount, _range.Encode(), legacy: true);
}

/// <summary>TIMESTAMP(isAdjustedToUTC, MICROS) columns: INT64 microseconds since the Unix epoch.</summary>
internal sealed class TimestampColumnEncoder(bool required) : ScalarColumnEncoder<DateTime>(required, 8)
{
    private ValueRange<long> _range;

    public override global::Parquet.Meta.Type PhysicalType => global::Parquet.Meta.Type.INT64;

    protected override void ResetBounds() => _range.Reset();

    public static long Micros(DateTime t)
    {
        // Values are UTC (RowBatch converts local times); an unspecified kind is taken as UTC.
        if (t.Kind == DateTimeKind.Local) t = t.ToUniversalTime();
        return (t.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    }

    protected override void WriteValues(ReadOnlySpan<DateTime?> values, int count, PooledBuffer body)
    {
        var target = MemoryMarshal.Cast<byte, long>(body.GetSpan(count * 8))[..count];
        var n = 0;
        var range = _range;
        foreach (ref readonly var v in values)
        {
            if (!v.HasValue) continue;
            var micros = Micros(v.GetValueOrDefault());
            target[n++] = micros;
            range.Add(micros);
        }
        _range = range;
        body.Advance(count * 8);
    }

    public override Statistics Statistics() => Bounds(NullCount, _range.Encode(), legacy: true);
}

/// <summary>BOOLEAN columns: PLAIN is one bit per value, least significant bit first.</summary>
internal sealed class BooleanColumnEncoder(bool required) : ScalarColumnEncoder<bool>(required, 1)
{
    private bool _anyFalse;
    private bool _anyTrue;

    public override global::Parquet.Meta.Type PhysicalType => global::Parquet.Meta.Type.BOOLEAN;

    protected override void ResetBounds() => _anyFalse = _anyTrue = false;

    protected override void WriteValues(ReadOnlySpan<bool?> values, int count, PooledBuffer body)
    {
        var bytes = (count + 7) / 8;
        var target = body.GetSpan(bytes)[..bytes];
        target.Clear();
        var n = 0;
        foreach (ref readonly var v in values)
        {
            if (!v.HasValue) continue;
            if (v.GetValueOrDefault())
            {
                target[n >> 3] |= (byte)(1 << (n & 7));
                _anyTrue = true;
            }
            else
            {
                _anyFalse = true;
            }
            n++;
        }
        body.Advance(bytes);
    }

    public override Statistics Statistics()
    {
        (byte[], byte[])? bounds = _anyFalse || _anyTrue ? ([_anyFalse ? (byte)0 : (byte)1], [_anyTrue ? (byte)1 : (byte)0]) : null;
        return Bounds(NullCount, bounds, legacy: true);
    }
}
