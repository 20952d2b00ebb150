using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= 16)
        {
            // 16 characters at a time: a bit mask of the spaces, and the words that start in the block are the
            // non-space bits whose previous bit is a space. The few non-ASCII characters (a typographic quote every
            // 60 or so) are looked up one by one; their low bytes, which the narrowing keeps, say nothing.
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var last = text.Length - 16;
            for (; i <= last; i += 16)
            {
                var lo = Vector128.LoadUnsafe(ref start, (nuint)i);
                var hi = Vector128.LoadUnsafe(ref start, (nuint)(i + 8));
                var bytes = Vector128.Narrow(lo, hi);
                var space = Vector128.Equals(bytes, Vector128.Create((byte)' '))
                            | Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'\t'), Vector128.Create((byte)('\r' - '\t')))
                            | Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)0x1C), Vector128.Create((byte)3));
                var spaces = space.ExtractMostSignificantBits();
                var ascii = Vector128.Create((ushort)0x7F);
                var nonAscii = Vector128.Narrow(Vector128.GreaterThan(lo, ascii), Vector128.GreaterThan(hi, ascii)).ExtractMostSignificantBits();
                if (nonAscii != 0)
                {
                    spaces &= ~nonAscii;
                    for (var bits = nonAscii; bits != 0; bits &= bits - 1)
                    {
                        var at = BitOperations.TrailingZeroCount(bits);
                        if (char.IsWhiteSpace(text[i + at])) spaces |= 1u << at;
                    }
                }
                var before = (spaces << 1) | (inWord ? 0u : 1u);
                count += BitOperations.PopCount(~spaces & before & 0xFFFF);
                inWord = (spaces & 0x8000) == 0;
            }
        }
        return count + CountScalar(text[i..], ref inWord);
    }

    private static int CountScalar(ReadOnlySpan<char> text, ref bool inWord)
    {
        var count = 0;
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
