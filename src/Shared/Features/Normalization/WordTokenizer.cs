namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Splits text into words (runs of letters and digits; apostrophes inside a word are dropped, every other character,
/// hyphens included, separates words) and folds each into a small buffer for keyword lookup. No allocation.
/// </summary>
internal ref struct WordTokenizer
{
    /// <summary>Words longer than this are reported with <see cref="FoldedLength"/> = -1 (never a keyword).</summary>
    public const int MaxWord = 24;

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<char> _folded;
    private int _pos;

    public WordTokenizer(ReadOnlySpan<char> text, Span<char> foldBuffer)
    {
        _text = text;
        _folded = foldBuffer;
    }

    /// <summary>The word as written.</summary>
    public ReadOnlySpan<char> Raw { get; private set; }

    /// <summary>Where the word starts in the text.</summary>
    public int Start { get; private set; }

    /// <summary>The folded word (lower case, no diacritics, no apostrophes), or empty when too long.</summary>
    public readonly ReadOnlySpan<char> Folded => FoldedLength < 0 ? default : _folded[..FoldedLength];

    public int FoldedLength { get; private set; }

    /// <summary>Whether a ':' stands between the previous word and this one.</summary>
    public bool ColonBefore { get; private set; }

    /// <summary>Whether a list or option separator (/ , ; | + &amp; brackets) stands between the previous word and this one.</summary>
    public bool ListBreakBefore { get; private set; }

    public bool MoveNext()
    {
        var colon = false;
        var listBreak = false;
        var i = _pos;
        while (i < _text.Length && !TextFold.IsWordChar(_text[i]))
        {
            var c = _text[i];
            if (c == ':') colon = true;
            else if (c is '/' or ',' or ';' or '|' or '+' or '&' or '(' or ')' or '[' or ']') listBreak = true;
            i++;
        }
        if (i >= _text.Length)
        {
            _pos = i;
            return false;
        }
        var start = i;
        var n = 0;
        var tooLong = false;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (TextFold.IsWordChar(c))
            {
                if (n < _folded.Length && n < MaxWord) _folded[n++] = TextFold.FoldChar(c);
                else tooLong = true;
                i++;
            }
            else if ((c == '\'' || c == '\u2019') && i + 1 < _text.Length && TextFold.IsWordChar(_text[i + 1]) && i > start)
            {
                i++; // "isn't" → "isnt"
            }
            else if (TextFold.IsCombiningMark(c))
            {
                i++;
            }
            else
            {
                break;
            }
        }
        _pos = i;
        Start = start;
        Raw = _text[start..i];
        FoldedLength = tooLong ? -1 : n;
        ColonBefore = colon;
        ListBreakBefore = listBreak;
        return true;
    }
}
