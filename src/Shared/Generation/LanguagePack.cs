namespace AkkaEtl.Generation;

/// <summary>The sentences and headings a description is made of, in one language.</summary>
internal sealed class LanguagePack
{
    public required Lang Lang { get; init; }
    public required Template[] Intro { get; init; }
    public required Template[] About { get; init; }

    /// <summary>Generic duties; English uses the category's own lists instead.</summary>
    public required Template[] Responsibilities { get; init; }

    public required Template[] Requirements { get; init; }
    public required Template[] Benefits { get; init; }
    public required Template[] Closing { get; init; }

    /// <summary>How hiring works (interview steps, start date).</summary>
    public required Template[] Process { get; init; }
    public required Template[] Remote { get; init; }
    public required Template[] OnSite { get; init; }
    public required Template[] Salary { get; init; }
    public required JsonText AboutHeading { get; init; }
    public required JsonText RoleHeading { get; init; }
    public required JsonText ProfileHeading { get; init; }
    public required JsonText BenefitsHeading { get; init; }
    public required JsonText ApplyHeading { get; init; }
    public required JsonText TitleLabel { get; init; }
    public required JsonText LocationLabel { get; init; }
    public required JsonText[] ApplyText { get; init; }

    public static readonly LanguagePack[] All =
    [
        new LanguagePack
        {
            Lang = Lang.En,
            Intro =
            [
                "We are looking for a {title} to join our {team} team in {city}.",
                "{company} is hiring a {title}!",
                "Join {company} as a {title} and help us shape the future of {industry}.",
                "As a {title} at {company}, you will work on problems that matter to millions of people.",
                "Our {team} team is growing, and we&#8217;re looking for a {title} who cares deeply about craft.",
                "Are you an experienced {title} looking for your next challenge? Read on!",
            ],
            About =
            [
                "{company} is a fast-growing {industry} company headquartered in {city}.",
                "At {company}, we&#8217;re building the tools that help thousands of teams work better together.",
                "Founded in 2014, we serve customers in more than 40 countries and have been profitable since 2019.",
                "We are a small, remote-friendly team that values autonomy, clarity and kindness.",
                "Our mission is simple: make {industry} faster, fairer and more transparent for everyone.",
                "{company} is backed by leading investors and recently closed a $40M Series B round.",
                "We&#8217;re proud to be recognised as one of the best places to work in {city} three years in a row.",
                "Every day, our products are used by more than 2 million people &mdash; and we&#8217;re just getting started.",
                "We believe great work happens when people feel trusted, supported and free to be themselves.",
            ],
            Responsibilities = [],
            Requirements = [],
            Benefits =
            [
                "Competitive salary and meaningful equity",
                "Comprehensive health, dental &amp; vision insurance",
                "25 days of paid vacation plus public holidays",
                "Flexible working hours and a home-office budget",
                "Annual learning &amp; development budget of $2,000",
                "401(k) with 4% company match",
                "Paid parental leave (16 weeks)",
                "Free lunch, snacks and caf&eacute; drinks in the office",
                "Relocation support and visa sponsorship",
                "A brand-new laptop&nbsp;&mdash; your choice of Mac or Linux",
                "Employee assistance program and mental health days",
                "Commuter benefits and a gym membership",
                "Team offsites twice a year",
            ],
            Process =
            [
                "Our interview process has four steps: a 30-minute intro call with our recruiter, a conversation with the hiring manager, a practical exercise (paid, and never longer than three hours) and a final round with the {team} team.",
                "We aim to complete the whole process within three weeks and will give you feedback at every stage &mdash; whatever the outcome.",
                "Send us your CV and a few lines about why {company} and this role interest you. No cover letter needed.",
                "Start date: as soon as possible, but we&#8217;re happy to wait for the right person.",
            ],
            Closing =
            [
                "{company} is an equal opportunity employer. We celebrate diversity and are committed to creating an inclusive environment for all employees.",
                "Don&#8217;t meet every single requirement? Studies have shown that women and people of color are less likely to apply to jobs unless they meet every qualification. If you&#8217;re excited about this role, we encourage you to apply anyway.",
                "We will ensure that individuals with disabilities are provided reasonable accommodation to participate in the job application or interview process.",
                "All qualified applicants will receive consideration for employment without regard to race, color, religion, sex, sexual orientation, gender identity, national origin, disability or veteran status.",
                "Please note: we do not accept unsolicited resumes from recruitment agencies.",
                "Questions? Email us at jobs&#64;{url} &mdash; a real human reads every message.",
            ],
            Remote =
            [
                "This is a fully remote position; you can work from anywhere in {country}.",
                "100% remote &mdash; work from home, with a team offsite twice a year.",
                "Remote-first: we have no office, and we like it that way.",
                "You can work remotely or from our {city} office, whichever you prefer.",
            ],
            OnSite =
            [
                "This role is on-site at our {city} location.",
                "Hybrid: three days a week in our {city} office.",
                "Please note this position requires you to work on-site in {city}; relocation assistance is available.",
            ],
            Salary =
            [
                "Salary range: {salary}.",
                "Compensation: {salary}, plus benefits.",
                "The base pay for this role is {salary}, depending on experience and location.",
                "Pay: {salary}",
                "We offer {salary} and a generous benefits package.",
            ],
            AboutHeading = "About us",
            RoleHeading = "What you&#8217;ll do",
            ProfileHeading = "What we&#8217;re looking for",
            BenefitsHeading = "Benefits",
            ApplyHeading = "How to apply",
            TitleLabel = "Job Title:",
            LocationLabel = "Location:",
            ApplyText = ["Apply now", "Apply here", "Submit your application", "View the full job description"],
        },
        new LanguagePack
        {
            Lang = Lang.De,
            Intro =
            [
                "Wir suchen ab sofort eine:n {title} für unser Team in {city}.",
                "Zur Verstärkung unseres {team}-Teams suchen wir dich als {title}.",
                "{company} sucht zum nächstmöglichen Zeitpunkt eine/n {title} in Vollzeit.",
                "Du hast Lust auf spannende Projekte? Dann werde {title} bei {company}!",
            ],
            About =
            [
                "{company} ist ein wachsendes Unternehmen aus dem Bereich {industry} mit Sitz in {city}.",
                "Seit über zehn Jahren entwickeln wir Lösungen, die unseren Kund:innen den Alltag erleichtern.",
                "Bei uns erwarten dich flache Hierarchien, kurze Entscheidungswege und ein herzliches Team.",
                "Wir legen gro&szlig;en Wert auf Nachhaltigkeit, Vielfalt und eine offene Feedbackkultur.",
                "Mit mehr als 250 Mitarbeitenden an fünf Standorten gehören wir zu den führenden Anbietern in Deutschland.",
            ],
            Responsibilities =
            [
                "Du entwickelst und betreust unsere Systeme auf Basis von {tech}.",
                "Du arbeitest eng mit unseren Fachabteilungen zusammen und setzt Anforderungen eigenständig um.",
                "Du übernimmst Verantwortung für Qualität, Dokumentation und kontinuierliche Verbesserung.",
                "Du unterstützt das Team bei der Planung und Priorisierung neuer Projekte.",
                "Du bringst eigene Ideen ein und treibst Innovationen aktiv voran.",
                "Du analysierst bestehende Prozesse und optimierst sie gemeinsam mit dem {team}-Team.",
                "Du bist Ansprechpartner:in für Kund:innen und Kolleg:innen in allen fachlichen Fragen.",
            ],
            Requirements =
            [
                "Abgeschlossene Ausbildung oder Studium in einem relevanten Bereich",
                "Mindestens {years} Jahre Berufserfahrung, idealerweise mit {tech}",
                "Sehr gute Deutsch- und gute Englischkenntnisse",
                "Selbstständige, strukturierte und zuverlässige Arbeitsweise",
                "Teamfähigkeit, Kommunikationsstärke und eine Hands-on-Mentalität",
                "Erfahrung mit {tech2} ist ein Plus",
                "Führerschein Klasse B wünschenswert",
            ],
            Benefits =
            [
                "Unbefristeter Arbeitsvertrag und 30 Tage Urlaub",
                "Flexible Arbeitszeiten und Homeoffice-Möglichkeit",
                "Betriebliche Altersvorsorge und JobRad",
                "Zuschuss zum Deutschlandticket",
                "Individuelle Weiterbildungsmöglichkeiten und ein eigenes Budget",
                "Moderne Büros im Herzen von {city}",
                "Regelmäßige Teamevents sowie kostenloses Obst &amp; Getränke",
                "Urban Sports Club Mitgliedschaft",
            ],
            Process =
            [
                "Unser Bewerbungsprozess: ein kurzes Kennenlerngespräch, ein Fachinterview mit dem {team}-Team und ein Probetag bei uns in {city}.",
                "Wir melden uns innerhalb von fünf Werktagen bei dir &ndash; versprochen.",
                "Bitte sende uns deinen Lebenslauf und deine Zeugnisse über unser Bewerbungsportal.",
            ],
            Closing =
            [
                "Wir freuen uns auf deine Bewerbung inklusive Gehaltsvorstellung und frühestmöglichem Eintrittstermin!",
                "Wir begrüßen Bewerbungen unabhängig von Geschlecht, Nationalität, ethnischer und sozialer Herkunft, Religion, Behinderung, Alter sowie sexueller Orientierung und Identität.",
                "Fragen beantwortet dir gerne unser Recruiting-Team unter jobs&#64;{url}.",
            ],
            Remote =
            [
                "Du kannst zu 100&nbsp;% remote arbeiten (Homeoffice innerhalb Deutschlands).",
                "Mobiles Arbeiten ist bis zu fünf Tage pro Woche möglich &ndash; ganz remote.",
            ],
            OnSite =
            [
                "Die Stelle ist in Vollzeit vor Ort in {city} zu besetzen.",
                "Hybrides Arbeiten: zwei Tage pro Woche im Büro in {city}.",
            ],
            Salary =
            [
                "Gehalt: {salary}",
                "Das Jahresbruttogehalt liegt bei {salary}, je nach Erfahrung.",
                "Wir bieten ein attraktives Gehalt von {salary}.",
            ],
            AboutHeading = "Über uns",
            RoleHeading = "Deine Aufgaben",
            ProfileHeading = "Dein Profil",
            BenefitsHeading = "Wir bieten",
            ApplyHeading = "Bewerbung",
            TitleLabel = "Stellenbezeichnung:",
            LocationLabel = "Standort:",
            ApplyText = ["Jetzt bewerben", "Hier bewerben", "Zur Bewerbung"],
        },
        new LanguagePack
        {
            Lang = Lang.Fr,
            Intro =
            [
                "Nous recherchons un(e) {title} pour rejoindre notre équipe {team} à {city}.",
                "{company} recrute un(e) {title} en CDI !",
                "Rejoignez {company} en tant que {title} et participez à notre croissance.",
                "Vous êtes {title} et vous cherchez un nouveau défi&nbsp;? Cette offre est faite pour vous.",
            ],
            About =
            [
                "{company} est une entreprise du secteur {industry} basée à {city}.",
                "Depuis 2012, nous accompagnons plus de 500 clients en France et en Europe.",
                "Nous sommes une équipe passionnée, bienveillante et tournée vers l&#8217;innovation.",
                "Notre ambition : devenir la référence de notre marché d&#8217;ici 2026.",
                "Entreprise à mission, nous plaçons l&#8217;impact social et environnemental au cœur de notre stratégie.",
            ],
            Responsibilities =
            [
                "Concevoir et développer de nouvelles fonctionnalités avec {tech}.",
                "Participer à l&#8217;amélioration continue de nos outils et de nos processus.",
                "Collaborer étroitement avec les équipes produit, design et commerciales.",
                "Assurer la qualité, la fiabilité et la documentation de vos livrables.",
                "Accompagner et former les nouveaux arrivants de l&#8217;équipe {team}.",
                "Analyser les besoins des clients et proposer des solutions adaptées.",
            ],
            Requirements =
            [
                "Diplôme Bac+5 (école d&#8217;ingénieur, université ou équivalent)",
                "Au moins {years} ans d&#8217;expérience sur un poste similaire",
                "Maîtrise de {tech} ; la connaissance de {tech2} est un plus",
                "Anglais professionnel courant",
                "Autonomie, rigueur et esprit d&#8217;équipe",
            ],
            Benefits =
            [
                "Télétravail jusqu&#8217;à 3 jours par semaine",
                "Carte Swile (tickets restaurant) et mutuelle prise en charge à 100&nbsp;%",
                "RTT et 25 jours de congés payés",
                "Prime annuelle sur objectifs",
                "Locaux lumineux au cœur de {city}",
                "Remboursement à 50&nbsp;% du pass Navigo",
            ],
            Process =
            [
                "Notre processus de recrutement : un premier échange avec notre chargée RH, un entretien avec le manager, puis une rencontre avec l&#8217;équipe {team}.",
                "Nous nous engageons à vous répondre sous 10 jours ouvrés.",
                "Envoyez-nous votre CV ; la lettre de motivation est facultative.",
            ],
            Closing =
            [
                "Vous vous reconnaissez dans ce profil ? N&#8217;hésitez plus, postulez !",
                "Tous nos postes sont ouverts aux personnes en situation de handicap.",
                "Processus de recrutement : un appel RH, un entretien technique et une rencontre avec l&#8217;équipe.",
            ],
            Remote =
            [
                "Poste en full remote (télétravail complet) possible depuis toute la France.",
                "Télétravail total possible après la période d&#8217;essai.",
            ],
            OnSite =
            [
                "Poste basé à {city}, sur site.",
                "Télétravail partiel : deux jours par semaine, le reste au bureau de {city}.",
            ],
            Salary =
            [
                "Rémunération : {salary}",
                "Salaire : {salary} selon profil et expérience.",
                "Package : {salary} + avantages.",
            ],
            AboutHeading = "Qui sommes-nous ?",
            RoleHeading = "Vos missions",
            ProfileHeading = "Votre profil",
            BenefitsHeading = "Nos avantages",
            ApplyHeading = "Postuler",
            TitleLabel = "Intitulé du poste :",
            LocationLabel = "Lieu :",
            ApplyText = ["Postuler", "Je postule", "Candidater maintenant"],
        },
        new LanguagePack
        {
            Lang = Lang.Es,
            Intro =
            [
                "Buscamos un/a {title} para incorporarse a nuestro equipo de {team} en {city}.",
                "¡{company} está contratando {title}!",
                "Únete a {company} como {title} y ayúdanos a transformar el sector de {industry}.",
                "¿Eres {title} y buscas un nuevo reto profesional? ¡Te estamos buscando!",
            ],
            About =
            [
                "{company} es una empresa líder en {industry} con sede en {city}.",
                "Contamos con más de 300 profesionales en España y Latinoamérica.",
                "Creemos en el trabajo en equipo, la transparencia y el aprendizaje continuo.",
                "Desde 2010 ayudamos a miles de clientes a crecer de forma sostenible.",
            ],
            Responsibilities =
            [
                "Diseñar, desarrollar y mantener soluciones basadas en {tech}.",
                "Colaborar con los equipos de producto y negocio para definir requisitos.",
                "Garantizar la calidad y el rendimiento de nuestros sistemas.",
                "Participar en la mejora continua de procesos y herramientas.",
                "Documentar el trabajo realizado y compartir conocimiento con el equipo de {team}.",
                "Atender a clientes y resolver incidencias con rapidez y amabilidad.",
            ],
            Requirements =
            [
                "Titulación universitaria o formación profesional en un área relacionada",
                "Al menos {years} años de experiencia en un puesto similar",
                "Conocimientos sólidos de {tech}; se valorará experiencia con {tech2}",
                "Nivel de inglés alto (B2/C1)",
                "Proactividad, capacidad de organización y orientación a resultados",
            ],
            Benefits =
            [
                "Contrato indefinido y salario competitivo",
                "Horario flexible y jornada intensiva los viernes",
                "Modelo híbrido: 2 días de teletrabajo a la semana",
                "Seguro médico privado",
                "Formación continua y plan de carrera",
                "Fruta fresca y café gratis en la oficina",
            ],
            Process =
            [
                "Nuestro proceso de selección: una primera llamada con RR. HH., una entrevista técnica con el equipo de {team} y una reunión final con la dirección.",
                "Respondemos a todas las candidaturas en un plazo máximo de dos semanas.",
                "Envíanos tu CV actualizado; no es necesaria carta de presentación.",
            ],
            Closing =
            [
                "¡Si te apasiona lo que hacemos, nos encantaría conocerte!",
                "{company} garantiza la igualdad de oportunidades y la no discriminación.",
            ],
            Remote =
            [
                "Posición 100&nbsp;% remota dentro de {country}.",
                "Posibilidad de teletrabajo total desde casa.",
            ],
            OnSite =
            [
                "Puesto presencial en nuestras oficinas de {city}.",
                "Modelo híbrido con tres días presenciales en {city}.",
            ],
            Salary =
            [
                "Salario: {salary}",
                "Banda salarial: {salary} según experiencia.",
                "Ofrecemos {salary} más beneficios sociales.",
            ],
            AboutHeading = "Sobre nosotros",
            RoleHeading = "Funciones",
            ProfileHeading = "Requisitos",
            BenefitsHeading = "¿Qué ofrecemos?",
            ApplyHeading = "Cómo aplicar",
            TitleLabel = "Puesto:",
            LocationLabel = "Ubicación:",
            ApplyText = ["Inscríbete", "Aplicar ahora", "Envía tu candidatura"],
        },
        new LanguagePack
        {
            Lang = Lang.Ja,
            Intro =
            [
                "{company}では、{title}を募集しています。",
                "{city}オフィスで働く{title}を募集中です。",
                "私たちと一緒に{industry}の未来をつくる{title}を探しています。",
            ],
            About =
            [
                "{company}は{industry}領域で事業を展開する企業です。",
                "私たちは「テクノロジーで社会の課題を解決する」ことをミッションに掲げています。",
                "少人数のチームで、裁量を持って働ける環境です。",
                "2015年の創業以来、累計300社以上のお客様にサービスを提供してきました。",
            ],
            Responsibilities =
            [
                "{tech}を用いたシステムの設計・開発・運用",
                "新機能の企画から実装、リリースまでを一貫して担当していただきます。",
                "コードレビューやチームメンバーの育成",
                "既存サービスの品質改善とパフォーマンス向上",
                "{team}チームと連携したプロジェクト推進",
            ],
            Requirements =
            [
                "{tech}を用いた実務経験{years}年以上",
                "チームでの開発・業務経験",
                "ビジネスレベルの日本語能力",
                "{tech2}の経験（歓迎）",
            ],
            Benefits =
            [
                "フレックスタイム制度",
                "リモートワーク可（週3日まで）",
                "各種社会保険完備",
                "書籍購入・資格取得支援",
                "年間休日120日以上",
                "交通費全額支給",
            ],
            Process =
            [
                "選考フロー：書類選考 → 一次面接（オンライン） → 二次面接 → 最終面接 → 内定",
                "面接はすべてオンラインで実施可能です。結果は1週間以内にご連絡いたします。",
            ],
            Closing =
            [
                "ご応募を心よりお待ちしております。",
                "まずはカジュアル面談からでも歓迎です。",
            ],
            Remote = ["フルリモート勤務が可能です。", "完全在宅勤務OK（リモートワーク）。"],
            OnSite = ["勤務地：{city}（出社）", "週2日の出社をお願いしています（{city}）。"],
            Salary = ["給与：{salary}", "想定年収：{salary}（経験・能力を考慮のうえ決定）"],
            AboutHeading = "会社概要",
            RoleHeading = "業務内容",
            ProfileHeading = "応募資格",
            BenefitsHeading = "待遇・福利厚生",
            ApplyHeading = "応募方法",
            TitleLabel = "職種：",
            LocationLabel = "勤務地：",
            ApplyText = ["応募する", "エントリーはこちら"],
        },
        new LanguagePack
        {
            Lang = Lang.Zh,
            Intro =
            [
                "{company}诚聘{title}，工作地点：{city}。",
                "我们正在寻找一位优秀的{title}加入{team}团队。",
                "加入{company}，与我们一起推动{industry}行业的发展！",
            ],
            About =
            [
                "{company}是一家专注于{industry}的创新型科技公司。",
                "公司成立于2015年，目前拥有员工500余人。",
                "我们提供开放、平等、高效的工作氛围。",
                "公司已完成C轮融资，业务覆盖全国30多个城市。",
            ],
            Responsibilities =
            [
                "负责基于{tech}的系统设计、开发与维护；",
                "参与产品需求分析与技术方案评审；",
                "持续优化系统性能与稳定性；",
                "与产品、测试团队紧密合作，保证项目按时交付；",
                "指导初级成员，参与{team}团队建设。",
            ],
            Requirements =
            [
                "本科及以上学历，计算机相关专业优先；",
                "{years}年以上相关工作经验，熟悉{tech}；",
                "具备良好的沟通能力和团队合作精神；",
                "有{tech2}经验者优先。",
            ],
            Benefits = ["五险一金", "带薪年假", "年终奖金", "弹性工作时间", "免费午餐和下午茶", "定期团建"],
            Process =
            [
                "招聘流程：简历筛选 → 电话面试 → 技术面试 → HR面试 → 发放offer",
                "我们将在一周内回复所有应聘者。",
            ],
            Closing = ["欢迎有志之士加入我们！", "请将简历发送至招聘邮箱，邮件标题注明应聘职位。"],
            Remote = ["支持远程办公。", "可全职远程工作。"],
            OnSite = ["工作地点：{city}。", "需在{city}办公室坐班。"],
            Salary = ["薪资：{salary}", "薪资范围：{salary}，具体面议。"],
            AboutHeading = "公司介绍",
            RoleHeading = "岗位职责",
            ProfileHeading = "任职要求",
            BenefitsHeading = "福利待遇",
            ApplyHeading = "投递方式",
            TitleLabel = "职位：",
            LocationLabel = "工作地点：",
            ApplyText = ["立即申请", "投递简历"],
        },
    ];

    public static LanguagePack For(Lang lang) => All[(int)lang];
}
