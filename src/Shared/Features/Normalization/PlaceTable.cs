namespace AkkaEtl.Features.Normalization;

/// <summary>
/// Places <see cref="LocationParser"/> knows by name: US states, Canadian provinces and about 250 tech-job cities
/// (with common spellings, local names and abbreviations) mapped to their country, and for US and Canadian cities
/// their state or province. Cities whose name is shared by well-known places elsewhere map to the one job postings
/// mean most often (Cambridge → GB unless "Cambridge, MA"; Portland → OR; Vancouver → BC; Athens → GR).
/// </summary>
internal static class PlaceTable
{
    /// <summary>US states, DC and territories: code, then "|"-separated names.</summary>
    internal static readonly (string Code, string Names)[] UsStates =
    [
        ("AL", "Alabama|Ala."), ("AK", "Alaska"), ("AZ", "Arizona|Ariz."), ("AR", "Arkansas|Ark."), ("CA", "California|Calif.|Cali"),
        ("CO", "Colorado|Colo."), ("CT", "Connecticut|Conn."), ("DE", "Delaware|Del."), ("FL", "Florida|Fla."), ("GA", "Georgia"),
        ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois|Ill."), ("IN", "Indiana|Ind."), ("IA", "Iowa"), ("KS", "Kansas|Kan."),
        ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts|Mass."),
        ("MI", "Michigan|Mich."), ("MN", "Minnesota|Minn."), ("MS", "Mississippi|Miss."), ("MO", "Missouri"), ("MT", "Montana"),
        ("NE", "Nebraska|Neb."), ("NV", "Nevada|Nev."), ("NH", "New Hampshire|N.H."), ("NJ", "New Jersey|N.J."), ("NM", "New Mexico|N.M."),
        ("NY", "New York State|N.Y."), ("NC", "North Carolina|N.C."), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma|Okla."),
        ("OR", "Oregon|Ore."), ("PA", "Pennsylvania|Penn.|Penna."), ("RI", "Rhode Island|R.I."), ("SC", "South Carolina|S.C."),
        ("SD", "South Dakota"), ("TN", "Tennessee|Tenn."), ("TX", "Texas|Tex."), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia|Va."),
        ("WA", "Washington State|Wash."), ("WV", "West Virginia|W.Va."), ("WI", "Wisconsin|Wis."), ("WY", "Wyoming"),
        ("DC", "District of Columbia|D.C."), ("PR", "Puerto Rico"),
    ];

    /// <summary>US state names that are also something else, recognised only after a city ("Seattle, Washington"; "Albany, New York").</summary>
    internal static readonly (string Code, string Names)[] UsStatesAfterCity =
    [
        ("NY", "New York"), ("WA", "Washington"), ("GA", "Georgia"),
    ];

    /// <summary>Canadian provinces and territories.</summary>
    internal static readonly (string Code, string Names)[] CanadianProvinces =
    [
        ("AB", "Alberta|Alta."), ("BC", "British Columbia|B.C.|Colombie-Britannique"), ("MB", "Manitoba|Man."),
        ("NB", "New Brunswick|Nouveau-Brunswick|N.B."), ("NL", "Newfoundland and Labrador|Newfoundland|Terre-Neuve-et-Labrador"),
        ("NS", "Nova Scotia|Nouvelle-Écosse|N.S."), ("NT", "Northwest Territories"), ("NU", "Nunavut"), ("ON", "Ontario|Ont."),
        ("PE", "Prince Edward Island|P.E.I.|PEI"), ("QC", "Quebec|Québec|Que.|PQ"), ("SK", "Saskatchewan|Sask."), ("YT", "Yukon"),
    ];

    /// <summary>Cities: "|"-separated names (the first is the canonical one), region (US/CA only), country.</summary>
    internal static readonly (string Names, string? Region, string Country)[] Cities =
    [
        // United States
        ("New York|NYC|New York City|NY City|Manhattan|N.Y.C.|NY", "NY", "US"),
        ("Brooklyn", "NY", "US"), ("Queens", "NY", "US"), ("Long Island City|LIC", "NY", "US"),
        ("San Francisco|SF|San Fran|San Fransisco|San Francsico|S.F.", "CA", "US"),
        ("San Francisco Bay Area|Bay Area|SF Bay Area|SF Bay|SF Bay area|Silicon Valley|SFBA|Greater Bay Area", "CA", "US"),
        ("Los Angeles|LA|L.A.|Los Angeles County|LA Area", "CA", "US"), ("San Diego", "CA", "US"), ("San Jose", "CA", "US"),
        ("Palo Alto", "CA", "US"), ("Mountain View", "CA", "US"), ("Sunnyvale", "CA", "US"), ("Santa Clara", "CA", "US"),
        ("Menlo Park", "CA", "US"), ("Redwood City", "CA", "US"), ("Cupertino", "CA", "US"), ("Oakland", "CA", "US"),
        ("Berkeley", "CA", "US"), ("San Mateo", "CA", "US"), ("Santa Monica", "CA", "US"), ("Irvine", "CA", "US"),
        ("Pasadena", "CA", "US"), ("Sacramento", "CA", "US"), ("El Segundo", "CA", "US"), ("Emeryville", "CA", "US"),
        ("South San Francisco|SSF", "CA", "US"), ("Santa Barbara", "CA", "US"), ("Burlingame", "CA", "US"), ("San Carlos", "CA", "US"),
        ("Foster City", "CA", "US"), ("Pleasanton", "CA", "US"), ("Milpitas", "CA", "US"), ("Fremont", "CA", "US"),
        ("Culver City", "CA", "US"), ("Hawthorne", "CA", "US"), ("Carlsbad", "CA", "US"), ("Santa Cruz", "CA", "US"),
        ("Seattle", "WA", "US"), ("Bellevue", "WA", "US"), ("Redmond", "WA", "US"), ("Kirkland", "WA", "US"),
        ("Portland", "OR", "US"), ("Austin|ATX", "TX", "US"), ("Dallas|DFW", "TX", "US"), ("Houston", "TX", "US"),
        ("San Antonio", "TX", "US"), ("Plano", "TX", "US"), ("Fort Worth", "TX", "US"), ("Denver", "CO", "US"),
        ("Boulder", "CO", "US"), ("Colorado Springs", "CO", "US"), ("Chicago", "IL", "US"), ("Boston", "MA", "US"),
        ("Somerville", "MA", "US"), ("Waltham", "MA", "US"),
        ("Washington|Washington DC|Washington D.C.|DC|D.C.", "DC", "US"),
        ("Arlington", "VA", "US"), ("Reston", "VA", "US"), ("McLean|Mclean", "VA", "US"), ("Tysons|Tysons Corner", "VA", "US"),
        ("Herndon", "VA", "US"), ("Alexandria", "VA", "US"), ("Richmond", "VA", "US"), ("Bethesda", "MD", "US"),
        ("Atlanta|ATL", "GA", "US"), ("Miami", "FL", "US"), ("Tampa", "FL", "US"), ("Orlando", "FL", "US"), ("Jacksonville", "FL", "US"),
        ("Raleigh", "NC", "US"), ("Durham", "NC", "US"), ("Charlotte", "NC", "US"), ("Research Triangle|RTP", "NC", "US"),
        ("Philadelphia|Philly", "PA", "US"), ("Pittsburgh", "PA", "US"), ("Baltimore", "MD", "US"), ("Columbus", "OH", "US"),
        ("Cleveland", "OH", "US"), ("Cincinnati", "OH", "US"), ("Dayton", "OH", "US"), ("Detroit", "MI", "US"), ("Ann Arbor", "MI", "US"),
        ("Minneapolis", "MN", "US"), ("St. Louis|Saint Louis|St Louis", "MO", "US"), ("Kansas City", "MO", "US"),
        ("Nashville", "TN", "US"), ("Salt Lake City|SLC", "UT", "US"), ("Lehi", "UT", "US"), ("Provo", "UT", "US"),
        ("Phoenix", "AZ", "US"), ("Scottsdale", "AZ", "US"), ("Tempe", "AZ", "US"), ("Tucson", "AZ", "US"), ("Las Vegas", "NV", "US"),
        ("Albuquerque", "NM", "US"), ("Madison", "WI", "US"), ("Milwaukee", "WI", "US"), ("Indianapolis", "IN", "US"),
        ("Louisville", "KY", "US"), ("New Orleans", "LA", "US"), ("Honolulu", "HI", "US"), ("Boise", "ID", "US"),
        ("Omaha", "NE", "US"), ("Des Moines", "IA", "US"), ("Oklahoma City", "OK", "US"), ("Hoboken", "NJ", "US"),
        ("Jersey City", "NJ", "US"), ("Newark", "NJ", "US"), ("Princeton", "NJ", "US"), ("Stamford", "CT", "US"),
        ("New Haven", "CT", "US"), ("Providence", "RI", "US"), ("Burlington", "VT", "US"),
        // Canada
        ("Toronto|GTA", "ON", "CA"), ("Montreal|Montréal|MTL", "QC", "CA"), ("Vancouver", "BC", "CA"), ("Ottawa", "ON", "CA"),
        ("Waterloo|Kitchener-Waterloo|Kitchener", "ON", "CA"), ("Calgary", "AB", "CA"), ("Edmonton", "AB", "CA"),
        ("Quebec City|Québec City|Ville de Québec", "QC", "CA"), ("Victoria", "BC", "CA"), ("Halifax", "NS", "CA"),
        ("Winnipeg", "MB", "CA"), ("Mississauga", "ON", "CA"),
        // United Kingdom and Ireland
        ("London|LON|Greater London", null, "GB"), ("Manchester", null, "GB"), ("Cambridge", null, "GB"), ("Oxford", null, "GB"),
        ("Edinburgh", null, "GB"), ("Glasgow", null, "GB"), ("Bristol", null, "GB"), ("Birmingham", null, "GB"), ("Leeds", null, "GB"),
        ("Belfast", null, "GB"), ("Cardiff", null, "GB"), ("Brighton", null, "GB"), ("Sheffield", null, "GB"),
        ("Newcastle|Newcastle upon Tyne", null, "GB"), ("Liverpool", null, "GB"), ("Nottingham", null, "GB"),
        ("Dublin", null, "IE"), ("Cork", null, "IE"), ("Galway", null, "IE"),
        // Germany, Austria, Switzerland
        ("Berlin", null, "DE"), ("Munich|München|Muenchen", null, "DE"), ("Hamburg", null, "DE"), ("Frankfurt|Frankfurt am Main", null, "DE"),
        ("Cologne|Köln|Koeln", null, "DE"), ("Stuttgart", null, "DE"), ("Düsseldorf|Duesseldorf", null, "DE"), ("Leipzig", null, "DE"),
        ("Dresden", null, "DE"), ("Karlsruhe", null, "DE"), ("Heidelberg", null, "DE"), ("Nuremberg|Nürnberg|Nuernberg", null, "DE"),
        ("Hanover|Hannover", null, "DE"), ("Bonn", null, "DE"), ("Essen", null, "DE"), ("Dortmund", null, "DE"), ("Aachen", null, "DE"),
        ("Potsdam", null, "DE"), ("Bremen", null, "DE"), ("Mannheim", null, "DE"), ("Freiburg", null, "DE"),
        ("Vienna|Wien", null, "AT"), ("Graz", null, "AT"), ("Linz", null, "AT"), ("Salzburg", null, "AT"), ("Innsbruck", null, "AT"),
        ("Zurich|Zürich|Zuerich", null, "CH"), ("Geneva|Genève|Geneve|Genf", null, "CH"), ("Basel|Bâle", null, "CH"),
        ("Lausanne", null, "CH"), ("Bern|Berne", null, "CH"), ("Zug", null, "CH"), ("Lugano", null, "CH"),
        // France, Benelux
        ("Paris", null, "FR"), ("Lyon", null, "FR"), ("Marseille", null, "FR"), ("Toulouse", null, "FR"), ("Bordeaux", null, "FR"),
        ("Nantes", null, "FR"), ("Lille", null, "FR"), ("Montpellier", null, "FR"), ("Grenoble", null, "FR"),
        ("Rennes", null, "FR"), ("Strasbourg", null, "FR"), ("Sophia Antipolis", null, "FR"),
        ("Amsterdam", null, "NL"), ("Rotterdam", null, "NL"), ("The Hague|Den Haag|'s-Gravenhage", null, "NL"), ("Utrecht", null, "NL"),
        ("Eindhoven", null, "NL"), ("Delft", null, "NL"), ("Leiden", null, "NL"), ("Groningen", null, "NL"),
        ("Brussels|Bruxelles|Brussel", null, "BE"), ("Antwerp|Antwerpen|Anvers", null, "BE"), ("Ghent|Gent|Gand", null, "BE"),
        ("Leuven|Louvain", null, "BE"),
        // Southern Europe
        ("Madrid", null, "ES"), ("Barcelona", null, "ES"), ("Valencia", null, "ES"), ("Seville|Sevilla", null, "ES"),
        ("Malaga|Málaga", null, "ES"), ("Bilbao", null, "ES"), ("Zaragoza", null, "ES"), ("Palma|Palma de Mallorca", null, "ES"),
        ("Lisbon|Lisboa", null, "PT"), ("Porto|Oporto", null, "PT"), ("Braga", null, "PT"), ("Coimbra", null, "PT"),
        ("Milan|Milano", null, "IT"), ("Rome|Roma", null, "IT"), ("Turin|Torino", null, "IT"), ("Bologna", null, "IT"),
        ("Florence|Firenze", null, "IT"), ("Naples|Napoli", null, "IT"),
        ("Athens|Athina", null, "GR"), ("Thessaloniki", null, "GR"), ("Limassol", null, "CY"), ("Nicosia", null, "CY"),
        ("Valletta", null, "MT"),
        // Nordics and Baltics
        ("Stockholm", null, "SE"), ("Gothenburg|Göteborg|Goteborg", null, "SE"), ("Malmö|Malmo", null, "SE"), ("Uppsala", null, "SE"),
        ("Copenhagen|København|Kobenhavn", null, "DK"), ("Aarhus|Århus", null, "DK"), ("Oslo", null, "NO"), ("Bergen", null, "NO"),
        ("Trondheim", null, "NO"), ("Helsinki|Helsingfors", null, "FI"), ("Espoo", null, "FI"), ("Tampere", null, "FI"),
        ("Reykjavik|Reykjavík", null, "IS"), ("Tallinn", null, "EE"), ("Tartu", null, "EE"), ("Riga", null, "LV"),
        ("Vilnius", null, "LT"), ("Kaunas", null, "LT"),
        // Central and Eastern Europe
        ("Warsaw|Warszawa", null, "PL"), ("Krakow|Kraków|Cracow", null, "PL"), ("Wroclaw|Wrocław", null, "PL"),
        ("Gdansk|Gdańsk", null, "PL"), ("Poznan|Poznań", null, "PL"), ("Lodz|Łódź", null, "PL"), ("Katowice", null, "PL"),
        ("Prague|Praha", null, "CZ"), ("Brno", null, "CZ"), ("Budapest", null, "HU"), ("Bucharest|București|Bucuresti", null, "RO"),
        ("Cluj-Napoca|Cluj", null, "RO"), ("Iasi|Iași", null, "RO"), ("Sofia", null, "BG"), ("Plovdiv", null, "BG"),
        ("Belgrade|Beograd", null, "RS"), ("Novi Sad", null, "RS"), ("Zagreb", null, "HR"),
        ("Ljubljana", null, "SI"), ("Bratislava", null, "SK"), ("Kyiv|Kiev|Київ", null, "UA"), ("Lviv|Lvov", null, "UA"),
        ("Kharkiv|Kharkov", null, "UA"), ("Odesa|Odessa", null, "UA"), ("Skopje", null, "MK"), ("Sarajevo", null, "BA"),
        ("Tirana", null, "AL"), ("Chisinau|Chișinău", null, "MD"), ("Minsk", null, "BY"), ("Tbilisi", null, "GE"), ("Yerevan", null, "AM"),
        ("Baku", null, "AZ"), ("Moscow|Moskva|Москва", null, "RU"), ("Saint Petersburg|St. Petersburg|St Petersburg", null, "RU"),
        ("Istanbul|İstanbul", null, "TR"), ("Ankara", null, "TR"), ("Izmir|İzmir", null, "TR"),
        // Middle East and Africa
        ("Tel Aviv|Tel-Aviv|Tel Aviv-Yafo|TLV", null, "IL"), ("Jerusalem", null, "IL"), ("Haifa", null, "IL"), ("Herzliya", null, "IL"),
        ("Dubai", null, "AE"), ("Abu Dhabi", null, "AE"), ("Riyadh", null, "SA"), ("Jeddah", null, "SA"), ("Doha", null, "QA"),
        ("Cairo", null, "EG"), ("Amman", null, "JO"), ("Beirut", null, "LB"), ("Lagos", null, "NG"), ("Abuja", null, "NG"),
        ("Nairobi", null, "KE"), ("Cape Town", null, "ZA"), ("Johannesburg|Joburg", null, "ZA"), ("Accra", null, "GH"),
        ("Kigali", null, "RW"), ("Casablanca", null, "MA"), ("Tunis", null, "TN"), ("Addis Ababa", null, "ET"), ("Kampala", null, "UG"),
        // South Asia
        ("Bengaluru|Bangalore|Bengalooru", null, "IN"), ("Mumbai|Bombay", null, "IN"), ("Delhi|New Delhi|Delhi NCR|NCR", null, "IN"),
        ("Gurugram|Gurgaon", null, "IN"), ("Noida", null, "IN"), ("Hyderabad", null, "IN"), ("Chennai|Madras", null, "IN"),
        ("Pune", null, "IN"), ("Kolkata|Calcutta", null, "IN"), ("Ahmedabad", null, "IN"), ("Kochi|Cochin", null, "IN"),
        ("Jaipur", null, "IN"), ("Chandigarh", null, "IN"), ("Trivandrum|Thiruvananthapuram", null, "IN"), ("Indore", null, "IN"),
        ("Karachi", null, "PK"), ("Lahore", null, "PK"), ("Islamabad", null, "PK"), ("Dhaka", null, "BD"), ("Colombo", null, "LK"),
        ("Kathmandu", null, "NP"),
        // East and Southeast Asia, Oceania
        ("Beijing|Peking|北京", null, "CN"), ("Shanghai|上海", null, "CN"), ("Shenzhen|深圳", null, "CN"), ("Hangzhou|杭州", null, "CN"),
        ("Guangzhou|广州", null, "CN"), ("Chengdu|成都", null, "CN"), ("Taipei|台北|臺北", null, "TW"), ("Hsinchu", null, "TW"),
        ("Tokyo|東京", null, "JP"), ("Osaka|大阪", null, "JP"), ("Kyoto|京都", null, "JP"), ("Fukuoka", null, "JP"),
        ("Seoul|서울", null, "KR"), ("Busan", null, "KR"), ("Bangkok", null, "TH"), ("Chiang Mai", null, "TH"),
        ("Ho Chi Minh City|Saigon|HCMC|Ho Chi Minh", null, "VN"), ("Hanoi|Ha Noi", null, "VN"), ("Da Nang|Danang", null, "VN"),
        ("Jakarta", null, "ID"), ("Bali", null, "ID"), ("Kuala Lumpur", null, "MY"), ("Penang", null, "MY"),
        ("Manila|Metro Manila", null, "PH"), ("Makati", null, "PH"), ("Cebu", null, "PH"),
        ("Sydney", null, "AU"), ("Melbourne", null, "AU"), ("Brisbane", null, "AU"), ("Perth", null, "AU"), ("Adelaide", null, "AU"),
        ("Canberra", null, "AU"), ("Auckland", null, "NZ"), ("Wellington", null, "NZ"), ("Christchurch", null, "NZ"),
        // Latin America
        ("Mexico City|CDMX|Ciudad de México|Ciudad de Mexico", null, "MX"), ("Guadalajara", null, "MX"), ("Monterrey", null, "MX"),
        ("São Paulo|Sao Paulo", null, "BR"), ("Rio de Janeiro", null, "BR"), ("Belo Horizonte", null, "BR"),
        ("Florianópolis|Florianopolis", null, "BR"), ("Curitiba", null, "BR"), ("Porto Alegre", null, "BR"), ("Recife", null, "BR"),
        ("Buenos Aires", null, "AR"), ("Córdoba|Cordoba", null, "AR"), ("Santiago|Santiago de Chile", null, "CL"),
        ("Bogotá|Bogota", null, "CO"), ("Medellín|Medellin", null, "CO"), ("Lima", null, "PE"), ("Montevideo", null, "UY"),
        ("Quito", null, "EC"), ("Panama City", null, "PA"), ("Guatemala City", null, "GT"), ("Caracas", null, "VE"),
        ("Asunción|Asuncion", null, "PY"),
    ];
}
