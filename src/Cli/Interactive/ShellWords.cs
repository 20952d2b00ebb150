using System.Text;

namespace AkkaEtl.Cli.Interactive;

/// <summary>Splits a prompt line into words as a shell would: spaces separate, quotes group, backslash escapes.</summary>
public static class ShellWords
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\') word.Append(line[++i]);
                else word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote is not null) throw new FormatException("unclosed quote");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
