using System.Text;

namespace AkkaEtl.Generation;

/// <summary>
/// A piece of vocabulary escaped once for the inside of a JSON string, in two forms: UTF-8 with non-ASCII kept
/// as is, and pure ASCII with non-ASCII as <c>\uXXXX</c> escapes (what Python's <c>json.dumps</c> writes by default).
/// </summary>
internal sealed class JsonText
{
    public JsonText(string value)
    {
        Value = value;
        Utf8 = Escape(value, asciiOnly: false);
        byte[] ascii = Escape(value, asciiOnly: true);
        Ascii = ascii.AsSpan().SequenceEqual(Utf8) ? Utf8 : ascii;
    }

    public string Value { get; }

    /// <summary>Escaped for JSON, non-ASCII as raw UTF-8.</summary>
    public byte[] Utf8 { get; }

    /// <summary>Escaped for JSON, non-ASCII as <c>\uXXXX</c>.</summary>
    public byte[] Ascii { get; }

    public bool IsEmpty => Value.Length == 0;

    public static readonly JsonText Empty = new(string.Empty);

    public static implicit operator JsonText(string value) => new(value);

    public override string ToString() => Value;

    /// <summary>Escapes the characters HTML text must not contain raw: &amp;, &lt;, &gt;.</summary>
    public static string HtmlEncode(string value)
    {
        if (value.AsSpan().IndexOfAny('&', '<', '>') < 0) return value;
        return value.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static byte[] Escape(string value, bool asciiOnly)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || (asciiOnly && c >= 0x80))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}

/// <summary>The placeholders a <see cref="Template"/> may hold.</summary>
internal enum Slot : byte
{
    Company,
    Title,
    City,
    Country,
    Tech,
    Tech2,
    Industry,
    Team,
    Years,
    Salary,
    Url,
}

/// <summary>
/// A sentence with placeholders such as <c>{company}</c>, split once into escaped literal parts and slots so that
/// rendering is only copying.
/// </summary>
internal sealed class Template
{
    private Template(JsonText[] literals, Slot[] slots)
    {
        Literals = literals;
        Slots = slots;
    }

    /// <summary>Literal parts; there is one more than there are slots (literal, slot, literal, ...).</summary>
    public JsonText[] Literals { get; }

    public Slot[] Slots { get; }

    public static implicit operator Template(string text) => Parse(text);

    public static Template Parse(string text)
    {
        var literals = new List<JsonText>();
        var slots = new List<Slot>();
        int start = 0;
        while (true)
        {
            int open = text.IndexOf('{', start);
            if (open < 0) break;
            int close = text.IndexOf('}', open + 1);
            if (close < 0) break;
            literals.Add(new JsonText(text[start..open]));
            slots.Add(ParseSlot(text[(open + 1)..close]));
            start = close + 1;
        }
        literals.Add(new JsonText(text[start..]));
        return new Template(literals.ToArray(), slots.ToArray());
    }

    private static Slot ParseSlot(string name) => name switch
    {
        "company" => Slot.Company,
        "title" => Slot.Title,
        "city" => Slot.City,
        "country" => Slot.Country,
        "tech" => Slot.Tech,
        "tech2" => Slot.Tech2,
        "industry" => Slot.Industry,
        "team" => Slot.Team,
        "years" => Slot.Years,
        "salary" => Slot.Salary,
        "url" => Slot.Url,
        _ => throw new ArgumentException("unknown template slot {" + name + "}"),
    };
}
