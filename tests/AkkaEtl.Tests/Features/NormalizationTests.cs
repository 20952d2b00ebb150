using AkkaEtl.Common;
using AkkaEtl.Features.Normalization;

namespace AkkaEtl.Tests.Features;

public class HtmlTextTests
{
    [Theory]
    [InlineData("a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos;", "a & b <c> \"q\" 's'")]
    [InlineData("We&#x27;re &#39;x&#39; &#x2F;&#X2f; &#8217; &#038;", "We're 'x' // \u2019 &")]
    [InlineData("&hellip;&mdash;&ndash;&rsquo;&lsquo;&ldquo;&rdquo;&euro;&pound;&copy;&reg;&trade;", "\u2026\u2014\u2013\u2019\u2018\u201C\u201D\u20AC\u00A3\u00A9\u00AE\u2122")]
    [InlineData("caf&eacute; &Eacute;t&eacute; &uuml;ber &szlig; &ntilde; &ccedil;", "caf\u00E9 \u00C9t\u00E9 \u00FCber \u00DF \u00F1 \u00E7")]
    [InlineData("&amp &lt3 &copy2026 &nbspx", "& <3 \u00A92026 x")] // legacy names without ';'
    [InlineData("&foo; &bar R&D a & b AT&T &#; &#x;", "&foo; &bar R&D a & b AT&T &#; &#x;")] // unknown: left as is
    [InlineData("&#0;&#128;&#x1F600;&#xD800;&#1114112;", "\uFFFD\u20AC\U0001F600\uFFFD\uFFFD")]
    [InlineData("&rarr; &check; &NewLine;x", "\u2192 \u2713\nx")] // HTML5 names
    public void Decodes_entities(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("a<p>b<p>c", "a\nb\nc")]
    [InlineData("<p>a</p><p>b</p>", "a\nb")]
    [InlineData("a<br>b<br/>c<BR />d", "a\nb\nc\nd")]
    [InlineData("a<br><br>b", "a\n\nb")]
    [InlineData("a<br><br><br><br>b", "a\n\nb")]
    [InlineData("<ul><li>x</li><li>y</li></ul>after", "x\ny\nafter")]
    [InlineData("<h1>Title</h1>body<h6>end</h6>", "Title\nbody\nend")]
    [InlineData("<div>a</div><div>b</div>", "a\nb")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc")]
    [InlineData("a<script>var x = '<p>' < 3;</script>b<style>p { color: red }</style>c<SCRIPT src=x></SCRIPT>d", "abcd")]
    [InlineData("a<!-- hidden <p> -->b", "ab")]
    [InlineData("a <!DOCTYPE html> b <?xml version=\"1.0\"?> c", "a b c")]
    [InlineData("<a href=\"https:&#x2F;&#x2F;x.com&#x2F;a?b=1&amp;c=2\" rel=\"nofollow\">https:&#x2F;&#x2F;x.com</a>", "https://x.com")]
    [InlineData("<i>Stellar</i> <b>Science</b>", "Stellar Science")]
    [InlineData("x<span class=\"a>b\">y</span>z", "xyz")] // '>' inside a quoted attribute
    [InlineData("<pre><code>  x = 1;\n  y &lt; 2\n</code></pre>after", "x = 1;\ny < 2\nafter")]
    public void Handles_tags(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("x<y", "x<y")]
    [InlineData("if a<b then c", "if a<b then c")] // '<b' never closed: text
    [InlineData("I <3 HN", "I <3 HN")]
    [InlineData("send <Your Name> please", "send <Your Name> please")] // not an HTML element
    [InlineData("unclosed <p", "unclosed <p")]
    [InlineData("a<!-- never closed", "a<!-- never closed")]
    [InlineData("trailing <", "trailing <")]
    [InlineData("</>", "</>")]
    public void Keeps_text_of_malformed_markup(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("  a \t b  ", "a b")]
    [InlineData("a\u00A0\u00A0b &nbsp;&nbsp; c\u2003d", "a b c d")]
    [InlineData("a \n b", "a\nb")]
    [InlineData("a\r\nb\rc", "a\nb\nc")]
    [InlineData("a\n\n\n\nb", "a\n\nb")]
    [InlineData("<p>  a  </p>", "a")]
    [InlineData("a<br>\nb", "a\nb")] // a raw newline right after a tag's break is source formatting
    [InlineData("a<p>\n\nb", "a\n\nb")]
    [InlineData("\n\n  <p>  <br> a", "a")]
    [InlineData("a\u0001b\uFEFFc", "abc")]
    [InlineData("", "")]
    [InlineData("<p></p><br>", "")]
    public void Collapses_whitespace(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void Real_hacker_news_posting()
    {
        const string raw = "Redpanda Data | REMOTE | Full-time | <a href=\"https:&#x2F;&#x2F;www.redpanda.com&#x2F;careers\" rel=\"nofollow\">https:&#x2F;&#x2F;www.redpanda.com&#x2F;careers</a><p>Redpanda is pioneering the Agentic Data Plane (ADP) - a new category.<p>We&#x27;re R&amp;D: &quot;fast&quot;\nNext line";
        Assert.Equal(
            "Redpanda Data | REMOTE | Full-time | https://www.redpanda.com/careers\nRedpanda is pioneering the Agentic Data Plane (ADP) - a new category.\nWe're R&D: \"fast\"\nNext line",
            HtmlText.ToPlainText(raw));
    }

    [Fact]
    public void Chinese_posting_keeps_its_text()
    {
        const string raw = "AI startup ILLUCIO正在寻找一位 Full-stack Engineer（全栈工程师）\n我们两位创始人都是 NUS 校友。曾在 Accenture（埃森哲） 与 P&amp;G（宝洁） 从事技术相关工作。近期 base 北京&#x2F;上海。";
        var text = HtmlText.ToPlainText(raw);
        Assert.StartsWith("AI startup ILLUCIO正在寻找一位 Full-stack Engineer（全栈工程师）\n", text);
        Assert.Contains("P&G（宝洁）", text);
        Assert.Contains("北京/上海", text);
        Assert.Null(HeaderInference.Infer(text));
    }

    [Theory]
    [InlineData("<b>Senior</b>\n Engineer &amp; Lead<br>", "Senior Engineer & Lead")]
    [InlineData("Acme<p>Corp", "Acme Corp")]
    [InlineData("  Berlin,\r\n  Germany ", "Berlin, Germany")]
    [InlineData("   ", null)]
    [InlineData("<p></p>", null)]
    [InlineData("", null)]
    public void Inline_text(string input, string? expected) => Assert.Equal(expected, HtmlText.ToInlineText(input));

    [Fact]
    public void Large_input_grows_the_buffer()
    {
        var html = string.Concat(Enumerable.Repeat("<p>x &amp; y&#x2F;z", 50_000));
        var text = HtmlText.ToPlainText(html);
        Assert.Equal(50_000 * "x & y/z".Length + 49_999, text.Length);
    }

    [Fact]
    public void Is_thread_safe()
    {
        const string html = "<p>a &amp; b<br>c&#x27;d";
        var results = new string[64];
        Parallel.For(0, results.Length, i =>
        {
            for (var k = 0; k < 200; k++) results[i] = HtmlText.ToPlainText(html + new string('x', i));
        });
        for (var i = 0; i < results.Length; i++) Assert.Equal("a & b\nc'd" + new string('x', i), results[i]);
    }
}

public class TextStatsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("one", 1)]
    [InlineData("a b\tc\nd", 4)]
    [InlineData("  lead  trail  ", 2)]
    [InlineData("a\u00A0b\u3000c\u2029d", 4)]
    [InlineData("全栈工程师 Full-stack", 2)]
    [InlineData("x\u001Cy", 2)] // Python's str.split() counts U+001C..U+001F as whitespace
    public void Counts_whitespace_separated_words(string text, int expected) => Assert.Equal(expected, TextStats.CountWords(text));

    [Fact]
    public void Counts_like_a_character_by_character_split_on_random_text_across_blocks()
    {
        // Non-ASCII characters whose low byte is a space, a tab or U+001C must not count as spaces, and Unicode spaces must.
        const string alphabet = "ab Z9\t\n\u001C\u001F\u00A0\u2003\u3000\u2029\u0085é中\u2020\u0109\u011C\u2019\u0120";
        var random = new Random(20261128);
        for (var n = 0; n < 5000; n++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            Assert.True(Reference(text) == TextStats.CountWords(text), $"'{text}'");
        }

        static int Reference(string text)
        {
            var count = 0;
            var inWord = false;
            foreach (var c in text)
            {
                var space = c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or (>= '\u001C' and <= '\u001F') || (c >= 0x80 && char.IsWhiteSpace(c));
                if (space) inWord = false;
                else if (!inWord) (inWord, count) = (true, count + 1);
            }
            return count;
        }
    }
}

public class TextCleanerTests
{
    [Theory]
    [InlineData("\"Senior Engineer\"", "Senior Engineer")]
    [InlineData("**Senior Engineer** -", "Senior Engineer")]
    [InlineData("• Staff SWE:", "Staff SWE")]
    [InlineData("Hiring: Founding Engineer", "Founding Engineer")]
    [InlineData("Role - Backend Developer |", "Backend Developer")]
    [InlineData("Engineer!!!", "Engineer!")]
    [InlineData("C++ Engineer (Remote)", "C++ Engineer (Remote)")]
    [InlineData("Senior&nbsp;Engineer &amp; Lead", "Senior Engineer & Lead")]
    [InlineData("Engineer -- Backend", "Engineer - Backend")]
    [InlineData(" -- ", null)]
    [InlineData(null, null)]
    public void Cleans_titles(string? raw, string? expected) => Assert.Equal(expected, TextCleaner.CleanTitle(raw));

    [Theory]
    [InlineData("Stardex (YC S21) is hiring", "Stardex (YC S21)")]
    [InlineData("Company: Watchtower Health", "Watchtower Health")]
    [InlineData("COMPANY: Tvrtle", "Tvrtle")]
    [InlineData("[PALTOWN Development Foundation]", "PALTOWN Development Foundation")]
    [InlineData("<i>Stellar Science</i>", "Stellar Science")]
    [InlineData("Acme Inc.", "Acme Inc.")]
    [InlineData("Tiger Data (FKA Timescale)", "Tiger Data (FKA Timescale)")]
    [InlineData("Maiven is hiring again!", "Maiven is hiring again!")] // only a trailing "is hiring" goes
    [InlineData("Acme is hiring!", "Acme")]
    [InlineData("   ", null)]
    public void Cleans_companies(string? raw, string? expected) => Assert.Equal(expected, TextCleaner.CleanCompany(raw));

    [Fact]
    public void Returns_the_input_when_nothing_changes()
    {
        var s = "Senior Engineer";
        Assert.Same(s, TextCleaner.CleanTitle(s));
    }
}

public class CountryNormalizerTests
{
    [Theory]
    [InlineData("United States", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("USA", "US")]
    [InlineData("U.S.", "US")]
    [InlineData("U.S.A.", "US")]
    [InlineData("US", "US")]
    [InlineData("us", "US")]
    [InlineData("America", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("England", "GB")]
    [InlineData("GBR", "GB")]
    [InlineData("Deutschland", "DE")]
    [InlineData("Germany", "DE")]
    [InlineData("Allemagne", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData("España", "ES")]
    [InlineData("espana", "ES")]
    [InlineData("Spanien", "ES")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Suisse", "CH")]
    [InlineData("Svizzera", "CH")]
    [InlineData("Nederland", "NL")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Holland", "NL")]
    [InlineData("Österreich", "AT")]
    [InlineData("OSTERREICH", "AT")]
    [InlineData("Polska", "PL")]
    [InlineData("Sverige", "SE")]
    [InlineData("Brasil", "BR")]
    [InlineData("México", "MX")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Turkey", "TR")]
    [InlineData("Česká republika", "CZ")]
    [InlineData("Czechia", "CZ")]
    [InlineData("South Korea", "KR")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("日本", "JP")]
    [InlineData("中国", "CN")]
    [InlineData("Россия", "RU")]
    [InlineData("Ελλάδα", "GR")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("Bosnia & Herzegovina", "BA")]
    [InlineData("Trinidad and Tobago", "TT")]
    [InlineData("UAE", "AE")]
    [InlineData("  Canada  ", "CA")]
    [InlineData("Åland Islands", "AX")]
    [InlineData("Curaçao", "CW")]
    [InlineData("Viet Nam", "VN")]
    [InlineData("Bengaluru", null)]
    [InlineData("Europe", null)]
    [InlineData("Germany, Berlin", null)]
    [InlineData("", null)]
    public void Maps_countries_to_iso2(string text, string? expected) => Assert.Equal(expected, CountryNormalizer.ToIso2(text));

    [Fact]
    public void Knows_every_iso_3166_country_by_code_and_name()
    {
        Assert.Equal(249, CountryNormalizer.Codes.Count);
        foreach (var alpha2 in CountryNormalizer.Codes)
        {
            Assert.Equal(alpha2, CountryNormalizer.ToIso2(alpha2));
            Assert.Equal(alpha2, CountryNormalizer.ToIso2(alpha2.ToLowerInvariant()));
            Assert.Equal(alpha2, CountryNormalizer.ToIso2(CountryNormalizer.ToAlpha3(alpha2)));
            Assert.Equal(alpha2, CountryNormalizer.ToIso2(CountryNormalizer.EnglishName(alpha2)));
            Assert.Equal(alpha2, CountryNormalizer.ToIso2(CountryNormalizer.EnglishName(alpha2)!.ToUpperInvariant()));
        }
        Assert.Equal("DEU", CountryNormalizer.ToAlpha3("DE"));
        Assert.Equal("Germany", CountryNormalizer.EnglishName("DE"));
        Assert.Null(CountryNormalizer.ToAlpha3("XX"));
    }
}

public class LocationParserTests
{
    [Fact]
    public void Remembered_parses_are_the_parser_s_and_the_memo_stays_within_its_capacity()
    {
        var calls = 0;
        var memo = new StringMemo<ParsedLocation>(text => { calls++; return LocationParser.Parse(text); }, capacity: 3, maxLength: 20);
        string[] texts = ["Berlin, Germany", "NYC", "Remote (US)", "Berlin, Germany", "Austin TX", "NYC", "nowhere at all", "Toronto, ON, Canada, North America"];
        foreach (var text in texts)
        {
            Assert.Equal(LocationParser.Parse(text), memo.Get(text));
            Assert.InRange(memo.Count, 1, 3);
        }
        Assert.Equal(7, calls); // the second "Berlin, Germany" was remembered; the second "NYC" came after the memo filled up
        Assert.Equal(new ParsedLocation("New York", "NY", "US"), memo.Get("NYC"));
        Assert.Equal(7, calls);
    }

    [Theory]
    [InlineData("Berlin, Germany", "Berlin", null, "DE")]
    [InlineData("San Francisco, CA", "San Francisco", "CA", "US")]
    [InlineData("London, UK", "London", null, "GB")]
    [InlineData("Toronto, ON, Canada", "Toronto", "ON", "CA")]
    [InlineData("Remote (US)", null, null, "US")]
    [InlineData("NYC", "New York", "NY", "US")]
    [InlineData("SF Bay Area", "San Francisco Bay Area", "CA", "US")]
    [InlineData("Paris, Île-de-France, France", "Paris", "Île-de-France", "FR")]
    [InlineData("Bengaluru, India", "Bengaluru", null, "IN")]
    [InlineData("Bangalore", "Bengaluru", null, "IN")]
    [InlineData("Berlin", "Berlin", null, "DE")]
    [InlineData("Berlin, DE", "Berlin", null, "DE")]
    [InlineData("Dover, DE", "Dover", "DE", "US")]
    [InlineData("Portland, OR", "Portland", "OR", "US")]
    [InlineData("Austin TX", "Austin", "TX", "US")]
    [InlineData("Austin, Texas", "Austin", "TX", "US")]
    [InlineData("Cupertino, California, US", "Cupertino", "CA", "US")]
    [InlineData("Washington, D.C.", "Washington", "DC", "US")]
    [InlineData("Cambridge, MA", "Cambridge", "MA", "US")]
    [InlineData("Atlanta, Georgia", "Atlanta", "GA", "US")]
    [InlineData("Tbilisi, Georgia", "Tbilisi", null, "GE")]
    [InlineData("Calgary, Alberta, Canada", "Calgary", "AB", "CA")]
    [InlineData("London, Ontario, Canada", "London", "ON", "CA")]
    [InlineData("Krems an der Donau (near Vienna), Austria", "Krems an der Donau", null, "AT")]
    [InlineData("Wien, Österreich", "Vienna", null, "AT")]
    [InlineData("Zürich", "Zurich", null, "CH")]
    [InlineData("München", "Munich", null, "DE")]
    [InlineData("São Paulo, Brazil", "São Paulo", null, "BR")]
    [InlineData("Greater Seattle Area", "Seattle", "WA", "US")]
    [InlineData("NYC or REMOTE (US and EU)", "New York", "NY", "US")]
    [InlineData("Remote (US) or Pittsburgh, PA", "Pittsburgh", "PA", "US")]
    [InlineData("Boston (Charlestown), MA", "Boston", "MA", "US")]
    [InlineData("Hybrid (USA) Albuquerque NM, Washington DC (Tysons VA), Dayton OH", "Albuquerque", "NM", "US")]
    [InlineData("Multiple US locations (VA, PA, FL, TX, CA, NY)", null, null, "US")]
    [InlineData("On-site in Stockholm, Sweden", "Stockholm", null, "SE")]
    [InlineData("Full time in New York, NY (ONSITE)", "New York", "NY", "US")]
    [InlineData("Mclean, Virginia - On-site", "McLean", "VA", "US")]
    [InlineData("US-Based / Remote", null, null, "US")]
    [InlineData("Remote - Spain/Italy", null, null, "ES")]
    [InlineData("UK, EU, New York", null, null, "GB")]
    [InlineData("Remote (IN)", null, null, "IN")]
    [InlineData("REMOTE (CA)", null, null, "CA")]
    [InlineData("New Orleans, LA", "New Orleans", "LA", "US")]
    [InlineData("LA", "Los Angeles", "CA", "US")]
    [InlineData("北京", "Beijing", null, "CN")]
    [InlineData("Remote (Europe)", null, null, null)]
    [InlineData("Remote (North America & Europe)", null, null, null)]
    [InlineData("Remote", null, null, null)]
    [InlineData("Senior Software Engineer", null, null, null)]
    [InlineData("Full-time", null, null, null)]
    [InlineData("Go, React, Next.js, k8s", null, null, null)]
    [InlineData("Ploid AI", null, null, null)]
    [InlineData("Hiring Eng, Product, GTM", null, null, null)]
    [InlineData("", null, null, null)]
    public void Parses_locations(string text, string? city, string? region, string? country) =>
        Assert.Equal(new ParsedLocation(city, region, country), LocationParser.Parse(text));
}

public class RemoteDetectorTests
{
    [Theory]
    [InlineData("Remote")]
    [InlineData("REMOTE (US)")]
    [InlineData("Remote (US)")]
    [InlineData("Fully remote")]
    [InlineData("remote-first")]
    [InlineData("Remote-friendly")]
    [InlineData("100% REMOTE (Global)")]
    [InlineData("Work from home")]
    [InlineData("WFH")]
    [InlineData("Télétravail")]
    [InlineData("teletrabajo")]
    [InlineData("Homeoffice")]
    [InlineData("Home-Office möglich")]
    [InlineData("Remote or Onsite")]
    [InlineData("NYC or Remote")]
    [InlineData("Hybrid/Remote")]
    [InlineData("ONSITE PREFERRED (Remote possible)")]
    [InlineData("Senior Engineer, working remotely")]
    public void Remote(string text) => Assert.True(RemoteDetector.Detect(text));

    [Theory]
    [InlineData("Onsite")]
    [InlineData("ON-SITE")]
    [InlineData("on site in Berlin")]
    [InlineData("In office 5 days")]
    [InlineData("In-person in San Francisco")]
    [InlineData("No remote")]
    [InlineData("not remote")]
    [InlineData("Non-remote role")]
    [InlineData("Remote: no")]
    [InlineData("Hybrid")]
    [InlineData("Hybrid (2 days remote, 3 days in office)")]
    [InlineData("ONSITE+PART REMOTE")]
    [InlineData("3x/week in office (M,T, Th)")]
    [InlineData("Vor Ort in München")]
    public void Not_remote(string text) => Assert.False(RemoteDetector.Detect(text));

    [Theory]
    [InlineData("")]
    [InlineData("San Francisco, CA")]
    [InlineData("Senior Software Engineer")]
    [InlineData("Remote Sensing Engineer")]
    [InlineData("remote control and remote monitoring")]
    [InlineData("Full-time")]
    public void No_signal(string text) => Assert.Null(RemoteDetector.Detect(text));
}

public class EmploymentTypeNormalizerTests
{
    [Theory]
    [InlineData("Full time", "full_time")]
    [InlineData("Full-Time", "full_time")]
    [InlineData("full_time", "full_time")]
    [InlineData("FULL_TIME", "full_time")]
    [InlineData("FT", "full_time")]
    [InlineData("Fulltime", "full_time")]
    [InlineData("Vollzeit", "full_time")]
    [InlineData("VOLLZEIT", "full_time")]
    [InlineData("temps plein", "full_time")]
    [InlineData("CDI", "full_time")]
    [InlineData("Permanent", "full_time")]
    [InlineData("Part time", "part_time")]
    [InlineData("PART_TIME", "part_time")]
    [InlineData("PT", "part_time")]
    [InlineData("Teilzeit", "part_time")]
    [InlineData("temps partiel", "part_time")]
    [InlineData("Contract", "contract")]
    [InlineData("CONTRACTOR", "contract")]
    [InlineData("Freelance", "contract")]
    [InlineData("C2H", "contract")]
    [InlineData("1099", "contract")]
    [InlineData("CDD", "temporary")]
    [InlineData("Temporary", "temporary")]
    [InlineData("Temp", "temporary")]
    [InlineData("Seasonal", "temporary")]
    [InlineData("Befristet", "temporary")]
    [InlineData("Intern", "internship")]
    [InlineData("INTERN", "internship")]
    [InlineData("Internship", "internship")]
    [InlineData("Praktikum", "internship")]
    [InlineData("stage", "internship")]
    [InlineData("co-op", "internship")]
    [InlineData("Werkstudent", "internship")]
    [InlineData("Full-time + Equity", "full_time")]
    [InlineData("Contract (1099)", "contract")]
    [InlineData("VOLUNTEER", "other")]
    [InlineData("PER_DIEM", "other")]
    [InlineData("Commission + Equity", "other")]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("--", null)]
    public void Normalizes(string raw, string? expected) => Assert.Equal(expected, EmploymentTypeNormalizer.Normalize(raw));

    [Theory]
    [InlineData("Senior Engineer | Full-Time | Remote", "full_time")]
    [InlineData("Onsite Full-time", "full_time")]
    [InlineData("Senior Software Engineer (FT)", "full_time")]
    [InlineData("Fulltime / Partime / Contract", "full_time")]
    [InlineData("Contract or Full-time", "contract")]
    [InlineData("Contract (potential for full-time)", "contract")]
    [InlineData("Full time, interns/co-ops", "full_time")]
    [InlineData("Junior Software Engineer (Contract, 1099)", "contract")]
    [InlineData("Part-time", "part_time")]
    [InlineData("Summer internship", "internship")]
    [InlineData("Fixed-term, 6 months", "temporary")]
    [InlineData("Smart contract auditor", null)]
    [InlineData("US permanent residents only", null)]
    [InlineData("Remote PT/ET Hours", null)]
    [InlineData("Early-stage startup", null)]
    [InlineData("Senior Software Engineer", null)]
    public void Finds_clear_markers_in_text(string text, string? expected) => Assert.Equal(expected, EmploymentTypeNormalizer.FindInText(text));
}

public class SalaryParserTests
{
    [Theory]
    // the contract's examples
    [InlineData("$150K-$200K", 150000, 200000, "USD", "year")]
    [InlineData("$80 - 150/hr", 80, 150, "USD", "hour")]
    [InlineData("£80k–£110k", 80000, 110000, "GBP", "year")]
    [InlineData("115k - 180k USD", 115000, 180000, "USD", "year")]
    [InlineData("€15/hour", 15, 15, "EUR", "hour")]
    [InlineData("$160,000 - 215,000 + equity", 160000, 215000, "USD", "year")]
    // real header snippets
    [InlineData("Paid contract role, $80 - 150/hr, 15–25 hr initial scope", 80, 150, "USD", "hour")]
    [InlineData("Full-time | $150k-$250k + equity (SF; location-adjusted)", 150000, 250000, "USD", "year")]
    [InlineData("$125k–$175k • 0.50%–1.50%", 125000, 175000, "USD", "year")]
    [InlineData("$178,500 - $320,000 USD + equity", 178500, 320000, "USD", "year")]
    [InlineData("£100–140k (or local equivalent) + Equity", 100000, 140000, "GBP", "year")]
    [InlineData("€30–40k RAL", 30000, 40000, "EUR", "year")]
    [InlineData("€~55k-€~75k", 55000, 75000, "EUR", "year")]
    [InlineData("Software Engineer, Android - $160~170k - Java", 160000, 170000, "USD", "year")]
    [InlineData("USD 85K–102K + Equity", 85000, 102000, "USD", "year")]
    [InlineData("$200K USD+", 200000, 200000, "USD", "year")]
    [InlineData("Up to $140k CAD + Generous Equity", 140000, 140000, "CAD", "year")]
    [InlineData("C$130K-C$150K + equity", 130000, 150000, "CAD", "year")]
    [InlineData("$300–$600K AUD", 300000, 600000, "AUD", "year")]
    [InlineData("35-90L INR", 3500000, 9000000, "INR", "year")]
    [InlineData("Comp: ₹40–60L + ESOPs", 4000000, 6000000, "INR", "year")]
    [InlineData("₹45,000 per month or equivalent", 45000, 45000, "INR", "month")]
    [InlineData("I can only offer up to $4,000/mo ($50,000/yr) at the moment", 4000, 4000, "USD", "month")]
    [InlineData("PayPlan | 50,000 GBP / year | Full-Time", 50000, 50000, "GBP", "year")]
    [InlineData("$200k Salary - $400k Total Compensation", 200000, 200000, "USD", "year")]
    [InlineData("Contract $35-50K", 35000, 50000, "USD", "year")]
    // European and other forms
    [InlineData("50.000 €", 50000, 50000, "EUR", "year")]
    [InlineData("CHF 120'000", 120000, 120000, "CHF", "year")]
    [InlineData("Gehalt: 60.000 - 75.000 EUR brutto", 60000, 75000, "EUR", "year")]
    [InlineData("€ 55 000 – 65 000", 55000, 65000, "EUR", "year")]
    [InlineData("salary 12,00,000 INR", 1200000, 1200000, "INR", "year")]
    [InlineData("$47.50 an hour", 47.5, 47.5, "USD", "hour")]
    [InlineData("$500/day", 500, 500, "USD", "day")]
    [InlineData("$2,000 per week", 2000, 2000, "USD", "week")]
    [InlineData("€4.500 monthly", 4500, 4500, "EUR", "month")]
    [InlineData("$120k p.a.", 120000, 120000, "USD", "year")]
    [InlineData("$120,000 per annum", 120000, 120000, "USD", "year")]
    [InlineData("$95k a year", 95000, 95000, "USD", "year")]
    [InlineData("$60 hourly", 60, 60, "USD", "hour")]
    [InlineData("$100k to $120k", 100000, 120000, "USD", "year")]
    [InlineData("¥8,000,000", 8000000, 8000000, "JPY", "year")]
    [InlineData("¥300k RMB", 300000, 300000, "CNY", "year")]
    [InlineData("80,000 euros", 80000, 80000, "EUR", "year")]
    [InlineData("A$150k", 150000, 150000, "AUD", "year")]
    [InlineData("between $100,000 and $120,000", 100000, 120000, "USD", "year")]
    [InlineData("USD85K", 85000, 85000, "USD", "year")]
    [InlineData("Rs. 50,000 per month", 50000, 50000, "INR", "month")]
    [InlineData("12-18 LPA", 1200000, 1800000, "INR", "year")]
    [InlineData("€45-55/h", 45, 55, "EUR", "hour")]
    [InlineData("60.000-75.000 €", 60000, 75000, "EUR", "year")]
    [InlineData("Salary: 90 000 - 110 000 SEK", 90000, 110000, "SEK", "year")]
    [InlineData("R$ 15.000 por mês", 15000, 15000, "BRL", "month")]
    [InlineData("$120K/yr - $150K/yr", 120000, 150000, "USD", "year")]
    [InlineData("$500", 500, 500, "USD", null)] // small amount, no period stated
    public void Parses(string text, double min, double max, string currency, string? period)
    {
        Assert.True(SalaryParser.TryParse(text, null, out var s), text);
        Assert.Equal(new Salary(min, max, currency, period), s);
    }

    [Fact]
    public void Annualises()
    {
        Assert.True(SalaryParser.TryParse("$80 - 150/hr", null, out var s));
        Assert.Equal(166400, s.AnnualMin);
        Assert.Equal(312000, s.AnnualMax);
        Assert.True(SalaryParser.TryParse("€3,000/month", null, out s));
        Assert.Equal(36000, s.AnnualMin);
        Assert.True(SalaryParser.TryParse("$400/day", null, out s));
        Assert.Equal(104000, s.AnnualMax);
        Assert.True(SalaryParser.TryParse("$1,000 per week", null, out s));
        Assert.Equal(52000, s.AnnualMin);
        Assert.True(SalaryParser.TryParse("$150K-$200K", null, out s));
        Assert.Equal(150000, s.AnnualMin);
        Assert.True(SalaryParser.TryParse("$500", null, out s));
        Assert.Null(s.Period);
        Assert.Null(s.AnnualMin);
        Assert.Null(s.AnnualMax);
    }

    [Theory]
    [InlineData("$120k-$150k", "CA", "CAD")]
    [InlineData("$120k-$150k", "AU", "AUD")]
    [InlineData("$120k-$150k", "NZ", "NZD")]
    [InlineData("$120k-$150k", "SG", "SGD")]
    [InlineData("$120k-$150k", "US", "USD")]
    [InlineData("$120k-$150k", "DE", "USD")]
    [InlineData("$120k-$150k (CAD)", null, "CAD")]
    [InlineData("US$120k", "CA", "USD")]
    [InlineData("¥500,000 per month", "CN", "CNY")]
    [InlineData("50 000 kr per month", "SE", "SEK")]
    [InlineData("50 000 kr per month", "NO", "NOK")]
    public void Resolves_dollars_by_text_and_country(string text, string? country, string currency)
    {
        Assert.True(SalaryParser.TryParse(text, country, out var s), text);
        Assert.Equal(currency, s.Currency);
    }

    [Theory]
    [InlineData("~$5k MRR")]
    [InlineData("We have $3M+ ARR and $7M+ raised")]
    [InlineData("$2M seed")]
    [InlineData("We raised $30M")]
    [InlineData("raised $500k from angels")]
    [InlineData("Series A")]
    [InlineData("0.5% - 1% equity")]
    [InlineData("Founded in 2026, 2024-2025 growth")]
    [InlineData("Call +1 (555) 123-4567")]
    [InlineData("version 1.2.3, v2.0")]
    [InlineData("Handling $4 billion in annual revenue")]
    [InlineData("$1B+ exits")]
    [InlineData("the $24B lending market")]
    [InlineData("$10k signing bonus")]
    [InlineData("learning budget of $1,000")]
    [InlineData("$5 per user per month")]
    [InlineData("$5/month subscription")]
    [InlineData("Bounty: $500 for each referral")]
    [InlineData("$500 commission per closed sale")]
    [InlineData("150-200k")] // no currency marker
    [InlineData("[180 - 210K]")]
    [InlineData("50 000 kr")] // krona/krone, but which?
    [InlineData("")]
    public void Rejects_non_salaries(string text) => Assert.False(SalaryParser.TryParse(text, null, out _), text);

    [Fact]
    public void Finds_the_first_salary_after_non_salaries()
    {
        Assert.True(SalaryParser.TryParse("We raised $20M (Series A) in 2025. Salary: $140k-$180k + equity", null, out var s));
        Assert.Equal(new Salary(140000, 180000, "USD", "year"), s);
    }

    [Theory]
    [InlineData("HOUR", "hour")]
    [InlineData("hourly", "hour")]
    [InlineData("DAY", "day")]
    [InlineData("WEEK", "week")]
    [InlineData("MONTH", "month")]
    [InlineData("Year", "year")]
    [InlineData("YEARLY", "year")]
    [InlineData("annual", "year")]
    [InlineData("PER_HOUR", "hour")]
    [InlineData("FORTNIGHT", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Periods_from_schema_org_units(string? unit, string? expected) => Assert.Equal(expected, SalaryParser.PeriodFromUnit(unit));
}

public class TimestampParserTests
{
    [Theory]
    [InlineData("2020-01-01", "2020-01-01T00:00:00.0000000Z")]
    [InlineData("2020-01-01T10:20:30Z", "2020-01-01T10:20:30.0000000Z")]
    [InlineData("2020-01-01T10:20:30.123456789Z", "2020-01-01T10:20:30.1234560Z")]
    [InlineData("2020-01-01T10:20:30.5+02:00", "2020-01-01T08:20:30.5000000Z")]
    [InlineData("2020-01-01T10:20:30-0530", "2020-01-01T15:50:30.0000000Z")]
    [InlineData("2020-01-01T10:20+01", "2020-01-01T09:20:00.0000000Z")]
    [InlineData("2020-01-01 10:20:30", "2020-01-01T10:20:30.0000000Z")]
    [InlineData("2020-01-01t10:20:30z", "2020-01-01T10:20:30.0000000Z")]
    [InlineData("2020-12-31T24:00:00Z", "2021-01-01T00:00:00.0000000Z")]
    [InlineData(" 2026-03-15T08:00:00.000Z ", "2026-03-15T08:00:00.0000000Z")]
    [InlineData("1767225600", "2026-01-01T00:00:00.0000000Z")]
    [InlineData("1767225600123", "2026-01-01T00:00:00.1230000Z")]
    [InlineData("1767225600.5", "2026-01-01T00:00:00.5000000Z")]
    [InlineData("Tue, 01 Jan 2030 10:00:00 GMT", "2030-01-01T10:00:00.0000000Z")]
    public void Parses(string text, string expectedRoundTrip)
    {
        Assert.True(TimestampParser.TryParse(text, out var utc), text);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expectedRoundTrip, utc.ToString("O"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2020-13-01")]
    [InlineData("2020-02-30")]
    [InlineData("2020-01-01T25:00")]
    [InlineData("2020-01-01T10:20:30+25:00")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    public void Rejects(string text) => Assert.False(TimestampParser.TryParse(text, out _), text);

    [Theory]
    [InlineData(0d, "1970-01-01T00:00:00.0000000Z")]
    [InlineData(1767225600d, "2026-01-01T00:00:00.0000000Z")]
    [InlineData(1767225600.25d, "2026-01-01T00:00:00.2500000Z")]
    [InlineData(1767225600123d, "2026-01-01T00:00:00.1230000Z")] // milliseconds
    [InlineData(1767225600123456d, "2026-01-01T00:00:00.1234560Z")] // microseconds
    [InlineData(99999999999d, "5138-11-16T09:46:39.0000000Z")] // largest read as seconds: over 2200, rejected below
    public void From_unix(double value, string expected)
    {
        var ok = TimestampParser.TryFromUnix(value, out var utc);
        if (expected.StartsWith("5138")) { Assert.False(ok); return; }
        Assert.True(ok);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("O"));
    }

    [Theory]
    [InlineData(-1d)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(7258118400d)] // 2200-01-01
    public void From_unix_rejects_absurd_values(double value) => Assert.False(TimestampParser.TryFromUnix(value, out _));
}

public class HeaderInferenceTests
{
    private static HeaderFields? Infer(string html) => HeaderInference.Infer(HtmlText.ToPlainText(html));

    [Fact]
    public void Reads_a_typical_pipe_header()
    {
        var h = Infer("FetLife | Senior DevOps Engineer | Full-Time | Remote | 115k - 180k USD - <a href=\"https:&#x2F;&#x2F;fetlife.com&#x2F;jobs&#x2F;devops-engineer\" rel=\"nofollow\">https:&#x2F;&#x2F;fetlife.com&#x2F;jobs&#x2F;devops-engineer</a><p>We are ...");
        Assert.NotNull(h);
        Assert.Equal("FetLife", h.Company);
        Assert.Equal("Senior DevOps Engineer", h.Title);
        Assert.True(h.IsRemote);
        Assert.Equal("full_time", h.EmploymentType);
        Assert.Equal("115k - 180k USD", h.SalaryText);
        Assert.Equal("https://fetlife.com/jobs/devops-engineer", h.Url);
        Assert.Null(h.Location);
    }

    [Fact]
    public void Reads_location_and_work_mode()
    {
        var h = Infer("Pickle Robot | Senior Perception Engineers &amp; MLEs | Boston (Charlestown), MA | ONSITE &#x2F; HYBRID | ROBOTICS<p>Pickle Robot is ...");
        Assert.NotNull(h);
        Assert.Equal(new HeaderFields("Pickle Robot", "Senior Perception Engineers & MLEs", "Boston (Charlestown), MA", false, null, null, null), h);
        Assert.Equal(new ParsedLocation("Boston", "MA", "US"), LocationParser.Parse(h.Location));
    }

    [Theory]
    [InlineData("SpruceID (YC W21) | REMOTE (US-Based Preferred) | Full-Time | spruceid.com", "SpruceID (YC W21)", null, "REMOTE (US-Based Preferred)", true, "full_time", null, "spruceid.com")]
    [InlineData("Freetrade | London, Budapest (ONSITE) | Full-time | https://freetrade.io | £75k-£140k", "Freetrade", null, "London, Budapest (ONSITE)", false, "full_time", "£75k-£140k", "https://freetrade.io")]
    [InlineData("Ionworks | Founding Systems Engineer | Remote (US) or Pittsburgh, PA | Full-time", "Ionworks", "Founding Systems Engineer", "Remote (US) or Pittsburgh, PA", true, "full_time", null, null)]
    [InlineData("Checkly | Multiple Roles | REMOTE | Full time | https://www.checklyhq.com/", "Checkly", "Multiple Roles", null, true, "full_time", null, "https://www.checklyhq.com/")]
    [InlineData("Source (https://source.network)| USA/Canada: REMOTE | Full-Time | https://careers.source.network", "Source", null, "USA/Canada: REMOTE", true, "full_time", null, "https://source.network")]
    [InlineData("Software Engineer (Contract) | Chicago, IL or REMOTE (US)", null, "Software Engineer (Contract)", "Chicago, IL or REMOTE (US)", true, "contract", null, null)]
    [InlineData("Wolf Games — Director of Engineering, Creative Automation — Remote (US/Canada) — Contract", "Wolf Games", "Director of Engineering, Creative Automation", "Remote (US/Canada)", true, "contract", null, null)]
    [InlineData("Spruce (London/Bristol, UK) — Lead Full Stack Engineer — £85–120k + equity — Hybrid", "Spruce", "Lead Full Stack Engineer", "London/Bristol, UK", false, null, "£85–120k + equity", null)]
    [InlineData("Ubicloud (YC W24): Software Engineer – $95-$250K in Turkey, Netherlands, CA", "Ubicloud (YC W24)", "Software Engineer", "$95-$250K in Turkey, Netherlands, CA", null, null, "$95-$250K in Turkey, Netherlands, CA", null)]
    [InlineData("Hiring: Fullstack Engineer and UI Designer (Remote, LATAM) – BudgetSimple", "BudgetSimple", "Fullstack Engineer and UI Designer (Remote, LATAM)", null, true, null, null, null)]
    [InlineData("Tiger Data (FKA Timescale) [ Global | 100% Remote | Multiple Roles: Eng, Product, Support + more ]", "Tiger Data (FKA Timescale)", "Multiple Roles: Eng, Product, Support + more", null, true, null, null, null)]
    [InlineData("Remote (US) | Founding Sales &amp; GTM Partner | https://premsys.ai/", null, "Founding Sales & GTM Partner", "Remote (US)", true, null, null, "https://premsys.ai/")]
    [InlineData("40GRID - Full-time Remote | Program Manager", "40GRID", "Program Manager", null, true, "full_time", null, null)]
    [InlineData("Stellar Science | Hybrid (USA) Albuquerque NM | Full time, interns&#x2F;co-ops | U.S. citizenship required", "Stellar Science", null, "Hybrid (USA) Albuquerque NM", false, "full_time", null, null)]
    public void Reads_real_headers(string html, string? company, string? title, string? location, bool? remote, string? employment, string? salary, string? url) =>
        Assert.Equal(new HeaderFields(company, title, location, remote, employment, salary, url), Infer(html));

    [Theory]
    [InlineData("Founding Engineer @ Conductor (San Francisco, ONSITE)<p>Conductor lets you ...")]
    [InlineData("Sumble is the newco from the founders of Kaggle. We are hiring full stack engineers.")]
    [InlineData("Bliro.io - Privacy Preserving Conversation Intelligence Platform")]
    [InlineData("Hey HN - I&#x27;m George, founder of xFigura. We&#x27;re building the AI-native creative canvas - Figma for the built world.")]
    [InlineData("What about europe")]
    [InlineData("[flagged]")]
    [InlineData("")]
    public void Ignores_texts_without_a_delimited_header(string html) => Assert.Null(Infer(html));

    [Fact]
    public void Reads_only_the_first_line()
    {
        var h = HeaderInference.Infer("Just some prose here.\nAcme | Senior Engineer | Berlin");
        Assert.Null(h);
    }
}
