using System.Text;
using System.Text.Json;
using AkkaEtl.Common;
using AkkaEtl.Features.Text;

namespace AkkaEtl.Tests.Features;

/// <summary>SklearnHashingVectorizer against scikit-learn 1.2.1's output (spec/text-hashing-golden.jsonl) and edge cases.</summary>
public sealed class TextHashingTests
{
    private const int GoldenRowCount = 134;
    private const double RelativeTolerance = 1e-6;

    private sealed record GoldenRow(int Line, string Text, string[] Tokens, int[] Idx, double[] Val);

    private static readonly Lazy<IReadOnlyList<GoldenRow>> Golden = new(LoadGolden);

    private static List<GoldenRow> LoadGolden()
    {
        var rows = new List<GoldenRow>();
        var line = 0;
        foreach (var json in File.ReadLines(TestPaths.Spec("text-hashing-golden.jsonl")))
        {
            line++;
            if (string.IsNullOrWhiteSpace(json)) continue;
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            rows.Add(new GoldenRow(
                line,
                root.GetProperty("text").GetString()!,
                root.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToArray(),
                root.GetProperty("idx").EnumerateArray().Select(t => t.GetInt32()).ToArray(),
                root.GetProperty("val").EnumerateArray().Select(t => t.GetDouble()).ToArray()));
        }
        return rows;
    }

    [Fact]
    public void Golden_file_has_all_rows() => Assert.Equal(GoldenRowCount, Golden.Value.Count);

    [Fact]
    public void Golden_tokens_match_scikit_learn()
    {
        var failures = new List<string>();
        foreach (var row in Golden.Value)
        {
            var tokens = SklearnHashingVectorizer.Tokenize(row.Text);
            if (tokens.SequenceEqual(row.Tokens)) continue;
            var at = Enumerable.Range(0, Math.Min(tokens.Count, row.Tokens.Length)).FirstOrDefault(
                k => tokens[k] != row.Tokens[k], Math.Min(tokens.Count, row.Tokens.Length));
            failures.Add($"line {row.Line} {Excerpt(row.Text)}: {tokens.Count} tokens, expected {row.Tokens.Length}; " +
                         $"first difference at #{at}: got {Show(tokens.ElementAtOrDefault(at))}, " +
                         $"expected {Show(row.Tokens.ElementAtOrDefault(at))}");
        }
        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void Golden_indices_and_values_match_scikit_learn()
    {
        var hasher = new SklearnHashingVectorizer();
        var indices = new ValueBuffer<int>();
        var values = new ValueBuffer<float>();
        var failures = new List<string>();
        foreach (var row in Golden.Value)
        {
            indices.Clear();
            values.Clear();
            var n = hasher.Transform(row.Text, indices, values);
            var problem = Compare(row, n, indices, values);
            if (problem is not null) failures.Add($"line {row.Line} {Excerpt(row.Text)}: {problem}");
        }
        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public void Two_argument_overload_equals_the_concatenation()
    {
        var pairs = new List<(string, string)>
        {
            ("", ""), ("Senior Engineer", ""), ("", "Senior Engineer"), ("ab", "cd"), ("a", "b"), ("ΑΣ", "Α"),
            ("ΣΑ", "ΑΣ"), ("İ", "İ"), ("x\u0301", "\u0301y"), ("\uD801", "\uDC00"), ("🚀", "rocket 🚀"),
        };
        var golden = Golden.Value;
        for (var k = 0; k + 1 < golden.Count; k += 2) pairs.Add((golden[k].Text, golden[k + 1].Text));

        var hasher = new SklearnHashingVectorizer();
        foreach (var (first, second) in pairs)
        {
            var (expectedIdx, expectedVal) = Run(hasher, first + "\n" + second);
            var indices = new ValueBuffer<int>();
            var values = new ValueBuffer<float>();
            var n = hasher.Transform(first, second, indices, values);
            Assert.Equal(expectedIdx.Length, n);
            Assert.Equal(expectedIdx, indices.ToArray());
            Assert.Equal(expectedVal, values.ToArray());
        }
    }

    [Fact]
    public void Reusing_cleared_buffers_and_the_instance_gives_the_same_result()
    {
        var hasher = new SklearnHashingVectorizer();
        var texts = Golden.Value.Select(r => r.Text).ToArray();
        var fresh = texts.Select(t => Run(new SklearnHashingVectorizer(), t)).ToArray();

        var indices = new ValueBuffer<int>(4);
        var values = new ValueBuffer<float>(4);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var k = 0; k < texts.Length; k++)
            {
                indices.Clear();
                values.Clear();
                hasher.Transform(texts[k], indices, values);
                Assert.Equal(fresh[k].Idx, indices.ToArray());
                Assert.Equal(fresh[k].Val, values.ToArray());
            }
        }
    }

    [Fact]
    public void Transform_appends_after_existing_entries()
    {
        var hasher = new SklearnHashingVectorizer();
        var indices = new ValueBuffer<int>();
        var values = new ValueBuffer<float>();
        indices.Add(-7);
        values.Add(42f);
        var n = hasher.Transform("senior SOFTWARE engineer engineer", indices, values);
        Assert.Equal(3, n);
        Assert.Equal(new[] { -7, 50058, 363686, 505222 }, indices.ToArray());
        Assert.Equal(42f, values[0]);
        Assert.Equal(-0.8164966f, values[1], 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a b c ! ? 🚀🚀")]
    [InlineData("\u0130\u0130")] // İ lowers to "i\u0307": single 'i's around a non-word combining dot
    [InlineData("½ ² ① \u0301\u0301")]
    public void Texts_without_tokens_append_nothing(string text)
    {
        var indices = new ValueBuffer<int>();
        var values = new ValueBuffer<float>();
        Assert.Equal(0, new SklearnHashingVectorizer().Transform(text, indices, values));
        Assert.Equal(0, indices.Count);
        Assert.Equal(0, values.Count);
        Assert.Empty(SklearnHashingVectorizer.Tokenize(text));
    }

    // Expected tokens are CPython 3.11's re.findall(r"(?u)\b\w\w+\b", text.lower()).
    [Theory]
    [InlineData("\u0130stanbul \u0130\u0130 ii", "stanbul|ii")] // İ -> i + U+0307 (not a word char)
    [InlineData("cafe\u0301 e\u0301te\u0301", "cafe|te")] // combining marks (Mn) split words
    [InlineData("x\u00B2 \u00BD \u00BD\u00BD \u00B2\u00B3 \u2460\u2461", "x\u00B2|\u00BD\u00BD|\u00B2\u00B3|\u2460\u2461")] // numerics are \w
    [InlineData("\U0001F680\U0001F680 a\U0001F680b ab\U0001F680cd", "ab|cd")] // emoji are not \w
    [InlineData("\U00010400\U00010401 \U0001D400\U0001D401", "\U00010428\U00010429|\U0001D400\U0001D401")] // astral letters
    [InlineData("\u212A\u212B \u2126x \u01C5a", "k\u00E5|\u03C9x|\u01C6a")] // Kelvin, Ångström, Ohm, titlecase
    [InlineData("\uFB01nance", "\uFB01nance")] // ligature: lower() keeps it
    [InlineData("\uD800ab cd\uDC00", "ab|cd")] // lone surrogates are single non-word code points
    [InlineData("a\u00ADb", "")] // soft hyphen (Cf) is not \w
    public void Edge_case_tokens_match_python(string text, string expected)
    {
        var want = expected.Length == 0 ? [] : expected.Split('|');
        Assert.Equal(want, SklearnHashingVectorizer.Tokenize(text));
    }

    // str.lower() turns Σ into ς at the end of a word (Final_Sigma), skipping case-ignorable code points.
    [Theory]
    [InlineData("\u039F\u0394\u039F\u03A3 \u039F\u0394\u039F\u03A3.", "\u03BF\u03B4\u03BF\u03C2|\u03BF\u03B4\u03BF\u03C2")]
    [InlineData("\u03A3\u0391 \u03A3\u03A3", "\u03C3\u03B1|\u03C3\u03C2")]
    [InlineData("\u0391\u03A3\u0301\u0391", "\u03B1\u03C3")] // U+0301 is skipped, a cased letter follows: σ
    [InlineData("\u0391\u03A3\u0301 x", "\u03B1\u03C2")] // nothing cased follows: ς
    [InlineData("\u0391'\u03A3x", "\u03C3x")] // apostrophe is case-ignorable: Σ is preceded by Α, followed by x
    [InlineData("\u0391\u03A3\nb", "\u03B1\u03C2")]
    [InlineData("\u0391\u03A3\U0001D5D4", "\u03B1\u03C3\U0001D5D4")] // 𝗔 (astral, cased) follows: σ
    public void Final_sigma_matches_python(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), SklearnHashingVectorizer.Tokenize(text));
    }

    [Theory]
    [InlineData("", 0)] // reference vectors of MurmurHash3_x86_32, seed 0
    [InlineData("foo", -156908512)]
    [InlineData("hello", 613153351)]
    [InlineData("The quick brown fox jumps over the lazy dog", 776992547)]
    public void Murmur_hash_matches_reference(string text, int expected)
    {
        var h = expected;
        var (index, sign) = SklearnHashingVectorizer.HashToken(Encoding.UTF8.GetBytes(text));
        Assert.Equal(Math.Abs(h) % SklearnHashingVectorizer.DefaultFeatures, index);
        Assert.Equal(h >= 0 ? 1 : -1, sign);
    }

    // "ss2s0k1" hashes to int.MinValue, whose abs overflows in C; sklearn defines its index as 2**31 % n_features.
    [Theory]
    [InlineData(SklearnHashingVectorizer.DefaultFeatures, 0)]
    [InlineData(10, 8)]
    [InlineData(1_000_003, 477_207)]
    public void Hash_of_int_min_gets_sklearn_index(int nFeatures, int expectedIndex)
    {
        Assert.Equal((expectedIndex, -1), SklearnHashingVectorizer.HashToken("ss2s0k1"u8, nFeatures));
        var indices = new ValueBuffer<int>();
        var values = new ValueBuffer<float>();
        Assert.Equal(1, new SklearnHashingVectorizer(nFeatures).Transform("SS2S0K1", indices, values));
        Assert.Equal([expectedIndex], indices.ToArray());
        Assert.Equal([-1f], values.ToArray());
    }

    // Other sizes take other paths (modulo instead of mask; sorting instead of the bitmap above 2**22).
    [Theory]
    [InlineData(10)]
    [InlineData(1_000_003)]
    [InlineData(1 << 18)]
    [InlineData(1 << 23)]
    [InlineData(1 << 30)]
    public void Other_feature_counts_match_a_reference_built_from_tokens(int nFeatures)
    {
        var hasher = new SklearnHashingVectorizer(nFeatures);
        foreach (var row in Golden.Value)
        {
            var sums = new SortedDictionary<int, int>();
            foreach (var token in SklearnHashingVectorizer.Tokenize(row.Text))
            {
                var (index, sign) = SklearnHashingVectorizer.HashToken(Encoding.UTF8.GetBytes(token), nFeatures);
                sums[index] = sums.GetValueOrDefault(index) + sign;
            }
            var nonZero = sums.Where(kv => kv.Value != 0).ToArray();
            var norm = Math.Sqrt(nonZero.Sum(kv => (double)kv.Value * kv.Value));

            var (idx, val) = Run(hasher, row.Text);
            Assert.Equal(nonZero.Select(kv => kv.Key).ToArray(), idx);
            Assert.Equal(nonZero.Select(kv => (float)(kv.Value / norm)).ToArray(), val);
        }
    }

    // The tokenizer has a tight loop for runs of ASCII word chars and another path for the rest, so random texts over
    // an alphabet whose Python \w and lower() agree with .NET's (ASCII, é É ß ü ñ 中 as word chars; NBSP, ’, “, •, —
    // and emoji as not) check tokens that start, end and switch paths at every position.
    [Fact]
    public void Random_texts_tokenize_like_a_per_char_reference()
    {
        const string words = "abcxyzABCXYZ0189_";
        const string wordsNonAscii = "\u00E9\u00C9\u00DF\u00FC\u00F1\u4E2D";
        const string separators = " .,;-\n\t(/";
        const string separatorsNonAscii = "\u00A0\u2019\u201C\u2022\u2014";
        var random = new Random(20261128);
        for (var round = 0; round < 20_000; round++)
        {
            var length = random.Next(0, 80);
            var sb = new StringBuilder(length);
            var wordRun = random.Next(1, 40); // how long words run, on average, in this text
            for (var k = 0; k < length; k++)
            {
                var pick = random.Next(100);
                if (pick < 2) sb.Append("\U0001F680");
                else if (pick < 5) sb.Append(wordsNonAscii[random.Next(wordsNonAscii.Length)]);
                else if (pick < 7) sb.Append(separatorsNonAscii[random.Next(separatorsNonAscii.Length)]);
                else if (random.Next(wordRun) == 0) sb.Append(separators[random.Next(separators.Length)]);
                else sb.Append(words[random.Next(words.Length)]);
            }
            var text = sb.ToString();
            Assert.True(ReferenceTokens(text).SequenceEqual(SklearnHashingVectorizer.Tokenize(text)), $"text: {JsonSerializer.Serialize(text)}");
        }
    }

    private static List<string> ReferenceTokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value == '_')
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
                continue;
            }
            if (current.Length >= 2) tokens.Add(current.ToString());
            current.Clear();
        }
        if (current.Length >= 2) tokens.Add(current.ToString());
        return tokens;
    }

    [Fact]
    public void Huge_vocabulary_and_long_tokens_work()
    {
        var sb = new StringBuilder();
        for (var k = 0; k < 50_000; k++) sb.Append("w").Append(k).Append(' ');
        sb.Append(new string('x', 100_000));
        var indices = new ValueBuffer<int>();
        var values = new ValueBuffer<float>();
        var n = new SklearnHashingVectorizer().Transform(sb.ToString(), indices, values);
        Assert.InRange(n, 40_000, 50_001);
        for (var k = 1; k < n; k++) Assert.True(indices[k - 1] < indices[k]);
        var norm = Math.Sqrt(values.Span.ToArray().Sum(v => (double)v * v));
        Assert.Equal(1.0, norm, 5);
    }

    private static (int[] Idx, float[] Val) Run(SklearnHashingVectorizer hasher, string text)
    {
        var indices = new ValueBuffer<int>();
        var values = new ValueBuffer<float>();
        hasher.Transform(text, indices, values);
        return (indices.ToArray(), values.ToArray());
    }

    private static string? Compare(GoldenRow row, int n, ValueBuffer<int> indices, ValueBuffer<float> values)
    {
        if (n != indices.Count || n != values.Count) return $"returned {n} but appended {indices.Count}/{values.Count}";
        if (n != row.Idx.Length) return $"{n} entries, expected {row.Idx.Length}";
        for (var k = 0; k < n; k++)
        {
            if (indices[k] != row.Idx[k]) return $"entry #{k}: index {indices[k]}, expected {row.Idx[k]}";
            var expected = row.Val[k];
            if (Math.Abs(values[k] - expected) > RelativeTolerance * Math.Abs(expected))
                return $"entry #{k} (index {row.Idx[k]}): value {values[k]:R}, expected {expected:R}";
        }
        return null;
    }

    private static string Report(List<string> failures) =>
        $"{failures.Count} of {Golden.Value.Count} golden rows differ:\n" + string.Join("\n", failures);

    private static string Excerpt(string text) => Show(text.Length <= 60 ? text : text[..60] + "…");

    private static string Show(string? s) => s is null ? "(none)" : JsonSerializer.Serialize(s);
}
