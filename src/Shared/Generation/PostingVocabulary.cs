using System.Globalization;
using System.Text;

namespace AkkaEtl.Generation;

/// <summary>The languages descriptions are written in.</summary>
internal enum Lang : byte
{
    En,
    De,
    Fr,
    Es,
    Ja,
    Zh,
}

/// <summary>Currencies salaries are stated in.</summary>
internal enum Currency : byte
{
    Usd,
    Cad,
    Aud,
    Sgd,
    Mxn,
    Gbp,
    Eur,
    Chf,
    Inr,
    Jpy,
    Cny,
}

internal sealed class City
{
    public City(string name, string? region = null, string? regionLong = null, string? native = null)
    {
        Name = name;
        Region = region is null ? null : new JsonText(region);
        RegionLong = regionLong is null ? Region : new JsonText(regionLong);
        Native = native is null ? Name : new JsonText(native);
        Html = JsonText.HtmlEncode(name);
        Slug = PostingVocabulary.Slugify(name);
    }

    public JsonText Name { get; }
    public JsonText Native { get; }
    public JsonText? Region { get; }
    public JsonText? RegionLong { get; }
    public JsonText Html { get; }
    public string Slug { get; }
}

internal sealed class Company
{
    public Company(string name, string industry, string? slug = null)
    {
        Name = name;
        Html = JsonText.HtmlEncode(name);
        HasSpecial = name.Contains('&');
        Industry = industry;
        IndustryHtml = JsonText.HtmlEncode(industry);
        Slug = Encoding.ASCII.GetBytes(slug ?? PostingVocabulary.Slugify(name));
    }

    public JsonText Name { get; }

    /// <summary>The name as HTML text (&amp; as <c>&amp;amp;</c>).</summary>
    public JsonText Html { get; }

    public bool HasSpecial { get; }
    public JsonText Industry { get; }
    public JsonText IndustryHtml { get; }

    /// <summary>ASCII slug for URLs and e-mail domains.</summary>
    public byte[] Slug { get; }
}

internal sealed class Role
{
    public Role(string plain, string? noisy = null)
    {
        Plain = plain;
        Html = JsonText.HtmlEncode(plain);
        Noisy = noisy is null ? null : new JsonText(noisy);
        Slug = Encoding.ASCII.GetBytes(PostingVocabulary.Slugify(plain));
    }

    public JsonText Plain { get; }
    public JsonText Html { get; }

    /// <summary>An entity-encoded form of the title as some feeds send it (<c>C&amp;#43;&amp;#43;</c>, <c>R&amp;amp;D</c>).</summary>
    public JsonText? Noisy { get; }

    public byte[] Slug { get; }
}

internal sealed class Seniority
{
    public Seniority(string prefix, double pay)
    {
        Prefix = prefix;
        Html = JsonText.HtmlEncode(prefix);
        Pay = pay;
    }

    public JsonText Prefix { get; }
    public JsonText Html { get; }
    public double Pay { get; }
}

internal sealed class Category
{
    public required string Name { get; init; }
    public required Role[] Roles { get; init; }
    public required bool WhiteCollar { get; init; }

    /// <summary>Typical mid-level pay in the United States, USD a year.</summary>
    public required double PayBase { get; init; }

    public required double HourlyShare { get; init; }
    public required double RemoteShare { get; init; }
    public required JsonText[] Tech { get; init; }
    public required JsonText[] Teams { get; init; }
    public required Template[] Responsibilities { get; init; }
    public required Template[] Requirements { get; init; }

    /// <summary>Titles in the other languages (index by <see cref="Lang"/>; empty for English).</summary>
    public required JsonText[][] LocalTitles { get; init; }

    public JsonText[] Tags => _tags ??= Array.ConvertAll(Tech, t => new JsonText(t.Value.ToLowerInvariant()));
    private JsonText[]? _tags;

    /// <summary><see cref="Tech"/> as HTML text.</summary>
    public JsonText[] TechHtml => _techHtml ??= Array.ConvertAll(Tech, t => new JsonText(JsonText.HtmlEncode(t.Value)));
    private JsonText[]? _techHtml;

    /// <summary><see cref="Teams"/> as HTML text.</summary>
    public JsonText[] TeamsHtml => _teamsHtml ??= Array.ConvertAll(Teams, t => new JsonText(JsonText.HtmlEncode(t.Value)));
    private JsonText[]? _teamsHtml;
}

internal sealed class Country
{
    public required string Code { get; init; }
    public JsonText CodeText => _codeText ??= new JsonText(Code);
    private JsonText? _codeText;

    /// <summary>English names and abbreviations, the first being the usual one.</summary>
    public required JsonText[] Names { get; init; }

    public required JsonText Native { get; init; }
    public required City[] Cities { get; init; }
    public required Currency Currency { get; init; }
    public required int OffsetMinutes { get; init; }
    public required Lang[] Languages { get; init; }
    public required Weights LanguageWeights { get; init; }

    /// <summary>Local-currency pay for what earns 1 USD in the United States.</summary>
    public required double PayFactor { get; init; }

    /// <summary>A floor for hourly pay in local currency (about the legal minimum wage).</summary>
    public required double MinHourly { get; init; }

    public required JsonText[] RemoteLabels { get; init; }
    public Company[] Companies { get; init; } = [];

    /// <summary>Whether addresses are usually "City, Region" (US, Canada, Australia, India).</summary>
    public bool UsesRegion { get; init; }
}

/// <summary>Word lists and reference data the generator draws from.</summary>
internal static class PostingVocabulary
{
    public static string Slugify(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool dash = false;
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            char l = char.ToLowerInvariant(c);
            if (l is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (dash && sb.Length > 0) sb.Append('-');
                sb.Append(l);
                dash = false;
            }
            else
            {
                dash = true;
            }
        }
        return sb.Length == 0 ? "jobs" : sb.ToString();
    }

    // ---- sources ---------------------------------------------------------------------------------------------

    public static readonly JsonText[] Sources =
        ["greenhouse", "lever", "workday", "indeed", "linkedin", "company-site", "hn"];

    public const int Greenhouse = 0, Lever = 1, Workday = 2, Indeed = 3, LinkedIn = 4, CompanySite = 5, Hn = 6;

    public static readonly Weights SourceWeights = new(18, 12, 14, 22, 16, 10, 8);

    // ---- seniority -------------------------------------------------------------------------------------------

    public static readonly Seniority[] OfficeSeniority =
    [
        new("", 1.0), new("Senior ", 1.3), new("Sr. ", 1.3), new("Junior ", 0.72), new("Staff ", 1.6),
        new("Principal ", 1.75), new("Lead ", 1.45), new("Associate ", 0.85), new("Intern ", 0.38),
    ];

    public static readonly Weights OfficeSeniorityWeights = new(34, 22, 5, 9, 5, 3, 6, 6, 3);

    public const int InternSeniority = 8;

    public static readonly Seniority[] FloorSeniority =
    [
        new("", 1.0), new("Senior ", 1.2), new("Lead ", 1.25), new("Experienced ", 1.1), new("Trainee ", 0.7),
    ];

    public static readonly Weights FloorSeniorityWeights = new(60, 10, 8, 8, 4);

    // ---- categories ------------------------------------------------------------------------------------------

    public static readonly Category[] Categories =
    [
        new Category
        {
            Name = "engineering", WhiteCollar = true, PayBase = 150_000, HourlyShare = 0.04, RemoteShare = 0.35,
            Roles =
            [
                new("Software Engineer"), new("Backend Engineer"), new("Frontend Engineer"), new("Full Stack Developer"),
                new("Site Reliability Engineer"), new("DevOps Engineer"), new("Mobile Engineer (iOS)"), new("Android Developer"),
                new("C++ Developer", "C&#43;&#43; Developer"), new("Embedded Software Engineer"), new("Security Engineer"),
                new("QA Automation Engineer"), new("Platform Engineer"), new("Engineering Manager"),
                new("R&D Engineer", "R&amp;D Engineer"), new(".NET Developer"), new("Go Engineer"), new("Rust Engineer"),
                new("C# / .NET Engineer", "C&#35; &#x2F; .NET Engineer"),
            ],
            Tech =
            [
                "Python", "Go", "Rust", "Java", "Kotlin", "TypeScript", "React", "Node.js", "C++", "C#", ".NET", "AWS", "GCP",
                "Kubernetes", "PostgreSQL", "Kafka", "Terraform", "Docker", "GraphQL", "Redis", "Elixir", "Ruby on Rails",
            ],
            Teams = ["Platform", "Payments", "Infrastructure", "Core API", "Mobile", "Growth", "Developer Experience", "Security"],
            Responsibilities =
            [
                "Design, build and operate {tech} services that handle millions of requests a day",
                "Own features end to end&nbsp;&mdash; from design docs to production rollouts and on-call",
                "Work closely with product and design to ship improvements to our customers every week",
                "Improve the reliability, observability and performance of our {team} platform",
                "Review code, mentor teammates and raise the bar for engineering quality",
                "Migrate legacy components to {tech} and {tech2} without downtime",
                "Build internal tooling that makes CI&#x2F;CD faster, safer and more pleasant to use",
                "Take part in architecture discussions and write clear technical proposals",
                "Debug tricky production issues across the stack, from the browser to the database",
                "Help us scale the team by interviewing candidates and improving our onboarding",
            ],
            Requirements =
            [
                "{years}+ years of professional software development experience with {tech}",
                "Solid understanding of distributed systems, APIs and data modelling",
                "Experience with {tech2} or a willingness to learn it quickly",
                "Comfortable working in a fast-paced environment with a lot of ownership",
                "Strong written communication skills&nbsp;&mdash; we&#8217;re a writing-first team",
                "Familiarity with cloud infrastructure (AWS, GCP or Azure), containers and infrastructure as code",
                "Bonus: open-source contributions or experience with C&#43;&#43; or Rust",
                "A bachelor&#8217;s degree in Computer Science or equivalent practical experience",
                "You care about testing, code review and leaving the codebase better than you found it",
            ],
            LocalTitles =
            [
                [],
                ["Softwareentwickler (m/w/d)", "Senior Backend-Entwickler (m/w/d)", "DevOps Engineer (m/w/d)", "Fullstack-Entwickler:in (m/w/d)"],
                ["Développeur Full Stack (H/F)", "Ingénieur DevOps (H/F)", "Développeur Back-End Java (H/F)"],
                ["Desarrollador/a Backend", "Ingeniero/a de Software", "Desarrollador/a Full Stack"],
                ["ソフトウェアエンジニア", "バックエンドエンジニア（Go）", "フロントエンドエンジニア"],
                ["高级后端工程师", "前端开发工程师", "Java开发工程师"],
            ],
        },
        new Category
        {
            Name = "data", WhiteCollar = true, PayBase = 145_000, HourlyShare = 0.04, RemoteShare = 0.35,
            Roles =
            [
                new("Data Scientist"), new("Data Engineer"), new("Machine Learning Engineer"), new("Data Analyst"),
                new("Analytics Engineer"), new("Business Intelligence Analyst"), new("Research Scientist, NLP"),
                new("MLOps Engineer"), new("AI/ML Engineer"), new("Data & Analytics Lead", "Data &amp; Analytics Lead"),
            ],
            Tech =
            [
                "Python", "SQL", "Spark", "dbt", "Airflow", "Snowflake", "PyTorch", "TensorFlow", "BigQuery", "pandas",
                "scikit-learn", "Databricks", "Looker", "Tableau", "LLMs", "Kafka",
            ],
            Teams = ["Data Platform", "Machine Learning", "Analytics", "Search & Ranking", "Risk", "Personalization"],
            Responsibilities =
            [
                "Build and maintain batch and streaming pipelines in {tech} and {tech2}",
                "Train, evaluate and deploy machine learning models that power core product features",
                "Partner with stakeholders to define metrics, build dashboards and answer hard questions with data",
                "Design experiments (A&#x2F;B tests) and communicate results clearly to leadership",
                "Own data quality: monitoring, lineage and documentation of our most important tables",
                "Prototype new approaches with large language models and bring the best ones to production",
                "Model our data warehouse so that analysts can self-serve reliably",
                "Work with the {team} team to turn raw events into trustworthy features",
            ],
            Requirements =
            [
                "{years}+ years of experience in data science, analytics or data engineering",
                "Excellent SQL and strong {tech} skills",
                "Solid grounding in statistics, experimentation and causal inference",
                "Hands-on experience with {tech2} in production",
                "Ability to explain complex findings to non-technical audiences",
                "MSc or PhD in a quantitative field (Statistics, CS, Physics&hellip;) is a plus",
                "Experience with cloud data warehouses such as Snowflake or BigQuery",
            ],
            LocalTitles =
            [
                [],
                ["Data Scientist (m/w/d)", "Datenanalyst (m/w/d)", "Data Engineer (m/w/d)"],
                ["Data Analyst (H/F)", "Ingénieur Data (H/F)", "Data Scientist (H/F)"],
                ["Analista de Datos", "Científico/a de Datos", "Ingeniero/a de Datos"],
                ["データサイエンティスト", "データエンジニア", "機械学習エンジニア"],
                ["数据分析师", "算法工程师", "大数据开发工程师"],
            ],
        },
        new Category
        {
            Name = "design", WhiteCollar = true, PayBase = 120_000, HourlyShare = 0.08, RemoteShare = 0.3,
            Roles =
            [
                new("Product Designer"), new("UX Designer"), new("UI/UX Designer"), new("Graphic Designer"),
                new("UX Researcher"), new("Brand Designer"), new("Motion Designer"), new("Content Designer"),
            ],
            Tech = ["Figma", "Sketch", "Adobe XD", "Adobe Creative Suite", "Framer", "design systems", "user research", "prototyping", "After Effects"],
            Teams = ["Design", "Brand", "Product Design", "Marketing", "Design Systems"],
            Responsibilities =
            [
                "Lead design projects from discovery and user research to polished UI in {tech}",
                "Create wireframes, prototypes and high-fidelity mockups for web and mobile",
                "Evolve and maintain our design system together with engineering",
                "Run usability tests and turn insights into concrete improvements",
                "Collaborate with product managers and engineers in small, autonomous squads",
                "Shape the visual identity of {company} across every touchpoint",
            ],
            Requirements =
            [
                "{years}+ years of experience in product, UX or visual design",
                "A portfolio that shows your process, not just the final screens",
                "Expert knowledge of {tech}; experience with {tech2} is a plus",
                "Strong eye for typography, layout and accessibility (WCAG 2.1)",
                "Comfortable presenting and defending design decisions",
                "Experience working in an agile environment",
            ],
            LocalTitles =
            [
                [],
                ["UX/UI Designer (m/w/d)", "Grafikdesigner (m/w/d)", "Mediengestalter Digital und Print (m/w/d)"],
                ["Designer UX/UI (H/F)", "Graphiste (H/F)"],
                ["Diseñador/a UX/UI", "Diseñador/a Gráfico/a"],
                ["UI/UXデザイナー", "グラフィックデザイナー"],
                ["UI设计师", "交互设计师"],
            ],
        },
        new Category
        {
            Name = "product", WhiteCollar = true, PayBase = 150_000, HourlyShare = 0.03, RemoteShare = 0.3,
            Roles =
            [
                new("Product Manager"), new("Technical Product Manager"), new("Product Owner"), new("Program Manager"),
                new("Project Manager"), new("Growth Product Manager"), new("Scrum Master"),
            ],
            Tech = ["roadmaps", "Jira", "A/B testing", "Amplitude", "SQL", "OKRs", "Scrum", "user interviews", "Confluence"],
            Teams = ["Product", "Checkout", "Onboarding", "Marketplace", "Billing", "Growth"],
            Responsibilities =
            [
                "Own the roadmap for the {team} area and align it with company goals",
                "Talk to customers every week and turn their problems into clear requirements",
                "Define success metrics and track them with {tech}",
                "Work with engineering and design to scope, prioritise and ship iteratively",
                "Write crisp product specs and keep stakeholders informed",
                "Analyse the market and competitors to find new opportunities",
            ],
            Requirements =
            [
                "{years}+ years of product management experience in a B2B or B2C company",
                "A track record of shipping products customers love",
                "Comfortable with data: you can write basic SQL and read a dashboard critically",
                "Excellent communication and stakeholder management skills",
                "Experience with {tech} and {tech2}",
                "Technical background or the ability to go deep on technical topics",
            ],
            LocalTitles =
            [
                [],
                ["Produktmanager (m/w/d)", "Product Owner (m/w/d)", "Projektmanager (m/w/d)"],
                ["Chef de produit (H/F)", "Chef de projet digital (H/F)"],
                ["Product Manager", "Jefe/a de Proyecto"],
                ["プロダクトマネージャー", "プロジェクトマネージャー"],
                ["产品经理", "项目经理"],
            ],
        },
        new Category
        {
            Name = "sales", WhiteCollar = true, PayBase = 95_000, HourlyShare = 0.05, RemoteShare = 0.25,
            Roles =
            [
                new("Account Executive"), new("Sales Development Representative"), new("Customer Success Manager"),
                new("Solutions Engineer"), new("Account Manager"), new("Business Development Manager"),
                new("Sales Representative"), new("Inside Sales Representative"), new("Marketing Manager"),
            ],
            Tech = ["Salesforce", "HubSpot", "SaaS", "B2B", "Outreach", "Gong", "LinkedIn Sales Navigator", "CRM"],
            Teams = ["Sales", "Enterprise Sales", "Customer Success", "Partnerships", "Marketing"],
            Responsibilities =
            [
                "Manage the full sales cycle from prospecting to close for mid-market and enterprise accounts",
                "Build and maintain a healthy pipeline in {tech}",
                "Run discovery calls and tailored product demos",
                "Exceed quarterly quota and forecast accurately",
                "Work with marketing on campaigns, events and account-based plays",
                "Be the voice of the customer in conversations with product and engineering",
            ],
            Requirements =
            [
                "{years}+ years of quota-carrying experience, ideally selling {tech}",
                "Proven track record of exceeding targets",
                "Outstanding communication, negotiation and presentation skills",
                "Experience with {tech2}",
                "Self-starter mentality and resilience",
                "Willingness to travel up to 25%",
            ],
            LocalTitles =
            [
                [],
                ["Vertriebsmitarbeiter im Außendienst (m/w/d)", "Key Account Manager (m/w/d)", "Kundenberater (m/w/d)"],
                ["Commercial B2B (H/F)", "Business Developer (H/F)", "Chargé de clientèle (H/F)"],
                ["Comercial / Ejecutivo/a de Ventas", "Key Account Manager"],
                ["法人営業", "インサイドセールス", "カスタマーサクセス"],
                ["销售经理", "大客户经理", "客户成功经理"],
            ],
        },
        new Category
        {
            Name = "ops", WhiteCollar = true, PayBase = 70_000, HourlyShare = 0.18, RemoteShare = 0.15,
            Roles =
            [
                new("Operations Manager"), new("Office Manager"), new("Executive Assistant"), new("Recruiter"),
                new("HR Generalist"), new("Accountant"), new("Financial Analyst"), new("Supply Chain Analyst"),
                new("Warehouse Associate"), new("Customer Support Specialist"), new("Payroll Specialist"),
            ],
            Tech = ["Excel", "SAP", "NetSuite", "Workday", "Zendesk", "supply chain", "logistics", "QuickBooks", "Greenhouse"],
            Teams = ["Operations", "Finance", "People", "Logistics", "Customer Support", "Workplace"],
            Responsibilities =
            [
                "Keep day-to-day operations running smoothly across our {city} site",
                "Prepare monthly reports and reconcile accounts in {tech}",
                "Coordinate with vendors, carriers and internal teams",
                "Improve processes and document them so they scale",
                "Support hiring, onboarding and employee questions",
                "Answer customer questions by email, chat and phone with empathy and speed",
            ],
            Requirements =
            [
                "{years}+ years of experience in a similar role",
                "Advanced {tech} skills",
                "Highly organised, with great attention to detail",
                "Friendly, clear communicator in person and in writing",
                "Experience with {tech2} is a plus",
                "Able to lift up to 50 lbs (warehouse roles)",
            ],
            LocalTitles =
            [
                [],
                ["Sachbearbeiter Buchhaltung (m/w/d)", "Lagerlogistiker (m/w/d)", "Office Manager (m/w/d)", "Personalreferent (m/w/d)"],
                ["Assistant administratif (H/F)", "Responsable logistique (H/F)", "Comptable (H/F)"],
                ["Administrativo/a contable", "Técnico/a de logística", "Mozo/a de almacén"],
                ["経理スタッフ", "物流管理", "人事担当"],
                ["行政专员", "物流专员", "会计"],
            ],
        },
        new Category
        {
            Name = "healthcare", WhiteCollar = false, PayBase = 80_000, HourlyShare = 0.4, RemoteShare = 0.03,
            Roles =
            [
                new("Registered Nurse (RN)"), new("Licensed Practical Nurse"), new("Medical Assistant"), new("Physical Therapist"),
                new("Pharmacy Technician"), new("Certified Nursing Assistant (CNA)"), new("Dental Hygienist"),
                new("Radiologic Technologist"), new("Home Health Aide"), new("Nurse Practitioner"),
            ],
            Tech = ["EHR", "Epic", "patient care", "BLS", "ACLS", "Cerner", "phlebotomy", "wound care", "medication administration"],
            Teams = ["Cardiology", "Emergency Department", "Outpatient", "ICU", "Pediatrics", "Oncology", "Home Care"],
            Responsibilities =
            [
                "Provide safe, compassionate care to patients in the {team} unit",
                "Assess patients, administer medications and document care in {tech}",
                "Collaborate with physicians, therapists and families on care plans",
                "Educate patients and caregivers about treatment and recovery",
                "Follow infection control and safety protocols at all times",
                "Support new team members as a preceptor",
            ],
            Requirements =
            [
                "Current state license and {tech2} certification",
                "{years}+ years of clinical experience preferred; new graduates welcome",
                "Experience with {tech}",
                "Excellent bedside manner and communication skills",
                "Ability to work 12-hour shifts, weekends and holidays on a rotating basis",
            ],
            LocalTitles =
            [
                [],
                ["Pflegefachkraft (m/w/d)", "Medizinische Fachangestellte (MFA) (m/w/d)", "Altenpfleger (m/w/d)", "Physiotherapeut (m/w/d)"],
                ["Infirmier / Infirmière (H/F)", "Aide-soignant (H/F)", "Kinésithérapeute (H/F)"],
                ["Enfermero/a", "Auxiliar de enfermería", "Fisioterapeuta"],
                ["看護師", "介護職員", "薬剤師"],
                ["护士", "护理员", "药剂师"],
            ],
        },
        new Category
        {
            Name = "trades", WhiteCollar = false, PayBase = 60_000, HourlyShare = 0.55, RemoteShare = 0.0,
            Roles =
            [
                new("Electrician"), new("HVAC Technician"), new("Plumber"), new("Welder"), new("CNC Machinist"),
                new("Maintenance Technician"), new("Carpenter"), new("Forklift Operator"), new("Truck Driver (CDL-A)"),
                new("Solar Installer"),
            ],
            Tech = ["OSHA", "HVAC", "electrical", "welding", "forklift", "blueprints", "PLC", "hand & power tools", "CDL-A"],
            Teams = ["Maintenance", "Field Service", "Facilities", "Production", "Installation"],
            Responsibilities =
            [
                "Install, maintain and repair equipment at customer sites around {city}",
                "Read blueprints and follow {tech} safety standards",
                "Diagnose problems and complete repairs efficiently",
                "Keep accurate records of work orders and parts used",
                "Work as part of a friendly, experienced {team} crew",
            ],
            Requirements =
            [
                "{years}+ years of hands-on experience",
                "Valid driver&#8217;s license and clean driving record",
                "Own basic hand tools; experience with {tech2}",
                "Able to work outdoors, at heights and in tight spaces",
                "Journeyman license or apprenticeship completed (preferred)",
            ],
            LocalTitles =
            [
                [],
                ["Elektriker (m/w/d)", "Anlagenmechaniker SHK (m/w/d)", "Schreiner / Tischler (m/w/d)", "Berufskraftfahrer CE (m/w/d)"],
                ["Électricien (H/F)", "Plombier chauffagiste (H/F)", "Soudeur (H/F)"],
                ["Electricista", "Fontanero/a", "Soldador/a"],
                ["電気工事士", "施工管理", "設備保全"],
                ["电工", "焊工", "叉车司机"],
            ],
        },
        new Category
        {
            Name = "hospitality", WhiteCollar = false, PayBase = 38_000, HourlyShare = 0.65, RemoteShare = 0.0,
            Roles =
            [
                new("Line Cook"), new("Sous Chef"), new("Barista"), new("Server"), new("Bartender"), new("Front Desk Agent"),
                new("Housekeeper"), new("Restaurant Manager"), new("Event Coordinator"), new("Dishwasher"),
            ],
            Tech = ["POS", "food safety", "customer service", "ServSafe", "Opera PMS", "latte art", "inventory"],
            Teams = ["Kitchen", "Front of House", "Guest Services", "Events", "Housekeeping"],
            Responsibilities =
            [
                "Welcome guests and make every visit memorable",
                "Prepare food and drinks to our recipes and quality standards",
                "Keep your station clean, stocked and compliant with {tech} rules",
                "Handle payments on our {tech2} system",
                "Work closely with the {team} team during busy services",
            ],
            Requirements =
            [
                "Previous experience in a similar role is a plus, but we will train the right person",
                "Friendly, positive attitude and a love of hospitality",
                "Available evenings, weekends and holidays",
                "Food handler certificate (or willingness to obtain one)",
                "Able to stand for long periods and lift up to 25 lbs",
            ],
            LocalTitles =
            [
                [],
                ["Koch / Köchin (m/w/d)", "Servicekraft (m/w/d)", "Hotelfachmann/-frau (m/w/d)", "Barista (m/w/d)"],
                ["Serveur / Serveuse (H/F)", "Chef de partie (H/F)", "Réceptionniste (H/F)"],
                ["Camarero/a", "Cocinero/a", "Recepcionista de hotel"],
                ["ホールスタッフ", "調理スタッフ", "ホテルフロントスタッフ"],
                ["餐厅服务员", "厨师", "酒店前台"],
            ],
        },
    ];

    public static readonly Weights CategoryWeights = new(30, 12, 6, 7, 12, 12, 9, 6, 6);

    // ---- companies -------------------------------------------------------------------------------------------

    public static readonly JsonText[] CompanySizes = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+"];

    public static readonly Company[] GlobalCompanies =
    [
        new("Brightwave Labs", "Software"), new("Quantix", "Fintech"), new("Helio Systems", "Energy"),
        new("Bluefin Analytics", "Software"), new("Cedar & Pine Hospitality", "Hospitality"), new("Johnson & Hart LLP", "Legal Services"),
        new("Tidal Health", "Healthcare"), new("Polar Freight", "Logistics"), new("Novalink", "Telecommunications"),
        new("Sparrow Pay", "Fintech"), new("Harbor Bank", "Banking"), new("Fernwood Clinics", "Healthcare"),
        new("Atlas Manufacturing", "Manufacturing"), new("Copperleaf Software", "Software"), new("Lumen Learning Co.", "Education"),
        new("Orbital Foods", "Food & Beverage"), new("Kestrel Security", "Cybersecurity"), new("Greenfield Energy", "Energy"),
        new("Redwood Dental Group", "Healthcare"), new("Summit Builders", "Construction"), new("Riverstone Hotels", "Hospitality"),
        new("Pixel Forge Studios", "Gaming"), new("Vantage Retail", "Retail"), new("Open Harbor", "Software"),
        new("Zeta Genomics", "Biotech"), new("Ironclad Mechanical", "Construction"), new("Silverline Realty", "Real Estate"),
        new("Nimbus Cloud", "Cloud Computing"), new("Catalyst AI", "Artificial Intelligence"), new("Everbright Schools", "Education"),
        new("Wildflower Café", "Food & Beverage"), new("Mosaic Media", "Media"), new("Trellis Health", "Healthcare"),
        new("Beacon Insurance", "Insurance"), new("Foxglove Pharmacy", "Healthcare"), new("Granite Peak Construction", "Construction"),
        new("Lattice Data", "Software"), new("Orca Robotics", "Robotics"), new("Meridian Travel", "Travel"),
        new("Hollow Oak Games", "Gaming"), new("Sunbeam Solar", "Energy"), new("Tandem Health & Wellness", "Healthcare"),
        new("Northstar Logistics", "Logistics"), new("Parcel & Post", "Logistics"), new("Quill Legal", "Legal Tech"),
        new("Evergreen Credit Union", "Banking"), new("Spindle Commerce", "E-commerce"), new("Ferrous Automotive", "Automotive"),
        new("Blue Lantern Bistro", "Restaurants"), new("Arcadia Senior Living", "Healthcare"), new("Vector Mobility", "Automotive"),
        new("Honeycomb HR", "Software"), new("Driftwood Resorts", "Hospitality"), new("Keystone Plumbing & Heating", "Construction"),
        new("Lighthouse Learning", "Education"), new("Apex Fitness", "Fitness"), new("Cobalt Payments", "Fintech"),
        new("Sagebrush Foods", "Food & Beverage"), new("Starling Aerospace", "Aerospace"), new("Willow & Finch", "Retail"),
    ];

    public static readonly JsonText[] Industries =
    [
        "Software", "Fintech", "Healthcare", "E-commerce", "Logistics", "Education", "Hospitality", "Manufacturing", "Media",
        "Energy", "Retail", "Biotech", "Gaming", "Real Estate", "Automotive",
    ];

    // ---- geography -------------------------------------------------------------------------------------------

    public static readonly Country[] Countries =
    [
        new Country
        {
            Code = "US", Names = ["United States", "USA", "U.S.", "United States of America", "US"], Native = "United States",
            Currency = Currency.Usd, OffsetMinutes = -300, PayFactor = 1.0, MinHourly = 12, UsesRegion = true,
            Languages = [Lang.En, Lang.Es], LanguageWeights = new(97, 3),
            Cities =
            [
                new("San Francisco", "CA", "California"), new("New York", "NY", "New York"), new("Seattle", "WA", "Washington"),
                new("Austin", "TX", "Texas"), new("Boston", "MA", "Massachusetts"), new("Chicago", "IL", "Illinois"),
                new("Denver", "CO", "Colorado"), new("Los Angeles", "CA", "California"), new("Atlanta", "GA", "Georgia"),
                new("Raleigh", "NC", "North Carolina"), new("Miami", "FL", "Florida"), new("Portland", "OR", "Oregon"),
                new("Pittsburgh", "PA", "Pennsylvania"), new("Minneapolis", "MN", "Minnesota"), new("Phoenix", "AZ", "Arizona"),
            ],
            RemoteLabels = ["Remote (US)", "Remote - US", "US Remote", "Remote, United States", "Remote (USA only)", "Anywhere in the U.S."],
            Companies =
            [
                new("Golden Gate Robotics", "Robotics"), new("Lone Star Health", "Healthcare"), new("Empire State Logistics", "Logistics"),
                new("Cascade Coffee Roasters", "Food & Beverage"),
            ],
        },
        new Country
        {
            Code = "CA", Names = ["Canada", "CA", "CAN"], Native = "Canada",
            Currency = Currency.Cad, OffsetMinutes = -300, PayFactor = 0.82, MinHourly = 16, UsesRegion = true,
            Languages = [Lang.En, Lang.Fr], LanguageWeights = new(85, 15),
            Cities =
            [
                new("Toronto", "ON", "Ontario"), new("Vancouver", "BC", "British Columbia"), new("Montréal", "QC", "Québec"),
                new("Ottawa", "ON", "Ontario"), new("Calgary", "AB", "Alberta"), new("Waterloo", "ON", "Ontario"),
            ],
            RemoteLabels = ["Remote (Canada)", "Remote - Canada", "Canada (Remote)"],
            Companies = [new("Maple Leaf Logistics", "Logistics"), new("Northern Lights Health", "Healthcare"), new("Boréal Logiciel", "Software")],
        },
        new Country
        {
            Code = "GB", Names = ["United Kingdom", "UK", "GB", "England", "U.K."], Native = "United Kingdom",
            Currency = Currency.Gbp, OffsetMinutes = 0, PayFactor = 0.5, MinHourly = 11,
            Languages = [Lang.En], LanguageWeights = new(1),
            Cities =
            [
                new("London", "England"), new("Manchester", "England"), new("Edinburgh", "Scotland"), new("Bristol", "England"),
                new("Cambridge", "England"), new("Leeds", "England"), new("Glasgow", "Scotland"), new("Cardiff", "Wales"),
            ],
            RemoteLabels = ["Remote (UK)", "UK Remote", "Remote - United Kingdom"],
            Companies = [new("Thames Valley Consulting Ltd", "Consulting"), new("Fish & Chips Co.", "Restaurants"), new("St. Bride's Care Home", "Healthcare")],
        },
        new Country
        {
            Code = "DE", Names = ["Germany", "DE", "Deutschland", "DEU"], Native = "Deutschland",
            Currency = Currency.Eur, OffsetMinutes = 60, PayFactor = 0.47, MinHourly = 12.5,
            Languages = [Lang.De, Lang.En], LanguageWeights = new(60, 40),
            Cities =
            [
                new("Berlin", "Berlin"), new("Munich", "Bavaria", "Bayern", "München"), new("Hamburg", "Hamburg"),
                new("Frankfurt am Main", "Hesse", "Hessen"), new("Cologne", "North Rhine-Westphalia", "Nordrhein-Westfalen", "Köln"),
                new("Stuttgart", "Baden-Württemberg"), new("Düsseldorf", "North Rhine-Westphalia", "Nordrhein-Westfalen"),
                new("Leipzig", "Saxony", "Sachsen"),
            ],
            RemoteLabels = ["Remote (Deutschland)", "Remote - Germany", "Homeoffice (DE)", "100% Remote in Deutschland"],
            Companies =
            [
                new("Müller & Söhne GmbH", "Manufacturing"), new("Nordlicht Software GmbH", "Software"), new("Bäckerei Schmidt", "Food & Beverage"),
                new("Klinikum Rheinland", "Healthcare"), new("Alpenblick Hotel GmbH", "Hospitality"), new("Datenwerk AG", "Software"),
            ],
        },
        new Country
        {
            Code = "FR", Names = ["France", "FR", "FRA"], Native = "France",
            Currency = Currency.Eur, OffsetMinutes = 60, PayFactor = 0.37, MinHourly = 11.7,
            Languages = [Lang.Fr, Lang.En], LanguageWeights = new(65, 35),
            Cities =
            [
                new("Paris", "Île-de-France"), new("Lyon", "Auvergne-Rhône-Alpes"), new("Toulouse", "Occitanie"),
                new("Nantes", "Pays de la Loire"), new("Bordeaux", "Nouvelle-Aquitaine"), new("Lille", "Hauts-de-France"),
            ],
            RemoteLabels = ["Télétravail (France)", "Remote - France", "Full remote (France)"],
            Companies =
            [
                new("Société Lumière SAS", "Media"), new("Boulangerie Dupré", "Food & Beverage"),
                new("Cabinet Médical Saint-Éloi", "Healthcare"), new("Atelier Numérique", "Software"),
            ],
        },
        new Country
        {
            Code = "ES", Names = ["Spain", "ES", "España", "ESP"], Native = "España",
            Currency = Currency.Eur, OffsetMinutes = 60, PayFactor = 0.28, MinHourly = 8,
            Languages = [Lang.Es, Lang.En], LanguageWeights = new(65, 35),
            Cities =
            [
                new("Madrid", "Comunidad de Madrid"), new("Barcelona", "Cataluña"), new("Valencia", "Comunidad Valenciana"),
                new("Sevilla", "Andalucía"), new("Bilbao", "País Vasco"), new("Málaga", "Andalucía"),
            ],
            RemoteLabels = ["Remoto (España)", "Remote - Spain", "Teletrabajo"],
            Companies = [new("Grupo Solara S.L.", "Energy"), new("Clínica Mediterránea", "Healthcare"), new("Tapas & Co.", "Restaurants")],
        },
        new Country
        {
            Code = "NL", Names = ["Netherlands", "NL", "The Netherlands", "Holland"], Native = "Nederland",
            Currency = Currency.Eur, OffsetMinutes = 60, PayFactor = 0.45, MinHourly = 13.5,
            Languages = [Lang.En], LanguageWeights = new(1),
            Cities = [new("Amsterdam", "North Holland"), new("Rotterdam", "South Holland"), new("Utrecht", "Utrecht"), new("Eindhoven", "North Brabant")],
            RemoteLabels = ["Remote (NL)", "Remote - Netherlands"],
            Companies = [new("Grachten Tech B.V.", "Software")],
        },
        new Country
        {
            Code = "CH", Names = ["Switzerland", "CH", "Schweiz", "Suisse"], Native = "Schweiz",
            Currency = Currency.Chf, OffsetMinutes = 60, PayFactor = 0.85, MinHourly = 24,
            Languages = [Lang.De, Lang.Fr, Lang.En], LanguageWeights = new(40, 20, 40),
            Cities = [new("Zürich", "ZH"), new("Geneva", "GE", "Genève", "Genève"), new("Basel", "BS"), new("Lausanne", "VD"), new("Bern", "BE")],
            RemoteLabels = ["Remote (CH)", "Remote - Switzerland"],
            Companies = [new("Zürcher Präzision AG", "Manufacturing"), new("Helvetia Data SA", "Software")],
        },
        new Country
        {
            Code = "IE", Names = ["Ireland", "IE", "Éire"], Native = "Ireland",
            Currency = Currency.Eur, OffsetMinutes = 0, PayFactor = 0.5, MinHourly = 12.7,
            Languages = [Lang.En], LanguageWeights = new(1),
            Cities = [new("Dublin", "Leinster"), new("Cork", "Munster"), new("Galway", "Connacht")],
            RemoteLabels = ["Remote (Ireland)", "Remote - IE"],
        },
        new Country
        {
            Code = "IN", Names = ["India", "IN", "IND"], Native = "India",
            Currency = Currency.Inr, OffsetMinutes = 330, PayFactor = 12.0, MinHourly = 100, UsesRegion = true,
            Languages = [Lang.En], LanguageWeights = new(1),
            Cities =
            [
                new("Bengaluru", "KA", "Karnataka"), new("Hyderabad", "TG", "Telangana"), new("Pune", "MH", "Maharashtra"),
                new("Mumbai", "MH", "Maharashtra"), new("Chennai", "TN", "Tamil Nadu"), new("Gurugram", "HR", "Haryana"),
                new("Noida", "UP", "Uttar Pradesh"),
            ],
            RemoteLabels = ["Remote (India)", "Work from home - India", "Remote - IN"],
            Companies = [new("Infosphere Technologies Pvt. Ltd.", "Software"), new("Sanjeevani Health", "Healthcare"), new("Bharat Logistics Pvt. Ltd.", "Logistics")],
        },
        new Country
        {
            Code = "JP", Names = ["Japan", "JP", "JPN"], Native = "日本",
            Currency = Currency.Jpy, OffsetMinutes = 540, PayFactor = 50.0, MinHourly = 1000,
            Languages = [Lang.Ja, Lang.En], LanguageWeights = new(60, 40),
            Cities =
            [
                new("Tokyo", "Tokyo", "Tokyo", "東京都"), new("Osaka", "Osaka", "Osaka", "大阪市"), new("Kyoto", "Kyoto", "Kyoto", "京都市"),
                new("Fukuoka", "Fukuoka", "Fukuoka", "福岡市"), new("Yokohama", "Kanagawa", "Kanagawa", "横浜市"),
            ],
            RemoteLabels = ["Remote (Japan)", "フルリモート", "Remote - JP"],
            Companies =
            [
                new("株式会社サクラテック", "Software", "sakura-tech"), new("東京データラボ株式会社", "Software", "tokyo-data-lab"),
                new("ホテル富士見", "Hospitality", "hotel-fujimi"),
            ],
        },
        new Country
        {
            Code = "CN", Names = ["China", "CN", "PRC", "CHN"], Native = "中国",
            Currency = Currency.Cny, OffsetMinutes = 480, PayFactor = 2.4, MinHourly = 25,
            Languages = [Lang.Zh, Lang.En], LanguageWeights = new(70, 30),
            Cities =
            [
                new("Shanghai", "Shanghai", "Shanghai", "上海"), new("Beijing", "Beijing", "Beijing", "北京"),
                new("Shenzhen", "Guangdong", "Guangdong", "深圳"), new("Hangzhou", "Zhejiang", "Zhejiang", "杭州"),
            ],
            RemoteLabels = ["Remote (China)", "远程办公"],
            Companies =
            [
                new("深圳星河科技有限公司", "Software", "xinghe-tech"), new("杭州云帆网络", "Software", "yunfan"),
                new("上海海鸥酒店", "Hospitality", "haiou-hotel"),
            ],
        },
        new Country
        {
            Code = "AU", Names = ["Australia", "AU", "AUS"], Native = "Australia",
            Currency = Currency.Aud, OffsetMinutes = 600, PayFactor = 0.95, MinHourly = 23, UsesRegion = true,
            Languages = [Lang.En], LanguageWeights = new(1),
            Cities = [new("Sydney", "NSW", "New South Wales"), new("Melbourne", "VIC", "Victoria"), new("Brisbane", "QLD", "Queensland"), new("Perth", "WA", "Western Australia")],
            RemoteLabels = ["Remote (Australia)", "Remote - AU"],
            Companies = [new("Koala Software Pty Ltd", "Software")],
        },
        new Country
        {
            Code = "SG", Names = ["Singapore", "SG", "SGP"], Native = "Singapore",
            Currency = Currency.Sgd, OffsetMinutes = 480, PayFactor = 0.8, MinHourly = 10,
            Languages = [Lang.En], LanguageWeights = new(1),
            Cities = [new("Singapore")],
            RemoteLabels = ["Remote (Singapore)", "Remote - APAC"],
            Companies = [new("Lion City Fintech Pte. Ltd.", "Fintech")],
        },
        new Country
        {
            Code = "MX", Names = ["Mexico", "MX", "México", "MEX"], Native = "México",
            Currency = Currency.Mxn, OffsetMinutes = -360, PayFactor = 4.0, MinHourly = 40, UsesRegion = true,
            Languages = [Lang.Es, Lang.En], LanguageWeights = new(80, 20),
            Cities =
            [
                new("Ciudad de México", "CDMX", "Ciudad de México"), new("Guadalajara", "JAL", "Jalisco"),
                new("Monterrey", "NL", "Nuevo León"),
            ],
            RemoteLabels = ["Remoto (México)", "Remote - LATAM"],
            Companies = [new("Taquería El Güero", "Restaurants"), new("Grupo Azteca Digital", "Software")],
        },
    ];

    public static readonly Weights CountryWeights = new(36, 6, 10, 10, 6, 4, 4, 2, 2, 8, 4, 3, 3, 1, 2);

    public const int UnitedStates = 0;

    /// <summary>Labels for jobs open to anyone anywhere (salary then in USD or EUR).</summary>
    public static readonly JsonText[] WorldwideRemote = ["Remote", "Anywhere", "Worldwide (remote)", "Remote (EU)", "Remote - Europe", "Remote / Global"];

    // ---- employment type -------------------------------------------------------------------------------------

    public enum Employment : byte { FullTime, PartTime, Contract, Temporary, Internship }

    public static readonly Weights EmploymentWeights = new(76, 8, 8, 5, 3);

    /// <summary>Spellings by employment kind then by language (English forms are used everywhere).</summary>
    public static readonly JsonText[][] EmploymentEnglish =
    [
        ["Full time", "FULL_TIME", "full-time", "FT", "Full-Time", "Permanent, Full time", "FULLTIME"],
        ["Part-time", "PART_TIME", "part time", "PT"],
        ["Contract", "Contractor", "CONTRACTOR", "contract", "Freelance"],
        ["Temporary", "TEMPORARY", "Seasonal", "temp"],
        ["Internship", "INTERN", "Intern", "internship"],
    ];

    public static readonly JsonText[][][] EmploymentLocal =
    [
        [],
        [["Vollzeit", "VOLLZEIT", "Vollzeit, unbefristet"], ["Teilzeit"], ["Freiberuflich", "Contract"], ["Befristet", "Aushilfe"], ["Praktikum", "Werkstudent"]],
        [["temps plein", "CDI - Temps plein", "Temps plein"], ["temps partiel"], ["Freelance", "CDD"], ["Intérim", "CDD"], ["Stage", "Alternance"]],
        [["Tiempo completo", "Jornada completa"], ["Media jornada", "Tiempo parcial"], ["Autónomo", "Contract"], ["Temporal"], ["Prácticas", "Becario"]],
        [["正社員", "フルタイム"], ["パート", "アルバイト"], ["業務委託", "契約社員"], ["派遣社員"], ["インターン"]],
        [["全职"], ["兼职"], ["合同工"], ["临时工"], ["实习"]],
    ];

    // ---- misc ------------------------------------------------------------------------------------------------

    public static readonly JsonText[] Usernames =
    [
        "throwaway_hiring", "jdoe", "techlead42", "founder_anna", "mkovacs", "pgarcia", "hiring-bot", "sam_k", "rustacean",
        "lisp_hacker", "ops_maria", "dlee", "cto_at_startup", "nkumar", "yuki_t", "zhangwei",
    ];

    public static readonly JsonText[] ApplyMethods = ["email", "url", "ats", "easy_apply"];

    public static readonly JsonText[] Crawlers = ["crawler/2.3.1", "crawler/2.4.0", "feedbot 0.9", "scrapy/2.11"];

    public static readonly JsonText[] Emoji = ["🚀", "💡", "🌍", "✅", "🔥", "✨", "🙌", "💼", "📍", "🧑‍💻"];

    public static readonly JsonText[] Languages = ["en", "de", "fr", "es", "ja", "zh"];

    public static readonly JsonText[] LanguageTags = ["en-US", "de-DE", "fr-FR", "es-ES", "ja-JP", "zh-CN"];
}
