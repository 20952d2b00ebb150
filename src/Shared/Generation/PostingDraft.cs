namespace AkkaEtl.Generation;

/// <summary>How a posting states its salary.</summary>
internal enum SalaryForm : byte
{
    Text,
    Object,
    Null,
    Absent,
}

/// <summary>A field deliberately given a value of the wrong JSON type.</summary>
internal enum WrongField : byte
{
    None,
    Remote,
    Title,
    PostedAt,
    UpdatedAt,
    Company,
    Salary,
    Location,
    EmploymentType,
    Language,
    Url,
    Description,
    Meta,
}

/// <summary>How the id is left out of a line that has none (bad input).</summary>
internal enum IdMode : byte
{
    Present,
    Omitted,
    Null,
    Empty,
}

/// <summary>The semantic choices of one posting, drawn before any of it is written.</summary>
internal sealed class PostingDraft
{
    public int Source;
    public Country Country = null!;
    public City City = null!;
    public bool Remote;
    public bool Worldwide;
    public Category Category = null!;
    public Role Role = null!;
    public Seniority Seniority = null!;
    public JsonText? LocalTitle;
    public Company Company = null!;
    public Lang Lang;
    public LanguagePack Pack = null!;
    public PostingVocabulary.Employment Employment;
    public SalaryForm SalaryForm;
    public SalaryModel Salary;
    public long PostedMs;
    public bool HasUpdated;
    public long UpdatedMs;
    public bool NumericId;
    public WrongField Wrong;

    /// <summary>HN-style: no title, company, location, salary, type or remote fields; a header line in the description instead.</summary>
    public bool Bare;

    public JsonText Tech = null!;
    public JsonText Tech2 = null!;
    public JsonText TechHtml = null!;
    public JsonText Tech2Html = null!;
    public JsonText Team = null!;
    public JsonText TeamHtml = null!;
    public int Years;
    public long IdOrdinal;
    public IdMode IdMode;
    public bool IsRepost;
    public bool Emoji;

    /// <summary>The country whose time zone and currency apply (worldwide remote jobs use the company's market, often the US).</summary>
    public int OffsetMinutes => Worldwide ? 0 : Country.OffsetMinutes;
}
