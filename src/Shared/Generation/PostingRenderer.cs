using static AkkaEtl.Generation.PostingVocabulary;

namespace AkkaEtl.Generation;

/// <summary>
/// Writes one posting as a JSON line. Everything a posting holds is drawn from a generator seeded by
/// (seed, day, ordinal) of the line that first posts it, so a re-post rebuilds the same posting and then edits it.
/// One instance per worker thread; not thread-safe.
/// </summary>
internal sealed partial class PostingRenderer
{
    private const long DayMs = 86_400_000;
    private const long SixHoursMs = 6 * 3_600_000;

    private enum Field : byte
    {
        Id, Source, Url, Title, Company, Location, Remote, EmploymentType, Salary, Description, Language, PostedAt,
        UpdatedAt, Meta, By, Department, RequisitionId,
    }

    private enum RemoteForm : byte { Bool, YesNo, Absent }

    private static readonly Field[][] FieldOrders =
    [
        // greenhouse
        [Field.Id, Field.Title, Field.Company, Field.Location, Field.Department, Field.EmploymentType, Field.Salary, Field.Remote,
            Field.Url, Field.Source, Field.Description, Field.Language, Field.PostedAt, Field.UpdatedAt, Field.Meta],
        // lever
        [Field.Id, Field.Source, Field.Title, Field.Company, Field.Location, Field.Remote, Field.EmploymentType, Field.Salary,
            Field.Description, Field.Url, Field.PostedAt, Field.UpdatedAt, Field.Language, Field.Meta],
        // workday
        [Field.RequisitionId, Field.Id, Field.Source, Field.Title, Field.Company, Field.Location, Field.EmploymentType, Field.Remote,
            Field.PostedAt, Field.UpdatedAt, Field.Salary, Field.Url, Field.Language, Field.Description, Field.Meta],
        // indeed
        [Field.Id, Field.Source, Field.Url, Field.Title, Field.Company, Field.Location, Field.Salary, Field.EmploymentType, Field.Remote,
            Field.Description, Field.Language, Field.PostedAt, Field.UpdatedAt, Field.Meta],
        // linkedin
        [Field.Title, Field.Company, Field.Location, Field.Id, Field.Source, Field.Url, Field.Remote, Field.EmploymentType, Field.Salary,
            Field.PostedAt, Field.UpdatedAt, Field.Language, Field.Description, Field.Meta],
        // company-site
        [Field.Id, Field.Source, Field.Url, Field.Title, Field.Company, Field.Location, Field.Remote, Field.EmploymentType, Field.Salary,
            Field.Description, Field.Language, Field.PostedAt, Field.UpdatedAt, Field.Meta],
        // hn
        [Field.Id, Field.Source, Field.By, Field.PostedAt, Field.UpdatedAt, Field.Title, Field.Company, Field.Location, Field.Remote,
            Field.EmploymentType, Field.Salary, Field.Url, Field.Language, Field.Description, Field.Meta],
    ];

    private static readonly Weights SalaryFormWeights = new(45, 25, 12, 18);
    private static readonly Weights TimeFormWeights = new(25, 10, 20, 30, 15);
    private static readonly JsonText[] YesNo = ["yes", "no", "Yes", "No", "YES", "NO"];
    private static readonly JsonText[] NotADate = ["not a date", "32/13/2020", "N/A", "soon"];

    private readonly PostingDraft _d = new();
    private readonly JsonLineWriter _salaryText = new(256);
    private bool _salaryTextReady;
    private RemoteForm _remoteForm;
    private int _seniorityIndex;
    private Prng _rng;

    /// <summary>
    /// Writes the line at <paramref name="ordinal"/>: an original, or (for <see cref="RecordKind.Repost"/>) the posting
    /// first written at <paramref name="target"/>, edited, with a later <c>updated_at</c>.
    /// </summary>
    public void Write(JsonLineWriter w, DayPlan day, long ordinal, RecordKind kind, long target, IdMode idMode = IdMode.Present)
    {
        long source = kind == RecordKind.Repost ? target : ordinal;
        _rng = new Prng(day.RecordSeed(source));
        Draft(day, source);
        _d.IdMode = idMode;
        _d.IsRepost = kind == RecordKind.Repost;
        if (_d.IsRepost)
        {
            var edit = new Prng(day.EditSeed(ordinal));
            Edit(ref edit);
        }

        bool asciiDraw = _rng.Chance(0.5);
        w.Spaced = _d.Source is Hn or Indeed;
        w.AsciiOnly = _d.Source == LinkedIn || (_d.Source == Indeed && asciiDraw);
        _salaryText.AsciiOnly = w.AsciiOnly;
        _salaryTextReady = false;

        w.BeginObject();
        foreach (Field field in FieldOrders[_d.Source]) WriteField(w, day, field);
        w.EndObject();
        w.EndLine();
    }

    // ---- drawing ---------------------------------------------------------------------------------------------

    private void Draft(DayPlan day, long ordinal)
    {
        PostingDraft d = _d;
        d.IdOrdinal = ordinal;
        d.Source = _rng.Pick(SourceWeights);
        d.Country = Countries[_rng.Pick(CountryWeights)];
        d.City = _rng.Pick(d.Country.Cities);
        d.Category = Categories[_rng.Pick(CategoryWeights)];
        d.Role = _rng.Pick(d.Category.Roles);
        if (d.Category.WhiteCollar)
        {
            _seniorityIndex = _rng.Pick(OfficeSeniorityWeights);
            d.Seniority = OfficeSeniority[_seniorityIndex];
        }
        else
        {
            _seniorityIndex = _rng.Pick(FloorSeniorityWeights);
            d.Seniority = FloorSeniority[_seniorityIndex];
        }
        d.Remote = _rng.Chance(d.Category.RemoteShare);
        bool worldwide = _rng.Chance(0.2);
        d.Worldwide = d.Remote && worldwide;

        Company[] local = d.Country.Companies;
        bool pickLocal = _rng.Chance(0.35);
        Company global = _rng.Pick(GlobalCompanies);
        d.Company = pickLocal && local.Length > 0 ? local[_rng.Next(local.Length)] : global;

        Lang countryLang = d.Country.Languages[_rng.Pick(d.Country.LanguageWeights)];
        bool hnEnglish = _rng.Chance(0.93);
        d.Lang = d.Source == Hn && hnEnglish ? Lang.En : countryLang;
        d.Pack = LanguagePack.For(d.Lang);

        JsonText[] localTitles = d.Category.LocalTitles[(int)d.Lang];
        bool useLocal = _rng.Chance(0.55);
        int localIndex = _rng.Next(Math.Max(1, localTitles.Length));
        d.LocalTitle = d.Lang != Lang.En && useLocal && localTitles.Length > 0 ? localTitles[localIndex] : null;

        d.Employment = (Employment)_rng.Pick(EmploymentWeights);
        if (d.Category.WhiteCollar && _seniorityIndex == InternSeniority) d.Employment = Employment.Internship;

        d.SalaryForm = (SalaryForm)_rng.Pick(SalaryFormWeights);
        DraftSalary(d);

        d.PostedMs = day.DayStartMs + _rng.NextInt64(DayMs);
        d.HasUpdated = _rng.Chance(0.8);
        d.UpdatedMs = d.PostedMs + _rng.NextInt64(SixHoursMs);

        bool numeric = _rng.Chance(0.02);
        d.NumericId = numeric && ordinal < 10_000_000;
        bool wrong = _rng.Chance(0.005);
        int wrongField = 1 + _rng.Next(12);
        d.Wrong = wrong ? (WrongField)wrongField : WrongField.None;
        bool bare = _rng.Chance(0.7);
        d.Bare = d.Source == Hn && bare;

        int remoteForm = _rng.Next(100);
        _remoteForm = remoteForm < 45 ? RemoteForm.Bool : remoteForm < 60 ? RemoteForm.YesNo : RemoteForm.Absent;

        Category c = d.Category;
        int t1 = _rng.Next(c.Tech.Length);
        int t2 = _rng.Next(c.Tech.Length);
        if (t2 == t1) t2 = (t2 + 1) % c.Tech.Length;
        d.Tech = c.Tech[t1];
        d.TechHtml = c.TechHtml[t1];
        d.Tech2 = c.Tech[t2];
        d.Tech2Html = c.TechHtml[t2];
        int team = _rng.Next(c.Teams.Length);
        d.Team = c.Teams[team];
        d.TeamHtml = c.TeamsHtml[team];
        d.Years = 2 + _rng.Next(7);
        d.Emoji = _rng.Chance(0.03);
    }

    private void DraftSalary(PostingDraft d)
    {
        double annualUsd = d.Category.PayBase * d.Seniority.Pay * _rng.NextDouble(0.85, 1.15);
        if (d.Employment == Employment.PartTime) annualUsd *= 0.55;
        bool usd = _rng.Chance(0.7);
        Currency currency;
        double factor;
        if (d.Worldwide)
        {
            currency = usd ? Currency.Usd : Currency.Eur;
            factor = usd ? 1.0 : 0.55;
        }
        else
        {
            currency = d.Country.Currency;
            factor = d.Country.PayFactor;
        }
        double annual = annualUsd * factor;
        if (!d.Worldwide) annual = Math.Max(annual, d.Country.MinHourly * 2080 * _rng.NextDouble(1.0, 1.25));
        else _rng.NextDouble();

        double hourlyShare = d.Category.HourlyShare
            + (d.Employment is Employment.Contract or Employment.Temporary or Employment.PartTime ? 0.3 : 0);
        double u1 = _rng.NextDouble();
        double u2 = _rng.NextDouble();
        PayPeriod period;
        if (u1 < hourlyShare)
        {
            period = d.Country.Code == "GB" && d.Employment == Employment.Contract && u2 < 0.5 ? PayPeriod.Day : PayPeriod.Hour;
        }
        else
        {
            double monthShare = d.Worldwide ? 0 : d.Country.Code switch
            {
                "CN" => 0.8,
                "MX" => 0.7,
                "SG" => 0.4,
                "JP" => d.Lang == Lang.Ja ? 0.3 : 0.1,
                "DE" or "ES" or "FR" or "CH" => 0.1,
                _ => 0.0,
            };
            period = u2 < monthShare ? PayPeriod.Month : PayPeriod.Year;
        }

        double amount = period switch
        {
            PayPeriod.Month => annual / 12,
            PayPeriod.Day => annual / 220,
            PayPeriod.Hour => annual / 2080,
            _ => annual,
        };
        double min = amount * _rng.NextDouble(0.85, 0.97);
        double max = min * _rng.NextDouble(1.12, 1.45);
        if (_rng.Chance(0.15)) max = min;
        d.Salary = new SalaryModel { Currency = currency, Period = period, Min = min, Max = max };
        d.Salary.Round();
    }

    /// <summary>A re-post: a later <c>updated_at</c> and changed values (salary, title, employment type).</summary>
    private void Edit(ref Prng edit)
    {
        PostingDraft d = _d;
        long previous = d.HasUpdated ? d.UpdatedMs : d.PostedMs;
        d.UpdatedMs = previous + 60_000 + edit.NextInt64(SixHoursMs);
        d.HasUpdated = true;
        if (d.Wrong is WrongField.PostedAt or WrongField.UpdatedAt) d.Wrong = WrongField.None;

        int change = edit.Next(4);
        if (change is 0 or 2 or 3)
        {
            double raise = edit.NextDouble(1.04, 1.2);
            d.Salary.Min *= raise;
            d.Salary.Max *= raise;
            d.Salary.Round();
            if (d.SalaryForm is SalaryForm.Null or SalaryForm.Absent) d.SalaryForm = SalaryForm.Text;
        }
        if (change is 1 or 2)
        {
            if (d.LocalTitle is not null)
            {
                JsonText[] titles = d.Category.LocalTitles[(int)d.Lang];
                d.LocalTitle = titles[(Array.IndexOf(titles, d.LocalTitle) + 1) % titles.Length];
            }
            else
            {
                Seniority[] levels = d.Category.WhiteCollar ? OfficeSeniority : FloorSeniority;
                _seniorityIndex = (_seniorityIndex + 1 + edit.Next(levels.Length - 1)) % levels.Length;
                d.Seniority = levels[_seniorityIndex];
            }
        }
        if (change == 3)
        {
            d.Employment = d.Employment == Employment.FullTime ? Employment.Contract : Employment.FullTime;
        }
    }

    // ---- fields ----------------------------------------------------------------------------------------------

    private void WriteField(JsonLineWriter w, DayPlan day, Field field)
    {
        switch (field)
        {
            case Field.Id: WriteId(w, day); break;
            case Field.Source: WriteSource(w); break;
            case Field.Url: WriteUrl(w); break;
            case Field.Title: WriteTitle(w); break;
            case Field.Company: WriteCompany(w); break;
            case Field.Location: WriteLocation(w); break;
            case Field.Remote: WriteRemote(w); break;
            case Field.EmploymentType: WriteEmployment(w); break;
            case Field.Salary: WriteSalary(w); break;
            case Field.Description: WriteDescription(w); break;
            case Field.Language: WriteLanguage(w); break;
            case Field.PostedAt: WritePostedAt(w); break;
            case Field.UpdatedAt: WriteUpdatedAt(w); break;
            case Field.Meta: WriteMeta(w); break;
            case Field.By:
                w.Key("by"u8);
                w.String(_rng.Pick(Usernames));
                break;
            case Field.Department:
                if (_rng.Chance(0.6))
                {
                    w.Key("department"u8);
                    w.String(_d.Team);
                }
                break;
            case Field.RequisitionId:
                w.Key("requisition_id"u8);
                w.BeginString();
                w.Raw("R-"u8);
                w.Padded(_rng.Next(100_000), 5);
                w.EndString();
                break;
        }
    }

    private void WriteId(JsonLineWriter w, DayPlan day)
    {
        switch (_d.IdMode)
        {
            case IdMode.Omitted:
                return;
            case IdMode.Null:
                w.Key("id"u8);
                w.Null();
                return;
            case IdMode.Empty:
                w.Key("id"u8);
                w.String(""u8);
                return;
        }
        w.Key("id"u8);
        if (_d.NumericId)
        {
            w.Number(day.NumericIdBase + _d.IdOrdinal);
            return;
        }
        w.BeginString();
        w.Raw(day.IdPrefix);
        w.Padded(_d.IdOrdinal, 6);
        w.EndString();
    }

    private void WriteSource(JsonLineWriter w)
    {
        if (_rng.Chance(0.02)) return;
        w.Key("source"u8);
        w.String(Sources[_d.Source]);
    }

    private void WriteUrl(JsonLineWriter w)
    {
        if (_rng.Chance(0.03)) return;
        w.Key("url"u8);
        if (_d.Wrong == WrongField.Url)
        {
            w.Number(123_456);
            return;
        }
        w.BeginString();
        WriteUrlText(w);
        w.EndString();
    }

    private void WriteUrlText(JsonLineWriter w)
    {
        PostingDraft d = _d;
        switch (d.Source)
        {
            case Greenhouse:
                w.Raw("https://boards.greenhouse.io/"u8); w.Raw(d.Company.Slug); w.Raw("/jobs/"u8);
                w.Integer(4_000_000 + _rng.Next(3_000_000));
                break;
            case Lever:
                w.Raw("https://jobs.lever.co/"u8); w.Raw(d.Company.Slug); w.RawByte((byte)'/');
                Hex(w, 8); w.RawByte((byte)'-'); Hex(w, 4); w.RawByte((byte)'-'); Hex(w, 4); w.RawByte((byte)'-');
                Hex(w, 4); w.RawByte((byte)'-'); Hex(w, 12);
                break;
            case Workday:
                w.Raw("https://"u8); w.Raw(d.Company.Slug); w.Raw(".wd5.myworkdayjobs.com/en-US/External/job/"u8);
                w.Raw(d.Role.Slug); w.Raw("_R"u8); w.Padded(_rng.Next(100_000), 5);
                break;
            case Indeed:
                w.Raw("https://"u8);
                w.Raw(d.Country.Code switch
                {
                    "US" => "www"u8, "GB" => "uk"u8, "DE" => "de"u8, "FR" => "fr"u8, "CA" => "ca"u8, "IN" => "in"u8,
                    "ES" => "es"u8, "JP" => "jp"u8, "AU" => "au"u8, "MX" => "mx"u8, _ => "www"u8,
                });
                w.Raw(".indeed.com/viewjob?jk="u8); Hex(w, 16);
                break;
            case LinkedIn:
                w.Raw("https://www.linkedin.com/jobs/view/"u8); w.Integer(3_000_000_000L + _rng.NextInt64(900_000_000)); w.RawByte((byte)'/');
                break;
            case CompanySite:
                w.Raw("https://careers."u8); w.Raw(d.Company.Slug); w.Raw(".com/jobs/"u8); w.Integer(1000 + _rng.Next(9000));
                w.RawByte((byte)'-'); w.Raw(d.Role.Slug);
                break;
            default:
                w.Raw("https://news.ycombinator.com/item?id="u8); w.Integer(46_000_000 + _rng.Next(1_000_000));
                break;
        }
    }

    private void Hex(JsonLineWriter w, int digits)
    {
        ulong v = _rng.NextUInt64();
        for (int i = 0; i < digits; i++)
        {
            int nibble = (int)(v & 0xF);
            v >>= 4;
            if (i == 15) v = _rng.NextUInt64();
            w.RawByte((byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
        }
    }

    private void WriteTitle(JsonLineWriter w)
    {
        if (_d.Bare) return;
        double r = _rng.NextDouble();
        bool noisy = _rng.Chance(0.12);
        int noise = _rng.Next(5);
        if (_d.Wrong == WrongField.Title)
        {
            w.Key("title"u8);
            w.BeginArray();
            w.BeginString();
            WritePlainTitle(w);
            w.EndString();
            w.EndArray();
            return;
        }
        if (r < 0.005)
        {
            w.Key("title"u8);
            w.Null();
            return;
        }
        if (r < 0.01) return;
        w.Key("title"u8);
        w.BeginString();
        if (noisy) WriteNoisyTitle(w, noise);
        else WritePlainTitle(w);
        w.EndString();
    }

    private void WritePlainTitle(JsonLineWriter w)
    {
        if (_d.LocalTitle is not null)
        {
            w.Text(_d.LocalTitle);
            return;
        }
        w.Text(_d.Seniority.Prefix);
        w.Text(_d.Role.Plain);
    }

    private void WriteNoisyTitle(JsonLineWriter w, int noise)
    {
        PostingDraft d = _d;
        switch (noise)
        {
            case 0: // entity-encoded
                if (d.LocalTitle is null && d.Role.Noisy is not null)
                {
                    w.Text(d.Seniority.Prefix);
                    w.Text(d.Role.Noisy);
                }
                else
                {
                    WritePlainTitle(w);
                    w.Raw(_rng.Next(3) switch { 0 => " &#8211; "u8, 1 => " &ndash; "u8, _ => " &mdash; "u8 });
                    w.Text(d.TeamHtml);
                }
                break;
            case 1: // stray tags
                switch (_rng.Next(3))
                {
                    case 0: w.Raw("<b>"u8); WritePlainTitle(w); w.Raw("</b>"u8); break;
                    case 1: w.Raw("<strong>NEW:</strong> "u8); WritePlainTitle(w); break;
                    default: WritePlainTitle(w); w.Raw("<br>"u8); break;
                }
                break;
            case 2: // extra whitespace
                if (_rng.Next(2) == 0)
                {
                    w.Raw("  "u8); WritePlainTitle(w); w.Raw(" \\n"u8);
                }
                else
                {
                    w.Raw("\\t"u8); w.Text(d.Seniority.Prefix); w.Raw("  "u8);
                    if (d.LocalTitle is not null) w.Text(d.LocalTitle);
                    else w.Text(d.Role.Plain);
                    w.Raw("   "u8);
                }
                break;
            case 3: // suffix
                WritePlainTitle(w);
                if (d.Remote) w.Raw(" - Remote"u8);
                else if (d.Lang == Lang.De && d.LocalTitle is null) w.Raw(" (m/w/d)"u8);
                else if (_rng.Next(2) == 0) { w.Raw(" | "u8); w.Text(d.City.Name); }
                else { w.Raw(" "u8); w.Text(_rng.Pick(Emoji)); }
                break;
            default: // with the team
                WritePlainTitle(w);
                w.Raw(", "u8);
                w.Text(d.Team);
                break;
        }
    }

    private void WriteCompany(JsonLineWriter w)
    {
        if (_d.Bare) return;
        double r = _rng.NextDouble();
        if (_d.Wrong == WrongField.Company)
        {
            w.Key("company"u8);
            w.Number(42);
            return;
        }
        if (r < 0.01) return;
        Company c = _d.Company;
        w.Key("company"u8);
        if (r < 0.31)
        {
            w.BeginObject();
            w.Key("name"u8);
            w.String(c.Name);
            w.Key("industry"u8);
            w.String(c.Industry);
            if (_rng.Chance(0.3))
            {
                w.Key("size"u8);
                w.String(_rng.Pick(CompanySizes));
            }
            if (_rng.Chance(0.2))
            {
                w.Key("website"u8);
                w.BeginString(); w.Raw("https://www."u8); w.Raw(c.Slug); w.Raw(".com"u8); w.EndString();
            }
            w.EndObject();
            return;
        }
        w.String(c.HasSpecial && _rng.Chance(0.3) ? c.Html : c.Name);
    }

    private void WriteLocation(JsonLineWriter w)
    {
        if (_d.Bare) return;
        double r = _rng.NextDouble();
        if (_d.Wrong == WrongField.Location)
        {
            w.Key("location"u8);
            w.Number(12_345);
            return;
        }
        if (r < 0.04)
        {
            w.Key("location"u8);
            w.Null();
            return;
        }
        if (r < 0.08) return;
        w.Key("location"u8);
        if (r < 0.18)
        {
            w.BeginArray();
            WriteLocationObject(w, _d.Country, _d.City, _d.Remote, _d.Worldwide);
            int extra = 1 + _rng.Next(2);
            for (int i = 0; i < extra; i++)
            {
                Country country = _rng.Chance(0.3) ? Countries[_rng.Pick(CountryWeights)] : _d.Country;
                WriteLocationObject(w, country, _rng.Pick(country.Cities), false, false);
            }
            w.EndArray();
            return;
        }
        if (r < 0.43)
        {
            WriteLocationObject(w, _d.Country, _d.City, _d.Remote, _d.Worldwide);
            return;
        }
        w.BeginString();
        WriteLocationText(w);
        w.EndString();
    }

    private void WriteLocationObject(JsonLineWriter w, Country country, City city, bool remote, bool worldwide)
    {
        w.BeginObject();
        w.Key("city"u8);
        if (remote) w.String("Remote"u8);
        else w.String(_rng.Chance(0.2) ? city.Native : city.Name);
        int region = _rng.Next(10);
        if (!remote && city.Region is not null && region < 6)
        {
            w.Key("region"u8);
            w.String(region < 4 ? city.Region : city.RegionLong!);
        }
        else if (region < 7)
        {
            w.Key("region"u8);
            w.Null();
        }
        if (!worldwide)
        {
            w.Key("country"u8);
            int form = _rng.Next(10);
            w.String(form < 4 ? country.CodeText : form < 8 ? country.Names[0] : form < 9 ? country.Native : _rng.Pick(country.Names));
        }
        w.EndObject();
    }

    /// <summary>The location as one line of text ("Berlin, Germany", "San Francisco, CA", "Remote (US)", ...).</summary>
    private void WriteLocationText(JsonLineWriter w)
    {
        PostingDraft d = _d;
        Country country = d.Country;
        City city = d.City;
        int k = _rng.Next(10);
        JsonText countryName = _rng.Chance(0.6) ? country.Names[0] : _rng.Pick(country.Names);
        if (d.Remote)
        {
            if (d.Worldwide) { w.Text(_rng.Pick(WorldwideRemote)); return; }
            switch (k % 4)
            {
                case 0:
                case 1:
                    w.Text(_rng.Pick(country.RemoteLabels));
                    return;
                case 2:
                    w.Text(city.Name); w.Raw(", "u8); w.Text(countryName); w.Raw(" (Remote)"u8);
                    return;
                default:
                    w.Text(city.Name); w.Raw(" or Remote"u8);
                    return;
            }
        }
        if (country.UsesRegion)
        {
            switch (k)
            {
                case <= 4: w.Text(city.Name); w.Raw(", "u8); w.Text(city.Region!); return;
                case <= 6: w.Text(city.Name); w.Raw(", "u8); w.Text(city.Region!); w.Raw(", "u8); w.Text(countryName); return;
                case 7: w.Text(city.Name); return;
                default: w.Text(city.Name); w.Raw(", "u8); w.Text(countryName); return;
            }
        }
        switch (k)
        {
            case <= 4: w.Text(city.Name); w.Raw(", "u8); w.Text(countryName); return;
            case <= 6: w.Text(city.Native); w.Raw(", "u8); w.Text(country.Native); return;
            case 7: w.Text(city.Name); return;
            case 8:
                w.Text(city.Name); w.Raw(", "u8);
                if (city.RegionLong is not null) { w.Text(city.RegionLong); w.Raw(", "u8); }
                w.Text(countryName);
                return;
            default: w.Raw("Hybrid - "u8); w.Text(city.Name); w.Raw(", "u8); w.Text(countryName); return;
        }
    }

    private void WriteRemote(JsonLineWriter w)
    {
        if (_d.Bare) return;
        if (_d.Wrong == WrongField.Remote)
        {
            w.Key("remote"u8);
            w.Number(3);
            return;
        }
        switch (_remoteForm)
        {
            case RemoteForm.Bool:
                w.Key("remote"u8);
                w.Bool(_d.Remote);
                break;
            case RemoteForm.YesNo:
                w.Key("remote"u8);
                w.String(YesNo[2 * _rng.Next(3) + (_d.Remote ? 0 : 1)]);
                break;
        }
    }

    private void WriteEmployment(JsonLineWriter w)
    {
        if (_d.Bare) return;
        double r = _rng.NextDouble();
        if (_d.Wrong == WrongField.EmploymentType)
        {
            w.Key("employment_type"u8);
            w.Number(1);
            return;
        }
        if (r < 0.10) return;
        w.Key("employment_type"u8);
        if (r < 0.14)
        {
            w.Null();
            return;
        }
        w.String(EmploymentText());
    }

    private JsonText EmploymentText()
    {
        JsonText[][] local = EmploymentLocal[(int)_d.Lang];
        bool useLocal = _rng.Chance(0.5);
        if (useLocal && local.Length > 0) return _rng.Pick(local[(int)_d.Employment]);
        return _rng.Pick(EmploymentEnglish[(int)_d.Employment]);
    }

    private void WriteSalary(JsonLineWriter w)
    {
        if (_d.Bare) return;
        if (_d.Wrong == WrongField.Salary)
        {
            w.Key("salary"u8);
            w.Bool(true);
            return;
        }
        switch (_d.SalaryForm)
        {
            case SalaryForm.Text:
                w.Key("salary"u8);
                w.BeginString();
                w.Raw(SalaryText());
                w.EndString();
                break;
            case SalaryForm.Object:
                w.Key("salary"u8);
                WriteSalaryObject(w);
                break;
            case SalaryForm.Null:
                w.Key("salary"u8);
                w.Null();
                break;
        }
    }

    private void WriteSalaryObject(JsonLineWriter w)
    {
        SalaryModel s = _d.Salary;
        bool asStrings = _rng.Chance(0.08);
        int digits = s.Min == Math.Floor(s.Min) && s.Max == Math.Floor(s.Max) ? 0 : 2;
        w.BeginObject();
        w.Key("min"u8);
        if (asStrings) { w.BeginString(); w.Decimal(s.Min, digits, (byte)'.'); w.EndString(); }
        else w.Number(s.Min, digits);
        w.Key("max"u8);
        if (asStrings) { w.BeginString(); w.Decimal(s.Max, digits, (byte)'.'); w.EndString(); }
        else w.Number(s.Max, digits);
        w.Key("currency"u8);
        w.String(SalaryFormatter.CurrencyCodes[(int)s.Currency]);
        w.Key("period"u8);
        JsonText[] names = SalaryFormatter.PeriodNames[(int)s.Period];
        w.String(_rng.Chance(0.8) ? names[0] : _rng.Pick(names));
        w.EndObject();
    }

    /// <summary>The salary as free text, drawn once per line and reused by the description.</summary>
    private ReadOnlySpan<byte> SalaryText()
    {
        if (!_salaryTextReady)
        {
            _salaryText.Clear();
            SalaryFormatter.Write(_salaryText, _d.Salary, _d.Lang, ref _rng);
            _salaryTextReady = true;
        }
        return _salaryText.WrittenSpan;
    }

    private void WriteDescription(JsonLineWriter w)
    {
        double r = _rng.NextDouble();
        if (_d.Wrong == WrongField.Description)
        {
            w.Key("description"u8);
            w.BeginObject();
            w.Key("html"u8);
            w.String("<p>See our careers page.</p>"u8);
            w.EndObject();
            return;
        }
        if (r < 0.005) return;
        w.Key("description"u8);
        if (r < 0.015)
        {
            w.Null();
            return;
        }
        w.BeginString();
        WriteDescriptionText(w);
        w.EndString();
    }

    private void WriteLanguage(JsonLineWriter w)
    {
        double r = _rng.NextDouble();
        if (_d.Wrong == WrongField.Language)
        {
            w.Key("language"u8);
            w.Number(42);
            return;
        }
        if (r < 0.3) return;
        w.Key("language"u8);
        int lang = (int)_d.Lang;
        if (r < 0.965) w.String(Languages[lang]);
        else w.String(LanguageTags[lang]);
    }

    private void WritePostedAt(JsonLineWriter w)
    {
        w.Key("posted_at"u8);
        if (_d.Wrong == WrongField.PostedAt)
        {
            w.String(_rng.Pick(NotADate));
            return;
        }
        WriteTime(w, _d.PostedMs);
    }

    private void WriteUpdatedAt(JsonLineWriter w)
    {
        if (!_d.HasUpdated) return;
        w.Key("updated_at"u8);
        if (_d.Wrong == WrongField.UpdatedAt)
        {
            w.String("yesterday"u8);
            return;
        }
        WriteTime(w, _d.UpdatedMs);
    }

    private void WriteMeta(JsonLineWriter w)
    {
        double r = _rng.NextDouble();
        if (_d.Wrong == WrongField.Meta)
        {
            w.Key("meta"u8);
            w.String("n/a"u8);
            return;
        }
        if (r < 0.08) return;
        w.Key("meta"u8);
        w.BeginObject();

        JsonText[] tags = _d.Category.Tags;
        int count = _rng.Next(6);
        int start = _rng.Next(tags.Length);
        w.Key("tags"u8);
        w.BeginArray();
        for (int i = 0; i < count && i < tags.Length; i++) w.String(tags[(start + i) % tags.Length]);
        w.EndArray();

        w.Key("views"u8);
        w.Number(_rng.Next(50_000));

        w.Key("apply"u8);
        w.BeginObject();
        int method = _rng.Next(ApplyMethods.Length);
        w.Key("method"u8);
        w.String(ApplyMethods[method]);
        if (method == 0)
        {
            w.Key("email"u8);
            w.BeginString(); w.Raw("jobs@"u8); w.Raw(_d.Company.Slug); w.Raw(".com"u8); w.EndString();
        }
        else if (method == 1)
        {
            w.Key("url"u8);
            w.BeginString(); w.Raw("https://"u8); w.Raw(_d.Company.Slug); w.Raw(".com/careers/apply"u8); w.EndString();
        }
        w.EndObject();

        if (_rng.Chance(0.3))
        {
            w.Key("featured"u8);
            w.Bool(_rng.Chance(0.2));
        }
        if (_rng.Chance(0.2))
        {
            w.Key("crawl"u8);
            w.BeginObject();
            w.Key("agent"u8);
            w.String(_rng.Pick(Crawlers));
            w.Key("fetched_at"u8);
            w.Number(_d.PostedMs + _rng.NextInt64(DayMs));
            w.Key("http"u8);
            w.BeginObject();
            w.Key("status"u8);
            w.Number(200);
            w.Key("bytes"u8);
            w.Number(2_000 + _rng.Next(80_000));
            w.EndObject();
            w.EndObject();
        }
        w.EndObject();
    }

    // ---- times -----------------------------------------------------------------------------------------------

    /// <summary>A time as ISO 8601 with Z (with or without milliseconds), with the country's offset, Unix seconds or Unix milliseconds.</summary>
    private void WriteTime(JsonLineWriter w, long unixMs)
    {
        switch (_rng.Pick(TimeFormWeights))
        {
            case 0:
                w.BeginString(); IsoTime(w, unixMs, false, null); w.EndString();
                break;
            case 1:
                w.BeginString(); IsoTime(w, unixMs, true, null); w.EndString();
                break;
            case 2:
                w.BeginString(); IsoTime(w, unixMs, false, _d.OffsetMinutes); w.EndString();
                break;
            case 3:
                w.Number(unixMs / 1000);
                break;
            default:
                w.Number(unixMs);
                break;
        }
    }

    private static void IsoTime(JsonLineWriter w, long unixMs, bool milliseconds, int? offsetMinutes)
    {
        long local = unixMs + (offsetMinutes ?? 0) * 60_000L;
        DateTime t = DateTime.UnixEpoch.AddTicks(local * TimeSpan.TicksPerMillisecond);
        w.Padded(t.Year, 4); w.RawByte((byte)'-'); w.Padded(t.Month, 2); w.RawByte((byte)'-'); w.Padded(t.Day, 2);
        w.RawByte((byte)'T');
        w.Padded(t.Hour, 2); w.RawByte((byte)':'); w.Padded(t.Minute, 2); w.RawByte((byte)':'); w.Padded(t.Second, 2);
        if (milliseconds) { w.RawByte((byte)'.'); w.Padded(t.Millisecond, 3); }
        if (offsetMinutes is not int offset)
        {
            w.RawByte((byte)'Z');
            return;
        }
        w.RawByte(offset < 0 ? (byte)'-' : (byte)'+');
        int abs = Math.Abs(offset);
        w.Padded(abs / 60, 2); w.RawByte((byte)':'); w.Padded(abs % 60, 2);
    }
}
