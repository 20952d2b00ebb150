using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Reads company, title, location, remote flag, employment type, salary text and link from a posting whose plain text
/// (<see cref="HtmlText.ToPlainText"/>) starts with a delimited header line, as Hacker News "Who is hiring" posts do:
/// <c>Company | Role | Location | REMOTE | Full-time | $150k-$200k | https://...</c>.
/// <para>Only the first line is read, and only when it is delimited: by <c>|</c> (2 segments or more), or, when it has
/// no pipe, by the dash or bullet that splits it most (" - ", " – ", " — ", " -- ", " · ", " • ", or " / " used twice
/// or more) into 3 segments or more of which one besides the first is recognisably a header field, or into 2 of which
/// one is a job title. A leading "Company (YC W24): ..." counts as one more segment. Segments that read as sentences
/// do not count.</para>
/// <para>Each segment is classified: link or domain, salary (<see cref="SalaryParser"/>), employment type
/// (<see cref="EmploymentTypeNormalizer.FindInText"/>), work mode (<see cref="RemoteDetector"/>), place
/// (<see cref="LocationParser"/>, plus macro regions such as "Europe", "LATAM", "Global" next to a work mode), visa /
/// relocation notes, and job title (role words: engineer, developer, scientist, designer, manager, lead, architect,
/// founder, analyst, researcher, SRE, DevOps, MLE, SWE, PM, "Head of", intern, ...; team words such as "Multiple
/// roles", "Engineering &amp; Product" only when no segment names a role). The company is the first segment unless it
/// is itself a title, a place, a work mode, an employment type or a salary; "X is hiring Y", "Role at X",
/// "Hiring: Role – X" and "We are hiring at X, ..." are split. Parenthesised places and links in the company segment
/// ("Spruce (London/Bristol, UK)", "Source (https://source.network)") are moved out of the name; batch tags such as
/// "(YC W21)" stay. The title is the first segment naming a role, the location the first segment with a place
/// (preferring one that is not also the salary), the salary the first segment with an amount, the employment type the
/// first one stated; the remote flag combines the work-mode signals of all segments but the company.</para>
/// Thread-safe; allocates only the result.
/// </summary>
[SkipLocalsInit]
public static class HeaderInference
{
    private const int MaxLine = 1500;
    private const int MaxSegments = 24;
    private const int MaxSegmentChars = 512;

    private enum Tok : byte { None, Role, Intern, WeakRole, WeakPlural, Seniority, CompanyWord, Visa, Region, Greeting }

    private static readonly FrozenDictionary<string, Tok>.AlternateLookup<ReadOnlySpan<char>> s_words = BuildWords();

    private static FrozenDictionary<string, Tok>.AlternateLookup<ReadOnlySpan<char>> BuildWords()
    {
        var d = new Dictionary<string, Tok>(StringComparer.Ordinal);
        void Add(Tok t, string words)
        {
            foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries)) d[w] = t;
        }
        Add(Tok.Role, "engineer developer scientist designer manager lead architect founder cofounder analyst researcher " +
            "sre devops mle swe sde director vp cto ceo cfo coo cpo ciso cmo cro specialist consultant " +
            "administrator admin technician programmer tester writer advocate devrel recruiter marketer executive ae pm tpm " +
            "em officer coordinator representative rep producer animator artist editor videographer copywriter accountant " +
            "counsel lawyer attorney paralegal operator strategist hacker expert generalist physicist chemist biologist " +
            "mathematician statistician economist quant trader exec teacher tutor instructor professor postdoc fellow apprentice " +
            "trainee technologist modeler modeller scrum owner sdet dba sysadmin coder builder partner associate staff member " +
            "hire hires mles swes sdes pms tpms ems aes sres");
        Add(Tok.Intern, "intern interns internship internships apprentice apprentices trainee trainees");
        Add(Tok.WeakRole, "engineering eng product design sales marketing gtm growth operations ops support frontend backend " +
            "fullstack stack mobile ios android infra infrastructure data ml security research analytics qa dev devs " +
            "multiple various many several hiring opportunities development bizdev");
        Add(Tok.WeakPlural, "roles role positions position openings opening jobs job vacancies");
        Add(Tok.Seniority, "senior sr junior jr principal founding head chief mid entry");
        Add(Tok.CompanyWord, "inc llc ltd limited gmbh ag sa sas sarl bv nv plc corp corporation co company labs lab " +
            "technologies technology systems solutions group studio studios health bio therapeutics robotics ai io hq " +
            "capital ventures partners software analytics defense defence energy insurance media games network networks " +
            "foundation institute university bank holdings industries dynamics aerospace biosciences pharma");
        Add(Tok.Visa, "visa visas sponsorship sponsor sponsors relocation relocate citizenship citizen citizens clearance h1b itar");
        Add(Tok.Region, "europe eu emea apac latam americas asia africa oceania global worldwide anywhere international " +
            "utc gmt cet cest est pst pt et ct timezone timezones nordics dach benelux cee mena");
        Add(Tok.Greeting, "hey hi hello edit update updated closed careful we were im looking note ps wow");
        return d.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private struct Seg
    {
        public int Start, Length;       // the trimmed segment within the line
        public int UrlStart, UrlLength; // the first link or domain in it (UrlStart -1: none)
        public bool UrlOnly, Salary, Employment, Role, WeakRole, WeakPlural, Place, WorkMode, Region, Visa, Greeting, InternWord;
        public bool Sentence;           // reads as a sentence ("We build ... . Our ...")
        public bool Prose;              // a sentence, or more than 14 words
        public byte EmploymentType;     // index into s_employmentTypes
        public RemoteDetector.Signals Signals;
        public int Words;
        public Tok First, Last;         // kinds of the first and last word outside brackets
        public bool LastIsRole;
    }

    private static readonly string?[] s_employmentTypes =
    [
        null, EmploymentTypeNormalizer.FullTime, EmploymentTypeNormalizer.PartTime, EmploymentTypeNormalizer.Contract,
        EmploymentTypeNormalizer.Temporary, EmploymentTypeNormalizer.Internship, EmploymentTypeNormalizer.Other,
    ];

    private static byte EmploymentIndex(string? type) => (byte)Math.Max(0, Array.IndexOf(s_employmentTypes, type));

    /// <summary>The header fields, or null when the first line is not a delimited header.</summary>
    public static HeaderFields? Infer(ReadOnlySpan<char> plainText)
    {
        var nl = plainText.IndexOf('\n');
        var line = (nl >= 0 ? plainText[..nl] : plainText).Trim();
        if (line.Length < 3) return null;
        if (line.Length > MaxLine) line = line[..MaxLine];

        Span<(int Start, int Length)> ranges = stackalloc (int, int)[MaxSegments];
        var pipes = line.ContainsAny('|', '｜');
        var n = pipes ? SplitPipes(line, ranges) : SplitDashes(line, ranges);
        if (n < 2) return null;

        Span<Seg> segs = stackalloc Seg[n];
        Span<char> work = stackalloc char[MaxSegmentChars];
        for (var i = 0; i < n; i++) segs[i] = Classify(line, ranges[i], work);

        if (!pipes && !LooksLikeHeader(segs)) return null;
        return Assign(line, segs, work);
    }

    private static bool LooksLikeHeader(ReadOnlySpan<Seg> segs)
    {
        if (segs[0].Prose || segs[0].Greeting) return false;
        var classified = 0;
        var role = segs[0].Role && !segs[0].Prose;
        for (var i = 1; i < segs.Length; i++)
        {
            ref readonly var s = ref segs[i];
            if (s.Prose) continue;
            if (s.Salary || s.Employment || s.Role || s.Place || s.WorkMode || s.UrlStart >= 0 || s.Region) classified++;
            role |= s.Role;
        }
        return segs.Length >= 3 ? classified >= 1 : role;
    }

    private static HeaderFields Assign(ReadOnlySpan<char> line, ReadOnlySpan<Seg> segs, Span<char> work)
    {
        string? company = null, title = null, location = null, employment = null, salaryText = null, url = null;
        var companyIdx = -1;
        var titleIdx = -1;
        var signals = default(RemoteDetector.Signals);
        var s0 = segs[0];
        var t0 = Text(line, s0);

        // --- the first segment: company, a title, or patterns holding both
        string? companyPlace = null;
        if (TrySplitHiringAt(t0, out var hiringAt))
        {
            companyIdx = 0;
            company = CleanCompanyName(hiringAt, ref signals, ref companyPlace, ref url);
        }
        else if (TrySplitIsHiring(t0, out var left, out var right))
        {
            companyIdx = 0;
            company = CleanCompanyName(left, ref signals, ref companyPlace, ref url);
            if (HasRole(right)) title = TextCleaner.CleanTitle(new string(right));
            RemoteDetector.Scan(right, ref signals);
        }
        else if (TrySplitRoleAt(t0, out left, out right))
        {
            companyIdx = 0;
            titleIdx = 0;
            title = TextCleaner.CleanTitle(new string(left));
            company = CleanCompanyName(right, ref signals, ref companyPlace, ref url);
        }
        else if (TryStripHiringLabel(t0, out var rest))
        {
            titleIdx = 0;
            title = TextCleaner.CleanTitle(new string(rest));
            if (segs.Length == 2 && IsPlain(segs[1])) { companyIdx = 1; company = TextCleaner.CleanCompany(new string(Text(line, segs[1]))); }
        }
        else if (s0.Greeting || s0.Prose)
        {
            // "Hey HN - ...", "We are - ...": no company
        }
        else if (IsTitleLike(s0))
        {
            titleIdx = 0;
            title = TextCleaner.CleanTitle(new string(WithoutUrl(line, s0)));
        }
        else if (s0.UrlOnly)
        {
            if (!t0.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !t0.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                companyIdx = 0;
                company = TextCleaner.CleanCompany(new string(t0));
            }
        }
        else if (IsCompanyCandidate(line, s0, work))
        {
            companyIdx = 0;
            var companyText = WithoutUrl(line, s0);
            if (s0.UrlStart > s0.Start && companyText.Length == s0.Length)
                companyText = line[s0.Start..s0.UrlStart].TrimEnd(" -–—:("); // "Clutch https://... - building ...": the name before the link
            // "40GRID - Full-time Remote": header fields after a dash in the company segment
            var dash = IndexOfDash(companyText);
            if (dash > 0)
            {
                var tail = companyText[(dash + 3)..];
                var tailSignals = default(RemoteDetector.Signals);
                RemoteDetector.Scan(tail, ref tailSignals);
                var tailEmployment = EmploymentTypeNormalizer.FindInText(tail);
                var tailPlace = LocationParser.Parse(tail);
                if (tailSignals.Result is not null || tailEmployment is not null || !tailPlace.IsEmpty)
                {
                    companyText = companyText[..dash];
                    RemoteDetector.Scan(tail, ref signals);
                    employment = tailEmployment;
                    if (!tailPlace.IsEmpty) companyPlace = CleanLocation(tail);
                }
            }
            company = CleanCompanyName(companyText, ref signals, ref companyPlace, ref url);
        }
        if (companyIdx == 0 && s0.UrlStart >= 0 && !s0.UrlOnly) url ??= new string(line.Slice(s0.UrlStart, s0.UrlLength));
        if ((companyIdx < 0 && !s0.Greeting && !s0.Prose) || titleIdx == 0) signals.Add(s0.Signals);

        // --- the other segments
        for (var i = 0; i < segs.Length; i++)
        {
            if (i == companyIdx) continue;
            ref readonly var s = ref segs[i];
            if (i > 0) signals.Add(s.Signals);
            if (url is null && s.UrlStart >= 0) url = new string(line.Slice(s.UrlStart, s.UrlLength));
            if (salaryText is null && s.Salary) salaryText = SalaryText(WithoutUrl(line, s));
            if (employment is null && s.Employment) employment = s_employmentTypes[s.EmploymentType];
        }

        if (title is null)
        {
            for (var i = 1; i < segs.Length && titleIdx < 0; i++)
            {
                ref readonly var s = ref segs[i];
                if (i != companyIdx && s.Role && !s.Visa && !s.UrlOnly && !s.Sentence && s.Words <= 40) titleIdx = i;
            }
            for (var i = 1; i < segs.Length && titleIdx < 0; i++)
            {
                ref readonly var s = ref segs[i];
                if (i != companyIdx && (s.WeakRole || s.WeakPlural) && !s.Visa && !s.UrlOnly && !s.Place && !s.Salary
                    && !s.WorkMode && !s.Region && (!s.Employment || s.WeakPlural) && !s.Prose)
                    titleIdx = i;
            }
            if (titleIdx > 0) title = TextCleaner.CleanTitle(new string(WithoutUrl(line, segs[titleIdx])));
        }

        // location: a place that is not the title, preferring one that is not the salary either
        var locIdx = -1;
        for (var pass = 0; pass < 5 && locIdx < 0; pass++)
        {
            for (var i = 0; i < segs.Length && locIdx < 0; i++)
            {
                if (i == companyIdx || i == titleIdx) continue;
                ref readonly var s = ref segs[i];
                var ok = pass switch
                {
                    0 => s.Place && !s.Salary && !s.Role && !s.UrlOnly && !s.Prose,
                    1 => s.Place && !s.Role && !s.UrlOnly && !s.Prose,
                    2 => s.Place && !s.UrlOnly && !s.Prose, // names a role too, but another segment is the title
                    3 => s.Place && s.Prose && s.Length <= 100,
                    _ => s.WorkMode && s.Region && !s.Role && !s.Salary && !s.Prose,
                };
                if (ok) locIdx = i;
            }
        }
        if (locIdx >= 0) location = CleanLocation(WithoutUrl(line, segs[locIdx]));
        else location = companyPlace;

        return new HeaderFields(company, title, location, signals.Result, employment, salaryText, url);
    }

    // ---------------------------------------------------------------------------------------------- splitting

    private static int SplitPipes(ReadOnlySpan<char> line, Span<(int Start, int Length)> ranges)
    {
        var n = 0;
        var start = 0;
        for (var i = 0; i <= line.Length && n < ranges.Length; i++)
        {
            if (i < line.Length && line[i] is not ('|' or '｜')) continue;
            AddWithBrackets(line, start, i, ranges, ref n);
            start = i + 1;
        }
        return n;
    }

    /// <summary>Adds a pipe segment; an unbalanced "[" or "]" in it ("Tiger Data [ Global | 100% Remote ]") also splits.</summary>
    private static void AddWithBrackets(ReadOnlySpan<char> line, int start, int end, Span<(int Start, int Length)> ranges, ref int n)
    {
        var seg = line[start..end];
        var open = seg.IndexOf('[');
        var close = seg.IndexOf(']');
        if (open >= 0 && (close < 0 || close < open))
        {
            Add(line, start, start + open, ranges, ref n);
            Add(line, start + open + 1, end, ranges, ref n);
            return;
        }
        if (close >= 0 && open < 0)
        {
            Add(line, start, start + close, ranges, ref n);
            Add(line, start + close + 1, end, ranges, ref n);
            return;
        }
        Add(line, start, end, ranges, ref n);
    }

    private static void Add(ReadOnlySpan<char> line, int start, int end, Span<(int Start, int Length)> ranges, ref int n)
    {
        if (n >= ranges.Length) return;
        var seg = line[start..end];
        var lead = seg.Length - seg.TrimStart().Length;
        var trimmed = seg.Trim();
        if (trimmed.Trim(" *•·-–—:,;").IsEmpty) return;
        ranges[n++] = (start + lead, trimmed.Length);
    }

    private static readonly string[] s_dashDelimiters = [" — ", " – ", " -- ", " · ", " • ", " - ", " / "];

    private static int SplitDashes(ReadOnlySpan<char> line, Span<(int Start, int Length)> ranges)
    {
        // the delimiter that occurs most often outside brackets
        string? best = null;
        var bestCount = 0;
        foreach (var d in s_dashDelimiters)
        {
            var c = CountOutsideBrackets(line, d);
            if (d == " / " && (c < 2 || best is not null)) continue; // " / " only when nothing else delimits
            if (c > bestCount) { best = d; bestCount = c; }
        }
        if (best is null) return 0;

        var n = 0;
        var start = 0;
        // "Ubicloud (YC W24): Software Engineer – ...": the colon after a short name also delimits
        var colon = line.IndexOf(": ");
        var firstDelim = IndexOutsideBrackets(line, best, 0);
        if (colon > 0 && (firstDelim < 0 || colon < firstDelim) && IsShortName(line[..colon]))
        {
            Add(line, 0, colon, ranges, ref n);
            start = colon + 2;
        }
        while (n < ranges.Length)
        {
            var k = IndexOutsideBrackets(line, best, start);
            if (k < 0)
            {
                Add(line, start, line.Length, ranges, ref n);
                break;
            }
            Add(line, start, k, ranges, ref n);
            start = k + best.Length;
        }
        return n;
    }

    private static bool IsShortName(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.IsEmpty || s.Length > 40) return false;
        Span<char> fold = stackalloc char[WordTokenizer.MaxWord];
        var words = new WordTokenizer(s, fold);
        var count = 0;
        while (words.MoveNext())
        {
            if (++count > 6) return false;
            if (count == 1 && Kind(words.Folded) is Tok.Greeting or Tok.WeakRole) return false; // "Hiring:", "Edit:", "Update:"
        }
        return count > 0;
    }

    private static int CountOutsideBrackets(ReadOnlySpan<char> line, string delimiter)
    {
        var count = 0;
        var from = 0;
        while (true)
        {
            var k = IndexOutsideBrackets(line, delimiter, from);
            if (k < 0) return count;
            count++;
            from = k + delimiter.Length;
        }
    }

    private static int IndexOutsideBrackets(ReadOnlySpan<char> line, string delimiter, int from)
    {
        var depth = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (i >= from && depth == 0 && c == delimiter[0] && line[i..].StartsWith(delimiter)) return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------- classification

    private static ReadOnlySpan<char> Text(ReadOnlySpan<char> line, in Seg s) => line.Slice(s.Start, s.Length);

    private static Seg Classify(ReadOnlySpan<char> line, (int Start, int Length) range, Span<char> work)
    {
        var s = new Seg { Start = range.Start, Length = range.Length, UrlStart = -1 };
        var text = line.Slice(s.Start, s.Length);

        if (IsLinkOrDomain(text))
        {
            s.UrlOnly = true;
            s.UrlStart = s.Start;
            s.UrlLength = s.Length;
            s.Words = 1;
            return s;
        }
        if (FindLink(text, out var ls, out var ll))
        {
            s.UrlStart = s.Start + ls;
            s.UrlLength = ll;
        }
        var w = WithoutUrlInto(text, s.UrlStart < 0 ? -1 : s.UrlStart - s.Start, ll, work);

        ScanWords(w, ref s);
        s.Salary = SalaryParser.TryParse(w, null, out _);
        var employment = EmploymentTypeNormalizer.FindInText(w);
        s.Employment = employment is not null;
        s.EmploymentType = EmploymentIndex(employment);
        ResolveIntern(ref s, employment);
        RemoteDetector.Scan(w, ref s.Signals);
        s.WorkMode = s.Signals.Result is not null;
        s.Sentence = HasSentenceBreak(w);
        s.Prose = s.Sentence || s.Words > 14;
        s.Place = !LocationParser.Parse(w).IsEmpty;
        return s;
    }

    private static void ScanWords(ReadOnlySpan<char> text, ref Seg s)
    {
        Span<char> fold = stackalloc char[WordTokenizer.MaxWord];
        var words = new WordTokenizer(text, fold);
        var depth = 0;
        var scanned = 0;
        var first = true;
        while (words.MoveNext())
        {
            for (; scanned < words.Start; scanned++)
            {
                var c = text[scanned];
                if (c is '(' or '[') depth++;
                else if (c is ')' or ']') depth = Math.Max(0, depth - 1);
            }
            scanned = words.Start + words.Raw.Length;
            s.Words++;
            var kind = Kind(words.Folded);
            if (kind == Tok.Role && words.Raw.Length <= 3 && IsShortRoleFalsePositive(words.Raw)) kind = Tok.None;
            switch (kind)
            {
                case Tok.Role: s.Role = true; break;
                case Tok.Intern: s.InternWord = true; break;
                case Tok.Seniority when words.Folded is "head" or "chief": s.Role = true; break; // "Head of Growth"
                case Tok.WeakRole: s.WeakRole = true; break;
                case Tok.WeakPlural: s.WeakPlural = true; break;
                case Tok.Visa: s.Visa = true; break;
                case Tok.Region: s.Region = true; break;
            }
            if (depth == 0)
            {
                if (first)
                {
                    s.First = kind;
                    s.Greeting = kind == Tok.Greeting;
                    first = false;
                }
                s.Last = kind;
                s.LastIsRole = kind is Tok.Role or Tok.WeakPlural or Tok.Intern;
            }
        }
    }

    /// <summary>"Intern" names a role unless the segment states another employment type ("Full time, interns/co-ops").</summary>
    private static void ResolveIntern(ref Seg s, string? employment)
    {
        if (s.InternWord && employment is not (EmploymentTypeNormalizer.FullTime or EmploymentTypeNormalizer.PartTime
                or EmploymentTypeNormalizer.Contract)) s.Role = true;
    }

    // "PM" as a time, "AE"/"EM"/"REP" rarely mean anything else in a header; lower-case "pm", "em", "ae" are words or times
    private static bool IsShortRoleFalsePositive(ReadOnlySpan<char> raw) =>
        raw.Length <= 3 && raw is "pm" or "em" or "ae" or "rep" or "co" or "vp" or "sa";

    private static Tok Kind(ReadOnlySpan<char> folded)
    {
        if (folded.IsEmpty) return Tok.None;
        if (s_words.TryGetValue(folded, out var t)) return t;
        // plurals: "engineers", "scientists", "designers"
        if (folded.Length > 3 && folded[^1] == 's' && s_words.TryGetValue(folded[..^1], out t) && t is Tok.Role or Tok.WeakRole or Tok.Intern) return t;
        return Tok.None;
    }

    private static bool HasRole(ReadOnlySpan<char> text)
    {
        var s = new Seg();
        ScanWords(text, ref s);
        if (s.InternWord && !s.Role) ResolveIntern(ref s, EmploymentTypeNormalizer.FindInText(text));
        return s.Role;
    }

    /// <summary>". X", "! X" or "? X" after a word of three letters or more that is not an abbreviation ("Sr.", "Inc.").</summary>
    private static bool HasSentenceBreak(ReadOnlySpan<char> text)
    {
        for (var i = 3; i + 2 < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?') || text[i + 1] != ' ' || !char.IsUpper(text[i + 2]) || !char.IsLower(text[i - 1])) continue;
            var w = i;
            while (w > 0 && char.IsLetter(text[w - 1])) w--;
            var word = text[w..i];
            if (word.Length < 3 || word is "Inc" or "Ltd" or "Corp" or "Bros" or "etc" or "Mrs" or "approx" or "incl" or "Sept") continue;
            return true;
        }
        return false;
    }

    /// <summary>Whether the first segment is a job title rather than a company.</summary>
    private static bool IsTitleLike(in Seg s)
    {
        if (!s.Role && !s.WeakPlural && s.First != Tok.Seniority) return false;
        if (s.Words < 2) return false; // "Coder", "Builder": a one-word name is the company
        if (s.Last == Tok.CompanyWord) return false;
        if (s.LastIsRole && (s.Role || s.First == Tok.Seniority)) return true;
        if (s.Last == Tok.WeakPlural && s.WeakRole) return true; // "Tech and Research roles"
        return s.First == Tok.Seniority && (s.Role || s.WeakRole);
    }

    private static bool IsPlain(in Seg s) =>
        !s.UrlOnly && !s.Salary && !s.Employment && !s.Role && !s.Place && !s.WorkMode && !s.Prose && s.Words <= 5;

    /// <summary>Whether the first segment can be the company: not a place, work mode, employment type or salary alone.</summary>
    private static bool IsCompanyCandidate(ReadOnlySpan<char> line, in Seg s, Span<char> work)
    {
        if (s.Salary || s.Prose || s.Words > 10) return false;
        if (s.Employment && s.Words <= 3) return false;
        if (s.WorkMode && s.Words <= 3 && !HasOtherWords(Text(line, s))) return false;
        if (s.Place)
        {
            // a place outside brackets ("Remote (US)", "Berlin"): not a company; "PrairieLearn (Remote US)" is
            var main = OutsideBrackets(WithoutUrl(line, s), work);
            if (!LocationParser.Parse(main).IsEmpty) return false;
            var signals = default(RemoteDetector.Signals);
            RemoteDetector.Scan(main, ref signals);
            if (signals.Result is not null) return false;
        }
        return true;
    }

    /// <summary>Words other than work-mode words ("Remote", "Onsite", "Hybrid", "Fully", "100%").</summary>
    private static bool HasOtherWords(ReadOnlySpan<char> text)
    {
        Span<char> fold = stackalloc char[WordTokenizer.MaxWord];
        var words = new WordTokenizer(text, fold);
        while (words.MoveNext())
        {
            if (words.Folded is not ("remote" or "onsite" or "on" or "site" or "hybrid" or "fully" or "100" or "first"
                or "friendly" or "only" or "in" or "office" or "person" or "or" or "and" or "wfh")) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- first-segment patterns

    /// <summary>"Reflex (YC W23) Is Hiring Software Engineers", "Mobian is hiring Senior / Staff Engineers".</summary>
    private static bool TrySplitIsHiring(ReadOnlySpan<char> t, out ReadOnlySpan<char> company, out ReadOnlySpan<char> rest)
    {
        company = rest = default;
        foreach (var marker in (ReadOnlySpan<string>)[" is hiring", " are hiring", " is now hiring", " is looking for", " is recruiting"])
        {
            var k = t.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (k <= 0) continue;
            company = t[..k].Trim();
            if (company is "We" or "we" or "I" or "We're" or "We’re" or "Our team" or "My team") return false;
            rest = t[(k + marker.Length)..].TrimStart(" :!-–—");
            foreach (var filler in (ReadOnlySpan<string>)["again", "for ", "a ", "an ", "our ", "two ", "three ", "several ", "multiple "])
            {
                if (rest.StartsWith(filler, StringComparison.OrdinalIgnoreCase)) rest = rest[filler.Length..].TrimStart(" !:,");
            }
            return company.Length > 0 && company.Length <= 60;
        }
        return false;
    }

    /// <summary>"We are hiring at deepset, makers of Haystack" → deepset.</summary>
    private static bool TrySplitHiringAt(ReadOnlySpan<char> t, out ReadOnlySpan<char> company)
    {
        company = default;
        var k = t.IndexOf("hiring at ", StringComparison.OrdinalIgnoreCase);
        if (k < 0) return false;
        var rest = t[(k + 10)..];
        var end = rest.IndexOfAny(",(;:");
        company = (end >= 0 ? rest[..end] : rest).Trim();
        return company.Length > 0 && company.Length <= 60;
    }

    /// <summary>"Senior Data Analyst at P2P.org, the largest ..." → (Senior Data Analyst, P2P.org).</summary>
    private static bool TrySplitRoleAt(ReadOnlySpan<char> t, out ReadOnlySpan<char> role, out ReadOnlySpan<char> company)
    {
        role = company = default;
        var k = t.IndexOf(" @ ");
        var len = 3;
        if (k < 0) { k = t.IndexOf(" at ", StringComparison.Ordinal); len = 4; }
        if (k < 0) { k = t.IndexOf(" @"); len = 2; }
        if (k <= 0) return false;
        role = t[..k].Trim();
        var s = new Seg();
        ScanWords(role, ref s);
        if (s.InternWord && !s.Role) ResolveIntern(ref s, EmploymentTypeNormalizer.FindInText(role));
        if (!s.Role || !s.LastIsRole) return false;
        var rest = t[(k + len)..];
        var end = rest.IndexOfAny(",(;");
        company = (end >= 0 ? rest[..end] : rest).Trim();
        return company.Length > 0 && company.Length <= 60;
    }

    /// <summary>"Hiring: Fullstack Engineer ..." → "Fullstack Engineer ...".</summary>
    private static bool TryStripHiringLabel(ReadOnlySpan<char> t, out ReadOnlySpan<char> rest)
    {
        rest = default;
        foreach (var label in (ReadOnlySpan<string>)["hiring:", "now hiring:", "we're hiring:", "we are hiring:", "hiring -", "hiring –"])
        {
            if (!t.StartsWith(label, StringComparison.OrdinalIgnoreCase)) continue;
            rest = t[label.Length..].Trim();
            return HasRole(rest);
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- texts

    /// <summary>The company name without links, and without bracketed places and work modes (kept aside).</summary>
    private static string? CleanCompanyName(ReadOnlySpan<char> text, ref RemoteDetector.Signals signals, ref string? place, ref string? url)
    {
        Span<char> buf = stackalloc char[Math.Min(text.Length, MaxSegmentChars)];
        var n = 0;
        var i = 0;
        while (i < text.Length && n < buf.Length)
        {
            var c = text[i];
            if (c is '(' or '[')
            {
                var close = text[(i + 1)..].IndexOfAny(')', ']');
                if (close >= 0)
                {
                    var inner = text.Slice(i + 1, close).Trim();
                    var drop = inner.IsEmpty || IsLinkOrDomain(inner);
                    if (drop && !inner.IsEmpty) url ??= new string(inner);
                    if (!drop)
                    {
                        var sig = default(RemoteDetector.Signals);
                        RemoteDetector.Scan(inner, ref sig);
                        var loc = LocationParser.Parse(inner);
                        if (sig.Result is not null || !loc.IsEmpty)
                        {
                            drop = true;
                            RemoteDetector.Scan(inner, ref signals);
                            if (!loc.IsEmpty) place ??= CleanLocation(inner);
                        }
                    }
                    if (drop)
                    {
                        i += close + 2;
                        continue;
                    }
                }
            }
            buf[n++] = c;
            i++;
        }
        var cleaned = new string(buf[..n]);
        var result = TextCleaner.CleanCompany(cleaned);
        return result is { Length: > 80 } ? null : result;
    }

    /// <summary>The salary segment as written; from a run-on segment only the amount and a few words around it.</summary>
    private static string SalaryText(ReadOnlySpan<char> text)
    {
        if (text.Length <= 80 || !SalaryParser.TryParse(text, null, out _, out var start, out var end)) return new string(text.Trim());
        var from = start;
        var to = Math.Min(text.Length, end + 24);
        var space = text[to..].IndexOf(' ');
        if (to < text.Length && space >= 0 && space < 16) to += space;
        return new string(text[from..to].Trim());
    }

    private static int IndexOfDash(ReadOnlySpan<char> text)
    {
        var k = text.IndexOf(" - ");
        var en = text.IndexOf(" – ");
        var em = text.IndexOf(" — ");
        foreach (var x in (ReadOnlySpan<int>)[en, em])
            if (x >= 0 && (k < 0 || x < k)) k = x;
        return k;
    }

    private static string? CleanLocation(ReadOnlySpan<char> text)
    {
        var t = text.Trim().Trim(" *•·|:,;-–—[]");
        if (t.IsEmpty) return null;
        // "(US)" alone, "Remote (US))": unbalanced brackets trimmed
        var opens = t.Count('(') + t.Count('[');
        var closes = t.Count(')') + t.Count(']');
        while (closes > opens && t.Length > 0 && t[^1] is ')' or ']') { t = t[..^1].TrimEnd(); closes--; }
        return t.IsEmpty ? null : new string(t);
    }

    private static ReadOnlySpan<char> WithoutUrl(ReadOnlySpan<char> line, in Seg s)
    {
        var text = Text(line, s);
        if (s.UrlStart < 0 || s.UrlOnly) return text;
        var at = s.UrlStart - s.Start;
        var before = text[..at].TrimEnd(" -–—:(");
        var after = text[(at + s.UrlLength)..].TrimStart(" )-–—:.…");
        if (after.IsEmpty) return before;
        if (before.IsEmpty) return after;
        return text; // a link in the middle: keep the text as it is
    }

    private static ReadOnlySpan<char> WithoutUrlInto(ReadOnlySpan<char> text, int urlAt, int urlLength, Span<char> work)
    {
        if (text.Length > work.Length) text = text[..work.Length];
        text.CopyTo(work);
        if (urlAt >= 0 && urlAt < text.Length) work.Slice(urlAt, Math.Min(urlLength, text.Length - urlAt)).Fill(' ');
        return work[..text.Length];
    }

    private static ReadOnlySpan<char> OutsideBrackets(ReadOnlySpan<char> text, Span<char> work)
    {
        var n = 0;
        var depth = 0;
        foreach (var c in text)
        {
            if (n >= work.Length) break;
            if (c is '(' or '[') { depth++; continue; }
            if (c is ')' or ']') { depth = Math.Max(0, depth - 1); work[n++] = ' '; continue; }
            if (depth == 0) work[n++] = c;
        }
        return work[..n];
    }

    // ---------------------------------------------------------------------------------------------- links

    /// <summary>A link (http://, https://, www.) or a bare domain ("kyber.media", "chorusview.com/careers"), alone.</summary>
    internal static bool IsLinkOrDomain(ReadOnlySpan<char> t)
    {
        t = t.Trim().TrimEnd(".,;");
        if (t.IsEmpty || t.ContainsAny(' ', '\t')) return false;
        if (t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) return true;
        var slash = t.IndexOf('/');
        var host = slash >= 0 ? t[..slash] : t;
        var dot = host.LastIndexOf('.');
        if (dot <= 0 || dot == host.Length - 1) return false;
        var tld = host[(dot + 1)..];
        if (tld.Length is < 2 or > 12) return false;
        foreach (var c in tld)
            if (!char.IsAsciiLetter(c)) return false;
        if (tld.Equals("js", StringComparison.OrdinalIgnoreCase) || tld.Equals("ts", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("py", StringComparison.OrdinalIgnoreCase) || tld.Equals("rb", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("net", StringComparison.Ordinal) && host.StartsWith("ASP", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var c in host)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')) return false;
        return char.IsAsciiLetterOrDigit(host[0]);
    }

    /// <summary>The first http(s):// or www. link in a text.</summary>
    private static bool FindLink(ReadOnlySpan<char> t, out int start, out int length)
    {
        start = length = 0;
        var k = t.IndexOf("http", StringComparison.OrdinalIgnoreCase);
        var w = t.IndexOf("www.", StringComparison.OrdinalIgnoreCase);
        while (k >= 0 && !(t[k..].StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t[k..].StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            var next = t[(k + 4)..].IndexOf("http", StringComparison.OrdinalIgnoreCase);
            k = next < 0 ? -1 : k + 4 + next;
        }
        if (k < 0 || (w >= 0 && w < k)) k = w;
        if (k < 0 || (k > 0 && char.IsLetterOrDigit(t[k - 1]))) return false;
        var e = k;
        while (e < t.Length && !char.IsWhiteSpace(t[e]) && t[e] is not (')' or ']' or '>' or '"' or '|' or '<')) e++;
        var link = t[k..e].TrimEnd(".,;:!?");
        start = k;
        length = link.Length;
        return length > 4;
    }
}
