using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/> and kept across pages and row groups: it grows
/// to the largest page once and is given back on <see cref="Dispose"/>.
/// </summary>
internal sealed class PooledBuffer(int capacity) : IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    public int Length => _length;
    public byte[] Array => _array;
    public ReadOnlySpan<byte> Written => _array.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>At least <paramref name="size"/> writable bytes after the written ones; commit them with <see cref="Advance"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_array.Length - _length < size) Grow(size);
        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Reserves <paramref name="size"/> bytes to fill in later (a length prefix); returns their position.</summary>
    public int Reserve(int size)
    {
        GetSpan(size);
        var at = _length;
        _length += size;
        return at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_length == _array.Length) Grow(1);
        _array[_length++] = value;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _length += 4;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteInt32At(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_array.AsSpan(position, 4), value);

    private void Grow(int size)
    {
        var needed = (long)_length + size;
        if (needed > System.Array.MaxLength) throw new InvalidOperationException($"a Parquet page buffer cannot hold {needed:N0} bytes");
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(System.Array.MaxLength, Math.Max(needed, 2L * _array.Length)));
        _array.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_array);
        _array = next;
    }

    public void Dispose()
    {
        if (_array.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        _length = 0;
    }
}
