namespace AkkaEtl.Features.Normalization;

/// <summary>Text measures for the feature row.</summary>
public static class TextStats
{
    /// <summary>
    /// The number of whitespace-separated words (Unicode whitespace, as <see cref="char.IsWhiteSpace(char)"/>): what
    /// Python's <c>len(text.split())</c> gives. No allocation.
    /// </summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            bool space;
            if (c <= ' ') space = c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '\u001C' or '\u001D' or '\u001E' or '\u001F';
            else if (c < 0x7F) space = false;
            else space = char.IsWhiteSpace(c);
            if (space)
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }
        return count;
    }
}
