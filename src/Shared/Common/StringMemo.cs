namespace AkkaEtl.Common;

/// <summary>
/// A function of a short text, remembered per text, for one thread: for values a day's records repeat over and over
/// (places) and that cost more to compute than to look up. Bounded: when full it starts again. Texts longer than
/// <paramref name="maxLength"/> are computed every time.
/// </summary>
public sealed class StringMemo<T>(Func<string, T> compute, int capacity = 8192, int maxLength = 240)
{
    private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public T Get(string text)
    {
        if (text.Length > maxLength) return compute(text);
        if (_values.TryGetValue(text, out var value)) return value;
        if (_values.Count >= capacity) _values.Clear();
        return _values[text] = compute(text);
    }
}
