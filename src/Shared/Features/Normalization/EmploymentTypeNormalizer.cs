using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Employment type to the contract's values: <c>full_time</c>, <c>part_time</c>, <c>contract</c>, <c>temporary</c>,
/// <c>internship</c>, <c>other</c>.
/// <list type="bullet">
/// <item>full_time: "Full time", "Full-Time", "full_time", "FULL_TIME", "FT", "FTE", "Permanent", "Vollzeit",
/// "Festanstellung", "temps plein", "CDI", "tiempo completo", "tempo pieno", "voltijd", "heltid";</item>
/// <item>part_time: "Part time", "PT", "Teilzeit", "temps partiel", "tiempo parcial", "deeltijd", "Minijob";</item>
/// <item>contract: "Contract", "Contractor", "Freelance", "Contract-to-hire", "C2H", "C2C", "1099", "Consultant",
/// "Self-employed", "freiberuflich";</item>
/// <item>temporary: "Temporary", "Temp", "Seasonal", "Fixed-term", "Befristet", "CDD" (a French fixed-term contract),
/// "Interim", "Casual";</item>
/// <item>internship: "Intern", "Internship", "Praktikum", "Werkstudent", "Working student", "stage", "stagiaire",
/// "alternance", "co-op", "Apprentice(ship)", "Trainee";</item>
/// <item>other: anything else that is not empty ("VOLUNTEER", "PER_DIEM", "Commission").</item>
/// </list>
/// Thread-safe; returns interned constants, no allocation.
/// </summary>
[SkipLocalsInit]
public static class EmploymentTypeNormalizer
{
    public const string FullTime = "full_time";
    public const string PartTime = "part_time";
    public const string Contract = "contract";
    public const string Temporary = "temporary";
    public const string Internship = "internship";
    public const string Other = "other";

    private static readonly FoldedKeyTable<string> s_values = new(Build());

    private static IEnumerable<KeyValuePair<string, string>> Build()
    {
        static IEnumerable<KeyValuePair<string, string>> Map(string type, string names) =>
            names.Split('|').Select(n => KeyValuePair.Create(n, type));
        return Map(FullTime, "full time|fulltime|ft|fte|full|full time employee|full time employment|full time position|" +
                "full time role|full time job|full time permanent|permanent full time|permanent|perm|regular|regular full time|" +
                "salaried|employee|vollzeit|festanstellung|unbefristet|temps plein|cdi|tiempo completo|jornada completa|" +
                "tempo pieno|tempo integral|voltijd|heltid|pelny etat|full time regular")
            .Concat(Map(PartTime, "part time|parttime|partime|pt|half time|teilzeit|temps partiel|tiempo parcial|media jornada|" +
                "tempo parziale|meio periodo|deeltijd|deltid|minijob|part time employee|part time position|part time job|part time role"))
            .Concat(Map(Contract, "contract|contractor|contracts|contracting|contract to hire|contract to perm|c2h|c2c|" +
                "corp to corp|freelance|freelancer|freelancing|1099|consultant|consulting|independent contractor|" +
                "self employed|contractual|contract position|contract role|contract w2|w2 contract|werkvertrag|" +
                "freiberuflich|freie mitarbeit|independant|autonomo|contrato|contract freelance|freelance contract"))
            .Concat(Map(Temporary, "temporary|temp|seasonal|befristet|fixed term|fixed term contract|cdd|interim|zeitarbeit|" +
                "temporal|tempo determinato|casual|temporary contract|temporary position|temp to perm|temp to hire"))
            .Concat(Map(Internship, "intern|interns|internship|internships|praktikum|praktikant|pflichtpraktikum|stage|" +
                "stagiaire|co op|coop|werkstudent|working student|apprentice|apprenticeship|ausbildung|trainee|traineeship|" +
                "pasantia|practicas|tirocinio|alternance|summer intern|summer internship|graduate intern|student|student job"));
    }

    /// <summary>
    /// An employment type value (a schema.org <c>employmentType</c>, a form field): one of the six values, or null when
    /// empty. A value that is not a known name but mentions one ("Full-time + Equity", "Contract (1099)") maps by its
    /// first clear marker (<see cref="FindInText"/>); anything else is <c>other</c>.
    /// </summary>
    public static string? Normalize(ReadOnlySpan<char> raw)
    {
        raw = raw.Trim();
        if (raw.IsEmpty) return null;
        if (s_values.TryGet(raw, out var type)) return type;
        var hasWordChar = false;
        foreach (var c in raw)
        {
            if (TextFold.IsWordChar(c)) { hasWordChar = true; break; }
        }
        if (!hasWordChar) return null;
        return FindInText(raw) ?? Other;
    }

    private enum Word : byte
    {
        None, Full, Part, Time, FullTimeWord, PartTimeWord, Temps, Plein, Partiel, ContractWord, Smart, NotAContract,
        TemporaryWord, Fixed, Term, InternWord, Co, Op, Permanent, Resident, Working, Student,
    }

    private static readonly FrozenDictionary<string, Word>.AlternateLookup<ReadOnlySpan<char>> s_words = new Dictionary<string, Word>
    {
        ["full"] = Word.Full, ["part"] = Word.Part, ["time"] = Word.Time, ["fulltime"] = Word.FullTimeWord,
        ["vollzeit"] = Word.FullTimeWord, ["parttime"] = Word.PartTimeWord, ["partime"] = Word.PartTimeWord,
        ["teilzeit"] = Word.PartTimeWord, ["temps"] = Word.Temps, ["plein"] = Word.Plein, ["partiel"] = Word.Partiel,
        ["contract"] = Word.ContractWord, ["contractor"] = Word.ContractWord, ["contractors"] = Word.ContractWord,
        ["contracting"] = Word.ContractWord, ["freelance"] = Word.ContractWord, ["freelancer"] = Word.ContractWord,
        ["freelancers"] = Word.ContractWord, ["freelancing"] = Word.ContractWord, ["c2h"] = Word.ContractWord,
        ["c2c"] = Word.ContractWord, ["1099"] = Word.ContractWord, ["freiberuflich"] = Word.ContractWord,
        ["smart"] = Word.Smart,
        ["law"] = Word.NotAContract, ["manufacturing"] = Word.NotAContract, ["research"] = Word.NotAContract,
        ["review"] = Word.NotAContract, ["lifecycle"] = Word.NotAContract, ["negotiation"] = Word.NotAContract,
        ["negotiations"] = Word.NotAContract, ["audit"] = Word.NotAContract, ["audits"] = Word.NotAContract,
        ["auditing"] = Word.NotAContract, ["auditor"] = Word.NotAContract, ["auditors"] = Word.NotAContract,
        ["address"] = Word.NotAContract, ["addresses"] = Word.NotAContract, ["language"] = Word.NotAContract,
        ["languages"] = Word.NotAContract, ["analysis"] = Word.NotAContract, ["testing"] = Word.NotAContract,
        ["development"] = Word.NotAContract, ["developer"] = Word.NotAContract, ["developers"] = Word.NotAContract,
        ["engineer"] = Word.NotAContract, ["engineers"] = Word.NotAContract, ["vulnerabilities"] = Word.NotAContract,
        ["intelligence"] = Word.NotAContract, ["data"] = Word.NotAContract, ["management"] = Word.NotAContract,
        ["temporary"] = Word.TemporaryWord, ["seasonal"] = Word.TemporaryWord, ["befristet"] = Word.TemporaryWord,
        ["fixed"] = Word.Fixed, ["term"] = Word.Term,
        ["intern"] = Word.InternWord, ["interns"] = Word.InternWord, ["internship"] = Word.InternWord,
        ["internships"] = Word.InternWord, ["praktikum"] = Word.InternWord, ["praktikant"] = Word.InternWord,
        ["werkstudent"] = Word.InternWord, ["apprentice"] = Word.InternWord, ["apprenticeship"] = Word.InternWord,
        ["stagiaire"] = Word.InternWord, ["alternance"] = Word.InternWord, ["coop"] = Word.InternWord,
        ["coops"] = Word.InternWord, ["co"] = Word.Co, ["op"] = Word.Op, ["ops"] = Word.Op,
        ["permanent"] = Word.Permanent, ["perm"] = Word.Permanent, ["festanstellung"] = Word.Permanent,
        ["unbefristet"] = Word.Permanent, ["resident"] = Word.Resident, ["residents"] = Word.Resident,
        ["residency"] = Word.Resident, ["working"] = Word.Working, ["student"] = Word.Student,
    }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The employment type a free text clearly states ("Full-time", "Contract (1099)", "interns/co-ops", "FT",
    /// "Vollzeit"), the first one when several are named ("Contract or Full-time" → contract); null when none is.
    /// Not markers: "smart contract", "contract law", "permanent residents", "stage" (English "early-stage"),
    /// lower-case "ft" and "PT" (Pacific Time).
    /// </summary>
    public static string? FindInText(ReadOnlySpan<char> text)
    {
        Span<char> fold = stackalloc char[WordTokenizer.MaxWord];
        var words = new WordTokenizer(text, fold);
        Word p2 = Word.None, p1 = Word.None;
        while (words.MoveNext())
        {
            var raw = words.Raw;
            var cur = words.Folded.IsEmpty || !s_words.TryGetValue(words.Folded, out var w) ? Word.None : w;

            // words judged once the next one is known
            if (p1 == Word.ContractWord && p2 != Word.Smart && cur != Word.NotAContract) return Contract;
            if (p1 == Word.Permanent && cur != Word.Resident) return FullTime;

            switch (cur)
            {
                case Word.Time when p1 == Word.Full:
                case Word.FullTimeWord:
                case Word.Plein when p1 == Word.Temps:
                    return FullTime;
                case Word.Time when p1 == Word.Part:
                case Word.PartTimeWord:
                case Word.Partiel when p1 == Word.Temps:
                    return PartTime;
                case Word.TemporaryWord:
                case Word.Term when p1 == Word.Fixed:
                    return Temporary;
                case Word.InternWord:
                case Word.Op when p1 == Word.Co:
                case Word.Student when p1 == Word.Working:
                    return Internship;
                case Word.None when raw.Length is 2 or 3:
                    if (raw is "FT" or "FTE" or "CDI") return FullTime;
                    if (raw is "CDD") return Temporary;
                    break;
            }
            p2 = p1;
            p1 = cur;
        }
        if (p1 == Word.ContractWord && p2 != Word.Smart) return Contract;
        if (p1 == Word.Permanent) return FullTime;
        return null;
    }
}
