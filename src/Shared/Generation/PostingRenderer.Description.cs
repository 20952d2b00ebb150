using static AkkaEtl.Generation.PostingVocabulary;

namespace AkkaEtl.Generation;

/// <summary>The description: HTML (or plain text) in the posting's language, in the style of its source.</summary>
internal sealed partial class PostingRenderer
{
    private enum ListStyle : byte { Ul, BrBullets, Plain }

    private static readonly JsonText Bullet = "• ";
    private static readonly JsonText[] HnRemote = ["REMOTE", "Remote", "Remote (US)", "Remote OK", "Fully remote", "REMOTE (EU/US)"];
    private static readonly JsonText[] HnOnsite = ["ONSITE", "Onsite", "Hybrid", "In-office", "ONSITE / HYBRID"];
    private static readonly JsonText[] HnEmployment = ["Full-time", "Part-time", "Contract", "Temporary", "Internship"];
    private static readonly JsonText[] HnFullTime = ["Full-time", "Full Time", "FT", "Full-Time", "FULL-TIME"];
    private static readonly JsonText[] HnSeparators = [" | ", " | ", " | ", " | ", " | ", " | ", "|", " / ", " – ", " · "];

    private static readonly JsonText[] ScriptBlocks =
    [
        "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({\"event\": \"job_view\", \"html\": \"<p>not text</p>\"});</script>",
        "<style>.job-description p { margin: 0 0 1em; } .apply-btn { color: #fff; }</style>",
        "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\"}</script>",
        "<noscript>You need to enable JavaScript to run this app.</noscript><style>body{font-family:sans-serif}</style>",
    ];

    private void WriteDescriptionText(JsonLineWriter w)
    {
        if (_rng.Chance(0.02)) w.Text(_rng.Pick(ScriptBlocks));
        switch (_d.Source)
        {
            case Hn:
                WriteHnDescription(w);
                return;
            case Indeed:
                if (_rng.Chance(0.7)) WriteIndeedDescription(w);
                else WriteStructuredDescription(w, ListStyle.Plain);
                return;
            case LinkedIn:
                WriteStructuredDescription(w, _rng.Chance(0.6) ? ListStyle.BrBullets : ListStyle.Plain);
                return;
            default:
                WriteStructuredDescription(w, _rng.Chance(0.88) ? ListStyle.Ul : ListStyle.Plain);
                return;
        }
    }

    // ---- ATS style: headings, paragraphs, lists -----------------------------------------------------------------

    private void WriteStructuredDescription(JsonLineWriter w, ListStyle style)
    {
        LanguagePack pack = _d.Pack;
        bool plain = style == ListStyle.Plain;
        bool pretty = !plain && _rng.Chance(0.3); // newlines between blocks, as pretty-printed HTML

        // intro
        switch (plain ? 3 : _rng.Next(3))
        {
            case 0: w.Raw("<p><strong>"u8); Sentence(w, _rng.Pick(pack.Intro)); w.Raw("</strong></p>"u8); break;
            case 1: w.Raw("<h2>"u8); WriteTitleHtml(w); w.Raw("</h2><p>"u8); Sentence(w, _rng.Pick(pack.Intro)); w.Raw("</p>"u8); break;
            case 2: w.Raw("<p>"u8); Sentence(w, _rng.Pick(pack.Intro)); w.Raw("</p>"u8); break;
            default: Sentence(w, _rng.Pick(pack.Intro)); w.Raw("\\n\\n"u8); break;
        }
        BlockBreak(w, pretty);

        Heading(w, pack.AboutHeading, style, 2);
        if (!plain) w.Raw("<p>"u8);
        Sentences(w, pack.About, 3 + _rng.Next(3), " "u8);
        if (!plain) w.Raw("</p>"u8);
        else w.Raw("\\n\\n"u8);
        BlockBreak(w, pretty);

        Template[] duties = _d.Lang == Lang.En ? _d.Category.Responsibilities : pack.Responsibilities;
        Template[] needs = _d.Lang == Lang.En ? _d.Category.Requirements : pack.Requirements;
        Heading(w, pack.RoleHeading, style, 3);
        List(w, duties, 6 + _rng.Next(4), style);
        BlockBreak(w, pretty);
        Heading(w, pack.ProfileHeading, style, 3);
        List(w, needs, 5 + _rng.Next(3), style);
        BlockBreak(w, pretty);
        Heading(w, pack.BenefitsHeading, style, 3);
        List(w, pack.Benefits, 5 + _rng.Next(4), style);
        BlockBreak(w, pretty);

        if (MentionSalary())
        {
            if (!plain) w.Raw("<p>"u8);
            Sentence(w, _rng.Pick(pack.Salary));
            w.Raw(plain ? "\\n\\n"u8 : "</p>"u8);
        }
        if (MentionWorkplace(out Template[]? workplace))
        {
            if (!plain) w.Raw("<p><strong>"u8);
            Sentence(w, _rng.Pick(workplace));
            w.Raw(plain ? "\\n\\n"u8 : "</strong></p>"u8);
        }

        if (_rng.Chance(0.6))
        {
            Heading(w, pack.ApplyHeading, style, 3);
            if (!plain) w.Raw("<p>"u8);
            Sentences(w, pack.Process, 1 + _rng.Next(2), " "u8);
            w.Raw(plain ? "\\n\\n"u8 : "</p>"u8);
        }

        int closing = 1 + _rng.Next(2);
        int first = _rng.Next(pack.Closing.Length);
        for (int i = 0; i < closing && i < pack.Closing.Length; i++)
        {
            if (!plain) w.Raw("<p>"u8);
            Sentence(w, pack.Closing[(first + i) % pack.Closing.Length]);
            w.Raw(plain ? "\\n"u8 : "</p>"u8);
        }

        if (!plain && _rng.Chance(0.6))
        {
            w.Raw("<p><a href=\\\"https://"u8);
            w.Raw(_d.Company.Slug);
            w.Raw(".com/careers?utm_source=feed&amp;utm_medium=job\\\" target=\\\"_blank\\\">"u8);
            w.Text(_rng.Pick(pack.ApplyText));
            w.Raw("</a></p>"u8);
        }
    }

    private static void BlockBreak(JsonLineWriter w, bool pretty)
    {
        if (pretty) w.Raw("\\n"u8);
    }

    private void Heading(JsonLineWriter w, JsonText text, ListStyle style, int level)
    {
        switch (style)
        {
            case ListStyle.Plain:
                w.Text(text);
                w.Raw("\\n"u8);
                return;
            case ListStyle.BrBullets:
                w.Raw("<br><strong>"u8);
                w.Text(text);
                w.Raw("</strong><br>"u8);
                return;
        }
        w.Raw(level == 2 ? "<h2>"u8 : "<h3>"u8);
        if (_d.Emoji) { w.Text(_rng.Pick(PostingVocabulary.Emoji)); w.RawByte((byte)' '); }
        w.Text(text);
        w.Raw(level == 2 ? "</h2>"u8 : "</h3>"u8);
    }

    private void List(JsonLineWriter w, Template[] pool, int count, ListStyle style)
    {
        count = Math.Min(count, pool.Length);
        int start = _rng.Next(pool.Length);
        int step = pool.Length > 2 && _rng.Next(2) == 0 ? pool.Length - 1 : 1; // forwards or backwards, no repeats
        if (style == ListStyle.Ul) w.Raw("<ul>"u8);
        for (int i = 0; i < count; i++)
        {
            Template item = pool[(start + i * step) % pool.Length];
            switch (style)
            {
                case ListStyle.Ul:
                    w.Raw("<li>"u8);
                    if (_d.Emoji) { w.Text(_rng.Pick(PostingVocabulary.Emoji)); w.RawByte((byte)' '); }
                    Sentence(w, item);
                    w.Raw("</li>"u8);
                    break;
                case ListStyle.BrBullets:
                    w.Text(Bullet);
                    Sentence(w, item);
                    w.Raw("<br>"u8);
                    break;
                default:
                    w.Raw("- "u8);
                    Sentence(w, item);
                    w.Raw("\\n"u8);
                    break;
            }
        }
        if (style == ListStyle.Ul) w.Raw("</ul>"u8);
        else if (style == ListStyle.Plain) w.Raw("\\n"u8);
    }

    // ---- Indeed style: one div, <b> labels, <br> bullets --------------------------------------------------------

    private void WriteIndeedDescription(JsonLineWriter w)
    {
        LanguagePack pack = _d.Pack;
        w.Raw("<div><b>"u8); w.Text(pack.TitleLabel); w.Raw("</b> "u8); WriteTitleHtml(w);
        w.Raw("<br><b>"u8); w.Text(pack.LocationLabel); w.Raw("</b> "u8); WriteLocationText(w);
        w.Raw("<br><br>"u8);
        Sentence(w, _rng.Pick(pack.Intro));
        w.RawByte((byte)' ');
        Sentences(w, pack.About, 3 + _rng.Next(2), " "u8);
        w.Raw("<br><br>"u8);

        Template[] duties = _d.Lang == Lang.En ? _d.Category.Responsibilities : pack.Responsibilities;
        Template[] needs = _d.Lang == Lang.En ? _d.Category.Requirements : pack.Requirements;
        IndeedSection(w, pack.RoleHeading, duties, 6 + _rng.Next(4));
        IndeedSection(w, pack.ProfileHeading, needs, 5 + _rng.Next(3));
        IndeedSection(w, pack.BenefitsHeading, pack.Benefits, 5 + _rng.Next(3));

        if (MentionSalary())
        {
            Sentence(w, _rng.Pick(pack.Salary));
            w.Raw("<br>"u8);
        }
        if (MentionWorkplace(out Template[]? workplace))
        {
            Sentence(w, _rng.Pick(workplace));
            w.Raw("<br>"u8);
        }
        w.Raw("<br>"u8);
        if (_rng.Chance(0.5))
        {
            Sentences(w, pack.Process, 1 + _rng.Next(2), " "u8);
            w.Raw("<br><br>"u8);
        }
        Sentence(w, _rng.Pick(pack.Closing));
        w.Raw("</div>"u8);
    }

    private void IndeedSection(JsonLineWriter w, JsonText heading, Template[] pool, int count)
    {
        w.Raw("<b>"u8);
        w.Text(heading);
        w.Raw(":</b><br>"u8);
        List(w, pool, count, ListStyle.BrBullets);
        w.Raw("<br>"u8);
    }

    // ---- Hacker News style: a pipe-delimited header, then <p>-separated paragraphs --------------------------

    private void WriteHnDescription(JsonLineWriter w)
    {
        PostingDraft d = _d;
        LanguagePack pack = d.Pack;
        bool header = d.Bare || _rng.Chance(0.85);
        bool newlines = _rng.Chance(0.25);
        ReadOnlySpan<byte> paragraph = newlines ? "\\n\\n"u8 : "<p>"u8;

        if (header)
        {
            JsonText sep = _rng.Pick(HnSeparators);
            w.Text(d.Company.Html);
            if (_rng.Chance(0.95)) { w.Text(sep); WriteHnTitle(w); }
            if (_rng.Chance(0.85)) { w.Text(sep); WriteLocationText(w); }
            if (d.Remote) { w.Text(sep); w.Text(_rng.Pick(HnRemote)); }
            else if (_rng.Chance(0.4)) { w.Text(sep); w.Text(_rng.Pick(HnOnsite)); }
            if (_rng.Chance(0.6))
            {
                w.Text(sep);
                w.Text(d.Employment == Employment.FullTime ? _rng.Pick(HnFullTime) : HnEmployment[(int)d.Employment]);
            }
            if ((d.Bare || d.SalaryForm != SalaryForm.Absent) && _rng.Chance(0.45)) { w.Text(sep); w.Raw(SalaryText()); }
            if (_rng.Chance(0.5))
            {
                w.Text(sep);
                w.Raw("https:&#x2F;&#x2F;"u8); w.Raw(d.Company.Slug); w.Raw(".com"u8);
            }
            w.Raw(paragraph);
        }

        Sentences(w, pack.About, 1 + _rng.Next(2), " "u8);
        w.RawByte((byte)' ');
        Sentence(w, _rng.Pick(pack.Intro));
        w.Raw(paragraph);

        Template[] duties = d.Lang == Lang.En ? d.Category.Responsibilities : pack.Responsibilities;
        Template[] needs = d.Lang == Lang.En ? d.Category.Requirements : pack.Requirements;
        w.Raw(d.Lang == Lang.En ? "What you&#x27;ll do: "u8 : ""u8);
        Sentences(w, duties, 3 + _rng.Next(3), "; "u8);
        w.RawByte((byte)'.');
        w.Raw(paragraph);
        if (_rng.Chance(0.3)) w.Raw("<i>"u8);
        Sentences(w, needs, 3 + _rng.Next(3), ". "u8);
        w.RawByte((byte)'.');
        w.Raw(paragraph);
        Sentences(w, pack.Benefits, 3 + _rng.Next(3), ", "u8);
        w.RawByte((byte)'.');
        if (!d.Bare && MentionSalary())
        {
            w.Raw(paragraph);
            Sentence(w, _rng.Pick(pack.Salary));
        }
        if (!d.Bare && MentionWorkplace(out Template[]? workplace))
        {
            w.Raw(paragraph);
            Sentence(w, _rng.Pick(workplace));
        }
        w.Raw(paragraph);
        w.Raw("Apply: <a href=\\\"https:&#x2F;&#x2F;"u8);
        w.Raw(d.Company.Slug);
        w.Raw(".com&#x2F;careers\\\" rel=\\\"nofollow\\\">https:&#x2F;&#x2F;"u8);
        w.Raw(d.Company.Slug);
        w.Raw(".com&#x2F;careers</a>"u8);
        if (_rng.Chance(0.3)) { w.Raw(" or email jobs@"u8); w.Raw(d.Company.Slug); w.Raw(".com"u8); }
    }

    private void WriteHnTitle(JsonLineWriter w)
    {
        w.Text(_d.Seniority.Html);
        w.Text(_d.Role.Html);
        if (_rng.Chance(0.3))
        {
            w.Raw(", "u8);
            w.Text(_d.Seniority.Html);
            w.Text(_rng.Pick(_d.Category.Roles).Html);
        }
    }

    // ---- shared pieces --------------------------------------------------------------------------------------------

    /// <summary>Whether the description states the salary: always a chance, and more often when the field has none.</summary>
    private bool MentionSalary()
    {
        double p = _d.Bare ? 0.5 : _d.SalaryForm is SalaryForm.Null or SalaryForm.Absent ? 0.5 : 0.2;
        return _rng.Chance(p);
    }

    /// <summary>Whether the description says where the work happens (remote / on-site), often when the remote field is absent.</summary>
    private bool MentionWorkplace(out Template[] sentences)
    {
        bool fieldAbsent = _d.Bare || _remoteForm == RemoteForm.Absent;
        if (_d.Remote)
        {
            sentences = _d.Pack.Remote;
            return _rng.Chance(fieldAbsent ? 0.85 : 0.3);
        }
        sentences = _d.Pack.OnSite;
        return _rng.Chance(0.25);
    }

    private void Sentences(JsonLineWriter w, Template[] pool, int count, ReadOnlySpan<byte> separator)
    {
        count = Math.Min(count, pool.Length);
        int start = _rng.Next(pool.Length);
        for (int i = 0; i < count; i++)
        {
            if (i > 0) w.Raw(separator);
            Sentence(w, pool[(start + i) % pool.Length]);
        }
    }

    private void Sentence(JsonLineWriter w, Template template)
    {
        JsonText[] literals = template.Literals;
        Slot[] slots = template.Slots;
        w.Text(literals[0]);
        for (int i = 0; i < slots.Length; i++)
        {
            WriteSlot(w, slots[i]);
            w.Text(literals[i + 1]);
        }
    }

    private void WriteSlot(JsonLineWriter w, Slot slot)
    {
        PostingDraft d = _d;
        switch (slot)
        {
            case Slot.Company: w.Text(d.Company.Html); break;
            case Slot.Title: WriteTitleHtml(w); break;
            case Slot.City: w.Text(NativeNames() ? d.City.Native : d.City.Name); break;
            case Slot.Country: w.Text(NativeNames() ? d.Country.Native : d.Country.Names[0]); break;
            case Slot.Tech: w.Text(d.TechHtml); break;
            case Slot.Tech2: w.Text(d.Tech2Html); break;
            case Slot.Industry: w.Text(d.Company.IndustryHtml); break;
            case Slot.Team: w.Text(d.TeamHtml); break;
            case Slot.Years: w.Integer(d.Years); break;
            case Slot.Salary: w.Raw(SalaryText()); break;
            case Slot.Url: w.Raw(d.Company.Slug); w.Raw(".com"u8); break;
        }
    }

    /// <summary>Place names in the country's own language when the text is in it (München, 東京都).</summary>
    private bool NativeNames() => _d.Lang != Lang.En && _d.Lang == _d.Country.Languages[0];

    private void WriteTitleHtml(JsonLineWriter w)
    {
        if (_d.LocalTitle is not null)
        {
            w.Text(_d.LocalTitle);
            return;
        }
        w.Text(_d.Seniority.Html);
        w.Text(_d.Role.Html);
    }
}
