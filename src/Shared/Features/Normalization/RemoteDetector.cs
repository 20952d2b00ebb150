using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Whether a title, location or header says the job is remote.
/// <list type="bullet">
/// <item>true: "remote", "fully remote", "remote-first", "remote-friendly", "100% remote", "Remote (US)", "remotely",
/// "work from home", "WFH", "telework", "télétravail", "teletrabajo", "remoto", "Homeoffice", "Home-Office",
/// "thuiswerken", "work from anywhere";</item>
/// <item>false: a clear on-site signal ("onsite", "on-site", "in office", "in the office", "in person", "office-based",
/// "vor Ort", "presencial", "présentiel"), a negated remote ("no remote", "not remote", "non-remote", "remote: no",
/// "remote not possible"), or hybrid;</item>
/// <item>null: no signal.</item>
/// </list>
/// Decisions: remote offered as an option wins over on-site and hybrid ("Remote or Onsite", "NYC or Remote",
/// "Hybrid/Remote", "ONSITE PREFERRED (Remote possible)" → true). Hybrid alone is false, and so is remote that only
/// describes hybrid days ("Hybrid (2 days remote)", "ONSITE + PART REMOTE", "hybrid remote" → false). A negation wins
/// over everything. "remote" as an adjective of something else ("remote sensing", "remote control", "remote
/// monitoring", "remote access", "remote desktop") is not a signal. Thread-safe, no allocation.
/// </summary>
[SkipLocalsInit]
public static class RemoteDetector
{
    internal enum Word : byte
    {
        None,
        Remote,      // remote, remotely
        RemoteAlike, // wfh, telework, teletravail, homeoffice, remoto ...
        Work, From, Home, Office, Anywhere,
        In, On, The, A, Site, Person, Premises, Based, Vor, Ort,
        Onsite,      // onsite, presencial, presentiel, inoffice, inperson
        Hybrid,
        No, Not, Non, Fully,
        Days,        // day, days, weekdays
        Partly,      // part, partial, partially, partly, occasional, occasionally, some
        Possible,
        RemoteNoun,  // sensing, control, monitoring, access, desktop ...: "remote X" is not about the job
    }

    private static readonly FrozenDictionary<string, Word>.AlternateLookup<ReadOnlySpan<char>> s_words = new Dictionary<string, Word>
    {
        ["remote"] = Word.Remote, ["remotely"] = Word.Remote,
        ["wfh"] = Word.RemoteAlike, ["telework"] = Word.RemoteAlike, ["teleworking"] = Word.RemoteAlike,
        ["telecommute"] = Word.RemoteAlike, ["telecommuting"] = Word.RemoteAlike, ["teletravail"] = Word.RemoteAlike,
        ["teletrabajo"] = Word.RemoteAlike, ["homeoffice"] = Word.RemoteAlike, ["remoto"] = Word.RemoteAlike,
        ["remota"] = Word.RemoteAlike, ["thuiswerken"] = Word.RemoteAlike, ["fernarbeit"] = Word.RemoteAlike,
        ["work"] = Word.Work, ["working"] = Word.Work, ["from"] = Word.From, ["home"] = Word.Home, ["office"] = Word.Office,
        ["anywhere"] = Word.Anywhere, ["in"] = Word.In, ["on"] = Word.On, ["the"] = Word.The, ["a"] = Word.A, ["an"] = Word.A,
        ["site"] = Word.Site, ["person"] = Word.Person, ["premises"] = Word.Premises, ["premise"] = Word.Premises,
        ["based"] = Word.Based, ["vor"] = Word.Vor, ["ort"] = Word.Ort,
        ["onsite"] = Word.Onsite, ["presencial"] = Word.Onsite, ["presentiel"] = Word.Onsite, ["inoffice"] = Word.Onsite,
        ["inperson"] = Word.Onsite, ["hybrid"] = Word.Hybrid, ["hybride"] = Word.Hybrid, ["hibrido"] = Word.Hybrid,
        ["ibrido"] = Word.Hybrid, ["no"] = Word.No, ["not"] = Word.Not, ["isnt"] = Word.Not, ["non"] = Word.Non,
        ["fully"] = Word.Fully, ["100"] = Word.Fully, ["day"] = Word.Days, ["days"] = Word.Days, ["weekdays"] = Word.Days,
        ["part"] = Word.Partly, ["partial"] = Word.Partly, ["partially"] = Word.Partly, ["partly"] = Word.Partly,
        ["occasional"] = Word.Partly, ["occasionally"] = Word.Partly, ["some"] = Word.Partly, ["possible"] = Word.Possible,
        ["sensing"] = Word.RemoteNoun, ["sensor"] = Word.RemoteNoun, ["sensors"] = Word.RemoteNoun, ["control"] = Word.RemoteNoun,
        ["controlled"] = Word.RemoteNoun, ["controls"] = Word.RemoteNoun, ["monitoring"] = Word.RemoteNoun,
        ["access"] = Word.RemoteNoun, ["desktop"] = Word.RemoteNoun, ["server"] = Word.RemoteNoun, ["servers"] = Word.RemoteNoun,
        ["patient"] = Word.RemoteNoun, ["device"] = Word.RemoteNoun, ["devices"] = Word.RemoteNoun,
        ["procedure"] = Word.RemoteNoun, ["procedures"] = Word.RemoteNoun, ["execution"] = Word.RemoteNoun,
        ["code"] = Word.RemoteNoun, ["debugging"] = Word.RemoteNoun, ["operated"] = Word.RemoteNoun,
        ["operation"] = Word.RemoteNoun, ["operations"] = Word.RemoteNoun, ["piloting"] = Word.RemoteNoun,
        ["vehicle"] = Word.RemoteNoun, ["vehicles"] = Word.RemoteNoun, ["machines"] = Word.RemoteNoun,
        ["repository"] = Word.RemoteNoun, ["repo"] = Word.RemoteNoun, ["branch"] = Word.RemoteNoun, ["shell"] = Word.RemoteNoun,
        ["login"] = Word.RemoteNoun, ["host"] = Word.RemoteNoun, ["hosts"] = Word.RemoteNoun, ["storage"] = Word.RemoteNoun,
        ["attestation"] = Word.RemoteNoun, ["signing"] = Word.RemoteNoun, ["areas"] = Word.RemoteNoun, ["island"] = Word.RemoteNoun,
        ["islands"] = Word.RemoteNoun, ["teleoperation"] = Word.RemoteNoun,
        ["cache"] = Word.RemoteNoun, ["caching"] = Word.RemoteNoun, ["state"] = Word.RemoteNoun, ["url"] = Word.RemoteNoun,
        ["api"] = Word.RemoteNoun, ["call"] = Word.RemoteNoun, ["calls"] = Word.RemoteNoun, ["file"] = Word.RemoteNoun,
        ["files"] = Word.RemoteNoun,
    }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>true (remote), false (on-site, hybrid, or remote ruled out), null (no signal).</summary>
    public static bool? Detect(ReadOnlySpan<char> text)
    {
        var signals = default(Signals);
        Scan(text, ref signals);
        return signals.Result;
    }

    /// <summary>What the scanned texts said; several texts can be scanned into one (the segments of a header).</summary>
    internal struct Signals
    {
        public bool Remote;
        public bool WeakRemote;
        public bool Negated;
        public bool Onsite;
        public bool Hybrid;

        public readonly bool? Result =>
            Negated ? false : Remote ? true : Hybrid || Onsite || WeakRemote ? false : null;

        /// <summary>Adds what another text said.</summary>
        public void Add(in Signals other)
        {
            Remote |= other.Remote;
            WeakRemote |= other.WeakRemote;
            Negated |= other.Negated;
            Onsite |= other.Onsite;
            Hybrid |= other.Hybrid;
        }
    }

    internal static void Scan(ReadOnlySpan<char> text, ref Signals s)
    {
        Span<char> fold = stackalloc char[WordTokenizer.MaxWord];
        var words = new WordTokenizer(text, fold);
        Word p3 = Word.None, p2 = Word.None, p1 = Word.None;
        var p1Break = false; // a list separator before p1 ("Hybrid/Remote": an option, not "hybrid remote")
        var any = false;
        while (words.MoveNext())
        {
            var cur = Lookup(words.Folded);
            if (p1 == Word.Remote) RemoteAt(p3, p1Break && p2 == Word.Hybrid ? Word.None : p2, cur, words.ColonBefore, ref s);
            switch (cur)
            {
                case Word.RemoteAlike:
                    if (p1 is Word.No or Word.Not or Word.Non) s.Negated = true;
                    else s.Remote = true;
                    break;
                case Word.Home when p1 == Word.From && p2 == Word.Work:
                case Word.Anywhere when p1 == Word.From && p2 == Word.Work:
                    if (p3 is Word.No or Word.Not) s.Negated = true;
                    else s.Remote = true;
                    break;
                case Word.Office when p1 == Word.Home:
                    s.Remote = true;
                    break;
                case Word.Onsite:
                case Word.Site when p1 == Word.On:
                case Word.Office when p1 == Word.In || (p1 == Word.The && p2 == Word.In):
                case Word.Person when p1 == Word.In:
                case Word.Premises when p1 == Word.On:
                case Word.Ort when p1 == Word.Vor:
                case Word.Based when p1 == Word.Office:
                    s.Onsite = true;
                    break;
                case Word.Hybrid:
                    s.Hybrid = true;
                    break;
            }
            p3 = p2;
            p2 = p1;
            p1 = cur;
            p1Break = words.ListBreakBefore;
            any = true;
        }
        if (any && p1 == Word.Remote) RemoteAt(p3, p1Break && p2 == Word.Hybrid ? Word.None : p2, Word.None, false, ref s);
    }

    /// <summary>Judges a "remote" once the word after it is known.</summary>
    private static void RemoteAt(Word beforePrev, Word prev, Word next, bool colonBeforeNext, ref Signals s)
    {
        if (next == Word.RemoteNoun) return;
        if (prev is Word.No or Word.Not or Word.Non
            || (beforePrev is Word.No or Word.Not && prev is Word.A or Word.Fully)
            || next == Word.Not
            || (next == Word.No && colonBeforeNext))
        {
            s.Negated = true;
            return;
        }
        if (prev is Word.Days or Word.Partly or Word.Hybrid || next == Word.Days)
        {
            s.WeakRemote = true;
            return;
        }
        s.Remote = true;
    }

    private static Word Lookup(ReadOnlySpan<char> folded) =>
        folded.IsEmpty ? Word.None : s_words.TryGetValue(folded, out var w) ? w : Word.None;
}
