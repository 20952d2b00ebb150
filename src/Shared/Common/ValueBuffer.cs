using System.Buffers;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Common;

/// <summary>
/// A growable array for hot paths: reused across records (Clear keeps the capacity), so appending does not allocate
/// once it has grown to the working size.
/// </summary>
public sealed class ValueBuffer<T>
{
    private T[] _items;
    private int _count;

    public ValueBuffer(int capacity = 16) => _items = new T[Math.Max(capacity, 4)];

    public int Count => _count;
    public Span<T> Span => _items.AsSpan(0, _count);
    public ReadOnlyMemory<T> Memory => _items.AsMemory(0, _count);
    public T[] RawArray => _items;

    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)_count) ThrowIndex();
            return ref _items[index];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (_count == _items.Length) Grow(_count + 1);
        _items[_count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (_count + items.Length > _items.Length) Grow(_count + items.Length);
        items.CopyTo(_items.AsSpan(_count));
        _count += items.Length;
    }

    /// <summary>Reserves <paramref name="length"/> slots at the end and returns them for the caller to fill.</summary>
    public Span<T> AppendSpan(int length)
    {
        if (_count + length > _items.Length) Grow(_count + length);
        var span = _items.AsSpan(_count, length);
        _count += length;
        return span;
    }

    public void Truncate(int count)
    {
        if ((uint)count > (uint)_count) ThrowIndex();
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) _items.AsSpan(count, _count - count).Clear();
        _count = count;
    }

    public void Clear() => Truncate(0);

    public T[] ToArray() => _items.AsSpan(0, _count).ToArray();

    private void Grow(int min)
    {
        var size = Math.Max(min, _items.Length * 2);
        Array.Resize(ref _items, size);
    }

    private static void ThrowIndex() => throw new ArgumentOutOfRangeException("index");
}
