namespace AkkaEtl.Generation;

/// <summary>The kinds of bad input lines the generator writes.</summary>
internal enum MalformedKind : byte
{
    /// <summary>A posting cut off mid-way: <c>{"id":"j-..","title":"Eng</c>.</summary>
    Truncated,

    /// <summary>Not JSON at all: log lines, an HTML error page, a CSV row, <c>NaN</c>.</summary>
    Garbage,

    /// <summary>A JSON array instead of an object.</summary>
    Array,

    /// <summary>A bare JSON string, number, <c>null</c> or <c>true</c>.</summary>
    Scalar,

    /// <summary>A complete posting without an id (missing, <c>null</c> or <c>""</c>).</summary>
    NoId,

    /// <summary>A posting-like object with invalid UTF-8 bytes inside its strings.</summary>
    InvalidUtf8,
}

/// <summary>Writes one bad input line; which kind, and its content, follow from the line's seed.</summary>
internal static class MalformedLineWriter
{
    private static readonly Weights KindWeights = new(25, 15, 10, 10, 22, 18);

    private static readonly byte[][] Garbage =
    [
        "ERROR 2020-01-01 03:12:44 upstream timed out (110: Connection timed out) while reading response header"u8.ToArray(),
        "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>"u8.ToArray(),
        "id,title,company,location,salary"u8.ToArray(),
        "-- end of batch --"u8.ToArray(),
        "NaN"u8.ToArray(),
        "undefined"u8.ToArray(),
        "{{title}} at {{company}} ({{location}})"u8.ToArray(),
        "id: j-000001 title: Engineer company: Acme"u8.ToArray(),
        "{'id': 'j-1', 'title': 'Python dict, not JSON'}"u8.ToArray(),
    ];

    private static readonly byte[][] InvalidSequences =
    [
        [0xC3, 0x28],             // bad continuation byte
        [0xFF],                   // never valid in UTF-8
        [0xC0, 0xAF],             // overlong '/'
        [0xED, 0xA0, 0x80],       // encoded surrogate
        [0xF0, 0x9F, 0x98],       // truncated 4-byte sequence
        [0x80],                   // lone continuation byte
    ];

    public static void Write(JsonLineWriter w, PostingRenderer renderer, DayPlan day, long ordinal)
    {
        var rng = new Prng(day.MalformedSeed(ordinal));
        var kind = (MalformedKind)rng.Pick(KindWeights);
        w.ResetStructure();
        switch (kind)
        {
            case MalformedKind.Truncated:
                WriteTruncated(w, renderer, day, ordinal, ref rng);
                break;
            case MalformedKind.Garbage:
                w.Raw(rng.Pick(Garbage));
                w.EndLine();
                break;
            case MalformedKind.Array:
                w.Spaced = rng.Next(2) == 0;
                w.AsciiOnly = false;
                w.BeginArray();
                if (rng.Next(2) == 0)
                {
                    w.BeginObject();
                    w.Key("id"u8); WriteId(w, day, ordinal);
                    w.Key("title"u8); w.String("Software Engineer"u8);
                    w.EndObject();
                }
                else
                {
                    WriteId(w, day, ordinal);
                    w.String("Barista"u8);
                    w.Number(42);
                }
                w.EndArray();
                w.EndLine();
                break;
            case MalformedKind.Scalar:
                switch (rng.Next(4))
                {
                    case 0: WriteId(w, day, ordinal); break;
                    case 1: w.Integer(day.NumericIdBase + ordinal); break;
                    case 2: w.Raw("null"u8); break;
                    default: w.Raw("true"u8); break;
                }
                w.EndLine();
                break;
            case MalformedKind.NoId:
                int mode = rng.Next(10);
                renderer.Write(w, day, ordinal, RecordKind.Original, ordinal,
                    mode < 6 ? IdMode.Omitted : mode < 9 ? IdMode.Null : IdMode.Empty);
                break;
            default:
                WriteInvalidUtf8(w, day, ordinal, ref rng);
                break;
        }
    }

    private static void WriteTruncated(JsonLineWriter w, PostingRenderer renderer, DayPlan day, long ordinal, ref Prng rng)
    {
        int start = w.Length;
        renderer.Write(w, day, ordinal, RecordKind.Original, ordinal);
        int full = w.Length - start - 1; // without the newline
        int cut = Math.Max(8, (int)(full * rng.NextDouble(0.05, 0.6)));
        Span<byte> line = w.WrittenSince(start);
        // never cut inside a multi-byte character: the line stays valid UTF-8, only the JSON is broken
        while (cut > 1 && (line[cut] & 0xC0) == 0x80) cut--;
        w.Truncate(start + cut);
        w.EndLine();
    }

    private static void WriteInvalidUtf8(JsonLineWriter w, DayPlan day, long ordinal, ref Prng rng)
    {
        byte[] bad = rng.Pick(InvalidSequences);
        w.Spaced = true;
        w.AsciiOnly = false;
        w.BeginObject();
        w.Key("id"u8);
        WriteId(w, day, ordinal);
        w.Key("source"u8);
        w.String("indeed"u8);
        w.Key("title"u8);
        w.BeginString();
        w.Raw("Caf"u8);
        w.Raw(bad);
        w.Raw(" Supervisor"u8);
        w.EndString();
        w.Key("company"u8);
        w.String("Wildflower Caf"u8);
        w.Key("description"u8);
        w.BeginString();
        w.Raw("<p>Join our caf"u8);
        w.Raw(bad);
        w.Raw(" team in M"u8);
        w.RawByte(0xFC); // Latin-1 'ü', not UTF-8
        w.Raw("nchen.</p>"u8);
        w.EndString();
        w.Key("posted_at"u8);
        w.Number((day.DayStartMs + rng.NextInt64(86_400_000)) / 1000);
        w.EndObject();
        w.EndLine();
    }

    private static void WriteId(JsonLineWriter w, DayPlan day, long ordinal)
    {
        w.BeginString();
        w.Raw(day.IdPrefix);
        w.Padded(ordinal, 6);
        w.EndString();
    }
}
