//! A deterministic synthetic library of briefings, for benchmarks.
//!
//! The same count and seed always give the same files, byte for byte. Every
//! file is a valid briefing (format version 1). Actors come from one shared
//! pool of about 300, so the same actor appears in many briefings, often
//! under a different display name (an alias, another capitalization or
//! punctuation) and sometimes under another id: matching actors across files
//! has real work to do.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast and good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// [`Rng::pick`] for a list of words.
    pub fn word<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// What [`generate`] wrote.
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `count` briefings into `dir` (created if needed); some go into
/// per-year subfolders, a few two levels deep.
pub fn generate(dir: &Path, count: usize, seed: u64) -> io::Result<Summary> {
    let pool = Pool::new(seed);
    let mut bytes = 0;
    for i in 0..count {
        let (rel, text) = briefing(&pool, seed, i);
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text.as_bytes())?;
        bytes += text.len() as u64;
    }
    Ok(Summary {
        files: count,
        bytes,
    })
}

// ---------------------------------------------------------------------------
// The shared actor pool

struct PoolActor {
    id: String,
    name: String,
    kind: &'static str,
    role: Option<String>,
    /// Index of the pool actor this one belongs to.
    affiliation: Option<usize>,
    aliases: Vec<String>,
    description: String,
}

struct Pool {
    actors: Vec<PoolActor>,
}

const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "North Korea",
        &["Democratic People's Republic of Korea", "DPRK", "Pyongyang"],
    ),
    ("South Korea", &["Republic of Korea", "ROK", "Seoul"]),
    (
        "United States",
        &["U.S.", "USA", "United States of America", "Washington"],
    ),
    ("Russia", &["Russian Federation", "Moscow"]),
    ("China", &["People's Republic of China", "PRC", "Beijing"]),
    ("Iran", &["Islamic Republic of Iran", "Tehran"]),
    ("United Kingdom", &["U.K.", "UK", "Britain", "London"]),
    ("France", &["French Republic", "Paris"]),
    ("Germany", &["Federal Republic of Germany", "Berlin"]),
    ("Japan", &["Tokyo"]),
    ("India", &["Republic of India", "New Delhi"]),
    ("Pakistan", &["Islamic Republic of Pakistan", "Islamabad"]),
    ("Israel", &["State of Israel"]),
    ("Ukraine", &["Kyiv"]),
    ("Türkiye", &["Turkey", "Republic of Türkiye", "Ankara"]),
    ("Côte d'Ivoire", &["Ivory Coast"]),
    ("Brazil", &["Federative Republic of Brazil", "Brasília"]),
    ("Mexico", &["United Mexican States"]),
    ("Canada", &["Ottawa"]),
    ("Australia", &["Commonwealth of Australia", "Canberra"]),
    (
        "Saudi Arabia",
        &["Kingdom of Saudi Arabia", "KSA", "Riyadh"],
    ),
    ("United Arab Emirates", &["UAE", "Emirates"]),
    ("Egypt", &["Arab Republic of Egypt", "Cairo"]),
    ("Nigeria", &["Federal Republic of Nigeria", "Abuja"]),
    ("South Africa", &["Republic of South Africa", "Pretoria"]),
    ("Kenya", &["Nairobi"]),
    ("Ethiopia", &["Addis Ababa"]),
    ("Indonesia", &["Republic of Indonesia", "Jakarta"]),
    ("Vietnam", &["Viet Nam", "Hanoi"]),
    ("Philippines", &["Republic of the Philippines", "Manila"]),
    ("Taiwan", &["Republic of China", "Taipei"]),
    ("Syria", &["Syrian Arab Republic", "Damascus"]),
    (
        "Venezuela",
        &["Bolivarian Republic of Venezuela", "Caracas"],
    ),
    ("Cuba", &["Republic of Cuba", "Havana"]),
    ("Belarus", &["Republic of Belarus", "Minsk"]),
    ("Poland", &["Republic of Poland", "Warsaw"]),
    ("Estonia", &["Republic of Estonia", "Tallinn"]),
    ("Sweden", &["Kingdom of Sweden", "Stockholm"]),
    ("Finland", &["Republic of Finland", "Helsinki"]),
    ("Norway", &["Kingdom of Norway", "Oslo"]),
    ("Netherlands", &["The Netherlands", "Holland", "The Hague"]),
    ("Italy", &["Italian Republic", "Rome"]),
    ("Spain", &["Kingdom of Spain", "Madrid"]),
    ("Qatar", &["State of Qatar", "Doha"]),
    ("Myanmar", &["Burma", "Naypyidaw"]),
    ("Czechia", &["Czech Republic", "Prague"]),
    ("North Macedonia", &["Macedonia", "Skopje"]),
    ("Eswatini", &["Swaziland"]),
];

const ORGANIZATIONS: &[(&str, &[&str])] = &[
    ("United Nations", &["UN", "U.N."]),
    ("UN Security Council", &["UNSC", "Security Council"]),
    (
        "NATO",
        &["North Atlantic Treaty Organization", "the Alliance"],
    ),
    ("European Union", &["EU", "E.U.", "Brussels"]),
    ("International Atomic Energy Agency", &["IAEA"]),
    ("World Health Organization", &["WHO"]),
    ("World Trade Organization", &["WTO"]),
    ("International Monetary Fund", &["IMF", "the Fund"]),
    ("World Bank", &["World Bank Group"]),
    (
        "OPEC",
        &["Organization of the Petroleum Exporting Countries"],
    ),
    ("ASEAN", &["Association of Southeast Asian Nations"]),
    ("African Union", &["AU"]),
    ("Group of Seven", &["G7", "G-7"]),
    ("Group of Twenty", &["G20", "G-20"]),
    (
        "Organization for Security and Co-operation in Europe",
        &["OSCE"],
    ),
    ("Interpol", &["International Criminal Police Organization"]),
    ("International Criminal Court", &["ICC"]),
    (
        "International Committee of the Red Cross",
        &["ICRC", "Red Cross"],
    ),
    (
        "Microsoft",
        &["Microsoft Corporation", "Microsoft Threat Intelligence"],
    ),
    ("Google", &["Alphabet", "Google Threat Analysis Group"]),
    ("Meta", &["Meta Platforms", "Facebook"]),
    ("Huawei", &["Huawei Technologies"]),
    ("Kaspersky", &["Kaspersky Lab"]),
    ("Mandiant", &["FireEye"]),
    ("Symantec", &["Broadcom Symantec"]),
    ("Amnesty International", &["Amnesty"]),
    ("Human Rights Watch", &["HRW"]),
    (
        "Médecins Sans Frontières",
        &["MSF", "Doctors Without Borders"],
    ),
    ("Financial Action Task Force", &["FATF"]),
    (
        "SWIFT",
        &["Society for Worldwide Interbank Financial Telecommunication"],
    ),
    ("Gazprom", &["PJSC Gazprom"]),
    ("Rosatom", &["State Atomic Energy Corporation Rosatom"]),
    ("Saudi Aramco", &["Aramco"]),
    ("Maersk", &["A.P. Moller-Maersk"]),
];

/// Government bodies: (name, aliases, country index in COUNTRIES).
const GOVERNMENTS: &[(&str, &[&str], usize)] = &[
    (
        "The White House",
        &["White House", "Executive Office of the President"],
        2,
    ),
    (
        "U.S. Department of State",
        &["State Department", "US Department of State"],
        2,
    ),
    (
        "U.S. Department of Defense",
        &["Pentagon", "DoD", "US Department of Defense"],
        2,
    ),
    ("Department of Homeland Security", &["DHS"], 2),
    (
        "U.S. Department of the Treasury",
        &["Treasury", "US Treasury"],
        2,
    ),
    ("Federal Bureau of Investigation", &["FBI", "the Bureau"], 2),
    ("National Security Agency", &["NSA"], 2),
    (
        "Cybersecurity and Infrastructure Security Agency",
        &["CISA"],
        2,
    ),
    ("U.S. Congress", &["Congress", "US Congress"], 2),
    (
        "Foreign, Commonwealth & Development Office",
        &["FCDO", "Foreign Office"],
        6,
    ),
    ("National Cyber Security Centre", &["NCSC", "NCSC UK"], 6),
    ("Government Communications Headquarters", &["GCHQ"], 6),
    (
        "The Kremlin",
        &["Kremlin", "Presidential Administration of Russia"],
        3,
    ),
    ("GRU", &["Main Intelligence Directorate", "Unit 74455"], 3),
    ("Federal Security Service", &["FSB"], 3),
    ("Ministry of State Security", &["MSS"], 4),
    (
        "People's Liberation Army",
        &["PLA", "Peoples Liberation Army"],
        4,
    ),
    (
        "Islamic Revolutionary Guard Corps",
        &["IRGC", "Revolutionary Guards"],
        5,
    ),
    ("Reconnaissance General Bureau", &["RGB"], 0),
    ("European Commission", &["the Commission", "EC"], 8),
    (
        "Bundesamt für Sicherheit in der Informationstechnik",
        &["BSI", "Federal Office for Information Security"],
        8,
    ),
    (
        "Agence nationale de la sécurité des systèmes d'information",
        &["ANSSI"],
        7,
    ),
    ("National Police Agency", &["NPA"], 9),
    (
        "Mossad",
        &["Institute for Intelligence and Special Operations"],
        12,
    ),
    ("Security Service of Ukraine", &["SBU"], 13),
];

const MINISTRIES: &[(&str, &str)] = &[
    ("Ministry of Foreign Affairs", "Foreign Ministry"),
    ("Ministry of Defence", "Defence Ministry"),
    ("Ministry of the Interior", "Interior Ministry"),
    ("Ministry of Finance", "Finance Ministry"),
];

const GROUPS: &[(&str, &[&str])] = &[
    ("Lazarus Group", &["Hidden Cobra", "APT38", "Lazarus"]),
    ("Fancy Bear", &["APT28", "Sofacy", "Strontium"]),
    ("Cozy Bear", &["APT29", "The Dukes", "Nobelium"]),
    ("Sandworm", &["Voodoo Bear", "Sandworm Team"]),
    ("Equation Group", &["Equation"]),
    ("Charming Kitten", &["APT35", "Phosphorus"]),
    ("Hamas", &["Harakat al-Muqawama al-Islamiya"]),
    ("Hezbollah", &["Hizballah", "Hizbullah"]),
    ("Houthis", &["Ansar Allah", "Houthi movement"]),
    ("Wagner Group", &["PMC Wagner", "Wagner"]),
    ("The Shadow Brokers", &["Shadow Brokers"]),
    ("Conti", &["Wizard Spider"]),
    ("REvil", &["Sodinokibi"]),
    ("LockBit", &["LockBit 3.0"]),
    ("Anonymous", &["Anonymous collective"]),
    (
        "Al-Shabaab",
        &["al-Shabab", "Harakat al-Shabaab al-Mujahideen"],
    ),
    ("Taliban", &["Islamic Emirate of Afghanistan"]),
    ("Islamic State", &["ISIS", "ISIL", "Daesh"]),
    (
        "Boko Haram",
        &["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"],
    ),
    ("Volt Typhoon", &["Bronze Silhouette", "Vanguard Panda"]),
    ("Salt Typhoon", &["GhostEmperor", "FamousSparrow"]),
    ("Kimsuky", &["Velvet Chollima", "APT43"]),
    ("Scattered Spider", &["UNC3944", "Octo Tempest"]),
    ("Cl0p", &["Clop", "TA505"]),
];

const FIRST_NAMES: &[&str] = &[
    "Maria", "James", "Aiko", "Olusegun", "Zoë", "Łukasz", "José", "Fatima", "Chen", "Ingrid",
    "Dmitri", "Amara", "Øyvind", "Priya", "Tomás", "Hye-jin", "Kwame", "Sigrid", "Ahmed", "Élodie",
    "Rafael", "Nadia", "Björn", "Mei", "Oksana", "Samuel", "Leila", "Hiroshi", "Gabriela", "Yusuf",
];

const LAST_NAMES: &[&str] = &[
    "Okonkwo",
    "Müller",
    "Tanaka",
    "O'Brien",
    "Nguyễn",
    "Kowalski",
    "Abdul-Rahman",
    "Petrova",
    "García",
    "Lindqvist",
    "Kim",
    "Haddad",
    "Ólafsdóttir",
    "Mensah",
    "Rossi",
    "Ivanenko",
    "Sato",
    "Dubois",
    "Fernández",
    "Singh",
    "Novák",
    "Mahlangu",
    "Al-Sayed",
    "Johansson",
    "Park",
    "Moreau",
    "Achterberg",
    "Da Silva",
    "Wójcik",
    "Castellanos",
];

const PERSON_ROLES: &[&str] = &[
    "Minister",
    "Deputy Minister",
    "Spokesperson",
    "Director",
    "Deputy Director",
    "Senior Advisor",
    "Ambassador",
    "Chief of Staff",
    "Head of Cyber Operations",
    "Special Envoy",
    "Secretary-General",
    "Legal Counsel",
    "Chief Analyst",
    "Press Secretary",
];

impl Pool {
    fn new(seed: u64) -> Pool {
        let mut r = Rng::new(seed ^ 0x5EED_0FAC_7085);
        let mut actors: Vec<PoolActor> = Vec::new();
        let actor = |name: &str, kind, aliases: &[&str], affiliation, description| PoolActor {
            id: slug(name),
            name: name.to_string(),
            kind,
            role: None,
            affiliation,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description,
        };
        for (name, aliases) in COUNTRIES {
            let d = format!("{name}, a state actor in this library.");
            add(&mut actors, actor(name, "country", aliases, None, d));
        }
        let orgs_at = actors.len();
        for (name, aliases) in ORGANIZATIONS {
            let d = format!("{name}, an organization.");
            add(&mut actors, actor(name, "organization", aliases, None, d));
        }
        let govs_at = actors.len();
        for (name, aliases, country) in GOVERNMENTS {
            let d = format!("Part of the government of {}.", COUNTRIES[*country].0);
            add(
                &mut actors,
                actor(name, "government", aliases, Some(*country), d),
            );
        }
        for (ci, (country, _)) in COUNTRIES.iter().enumerate().skip(3).take(20) {
            let (formal, short) = MINISTRIES[ci % MINISTRIES.len()];
            let name = format!("{country} {formal}");
            let d = format!("The {short} of {country}.");
            let mut a = actor(&name, "government", &[], Some(ci), d);
            a.aliases = vec![
                format!("{formal} of {country}"),
                format!("{country} {short}"),
            ];
            add(&mut actors, a);
        }
        let govs_end = actors.len();
        for (name, aliases) in GROUPS {
            let d = format!("{name}, a non-state group tracked under several names.");
            add(&mut actors, actor(name, "group", aliases, None, d));
        }
        // People, each belonging to a government body or an organization.
        while actors.len() < 300 {
            let first = *r.pick(FIRST_NAMES);
            let last = *r.pick(LAST_NAMES);
            let name = format!("{first} {last}");
            if actors.iter().any(|a| a.name == name) {
                continue;
            }
            let initial: String = first.chars().take(1).collect();
            let role = r.pick(PERSON_ROLES).to_string();
            let employer = if r.chance(70) {
                r.range(govs_at, govs_end - 1)
            } else {
                r.range(orgs_at, govs_at - 1)
            };
            let d = format!("{role} at {}.", actors[employer].name);
            let mut a = actor(&name, "person", &[], Some(employer), d);
            a.aliases = vec![format!("{initial}. {last}"), last.to_string()];
            if r.chance(30) {
                a.aliases.push(format!("{role} {last}"));
            }
            a.role = Some(role);
            add(&mut actors, a);
        }
        Pool { actors }
    }
}

/// Adds a pool actor, with a suffix on its id when another already has it.
fn add(actors: &mut Vec<PoolActor>, mut a: PoolActor) {
    let base = a.id.clone();
    let mut n = 2;
    while actors.iter().any(|b| b.id == a.id) {
        a.id = format!("{base}-{n}");
        n += 1;
    }
    actors.push(a);
}

// ---------------------------------------------------------------------------
// Words

const TOPICS: &[(&str, &[&str])] = &[
    (
        "cyber",
        &[
            "ransomware",
            "attribution",
            "espionage",
            "critical infrastructure",
        ],
    ),
    (
        "sanctions",
        &["export controls", "financial measures", "asset freezes"],
    ),
    (
        "nuclear",
        &["enrichment", "inspections", "nonproliferation"],
    ),
    (
        "maritime",
        &["shipping lanes", "naval patrols", "territorial claims"],
    ),
    (
        "elections",
        &["disinformation", "influence operations", "ballot security"],
    ),
    (
        "conflict",
        &["ceasefire", "humanitarian access", "troop movements"],
    ),
    ("energy", &["gas supply", "pipelines", "oil prices"]),
    (
        "health",
        &["pandemic response", "vaccine supply", "outbreak"],
    ),
    ("trade", &["tariffs", "supply chains", "semiconductors"]),
    ("terrorism", &["counterterrorism", "financing", "hostages"]),
    (
        "space",
        &["satellites", "anti-satellite tests", "launch notifications"],
    ),
    ("migration", &["border controls", "asylum", "refugee flows"]),
];

const TAGS: &[&str] = &[
    "cyber",
    "attribution",
    "sanctions",
    "nuclear",
    "maritime",
    "elections",
    "disinformation",
    "ceasefire",
    "energy",
    "health",
    "trade",
    "export-controls",
    "terrorism",
    "space",
    "migration",
    "intelligence",
    "diplomacy",
    "military",
    "finance",
    "human rights",
    "critical infrastructure",
    "supply chains",
    "arms control",
    "alliances",
    "law enforcement",
    "technology",
    "Asia-Pacific",
    "Europe",
    "Middle East",
    "Africa",
    "Americas",
    "Arctic",
    "UN",
    "G7",
];

const VERBS: &[&str] = &[
    "announced",
    "denied",
    "confirmed",
    "condemned",
    "warned of",
    "called for",
    "rejected",
    "welcomed",
    "investigated",
    "disclosed",
    "proposed",
    "signed",
    "suspended",
    "expanded",
    "questioned",
    "attributed",
];

const OBJECTS: &[&str] = &[
    "new restrictions on technology exports",
    "a coordinated response to the intrusion",
    "an inquiry into the incident",
    "talks on a temporary ceasefire",
    "the release of detained crew members",
    "fresh sanctions against named individuals",
    "a joint statement with its partners",
    "emergency funding for affected regions",
    "the expulsion of several diplomats",
    "a review of critical infrastructure security",
    "limits on enrichment at declared sites",
    "closer information sharing with industry",
    "the suspension of scheduled inspections",
    "a timetable for phased withdrawal",
    "reports of interference in the vote",
    "a framework for future negotiations",
];

const QUALIFIERS: &[&str] = &[
    "after weeks of private talks",
    "citing classified assessments",
    "despite objections from several members",
    "in a statement late on Tuesday",
    "according to officials familiar with the matter",
    "without providing evidence",
    "under pressure from domestic critics",
    "as markets reacted",
    "ahead of the summit",
    "following the latest incident",
    "in coordination with allies",
    "while negotiations continued",
];

const CONNECTORS: &[&str] = &[
    "Officials said the move was expected.",
    "Analysts were divided on its significance.",
    "The decision drew a sharp response.",
    "Details remain unclear.",
    "Several partners are expected to follow.",
    "The timing reflects mounting pressure at home.",
    "Independent confirmation has not been possible.",
    "The measure takes effect immediately.",
    "Critics called it a #1 priority that came too late.",
    "One diplomat put it bluntly: \"we were not consulted.\"",
    "It is the third such step this year.",
    "Costs could run into billions.",
];

const PUBLISHERS: &[(&str, &str)] = &[
    ("Reuters", "reuters.com"),
    ("Associated Press", "apnews.com"),
    ("FCW", "fcw.com"),
    ("The Guardian", "theguardian.com"),
    ("Le Monde", "lemonde.fr"),
    ("Der Spiegel", "spiegel.de"),
    ("NHK World", "nhk.or.jp"),
    ("Al Jazeera", "aljazeera.com"),
    ("Council on Foreign Relations", "cfr.org"),
    ("Office of the Director of National Intelligence", "dni.gov"),
    ("Financial Times", "ft.com"),
    ("Kyiv Independent", "kyivindependent.com"),
    ("South China Morning Post", "scmp.com"),
    ("Folha de S.Paulo", "folha.uol.com.br"),
    ("The Record", "therecord.media"),
    ("Bellingcat", "bellingcat.com"),
];

const LOCATIONS: &[&str] = &[
    "Washington, D.C.",
    "Brussels",
    "Geneva",
    "New York",
    "Vienna",
    "São Paulo",
    "Seoul",
    "Tokyo",
    "Kyiv",
    "Doha",
    "Nairobi",
    "The Hague",
    "Tallinn",
    "Singapore",
    "Reykjavík",
];

const CONTEXTS: &[&str] = &[
    "Press conference",
    "Interview with a national broadcaster",
    "Remarks to the Security Council",
    "Written statement",
    "Parliamentary testimony",
    "Briefing to reporters, on background",
    "Post on an official social media account",
    "Speech at a security conference",
    "Joint press availability",
];

const SAYINGS: &[&str] = &[
    "We will respond at a time and in a manner of our choosing",
    "There is no evidence whatsoever for these accusations",
    "This is a matter for the courts, not for politicians",
    "Our partners have been informed and are ready to act",
    "We do not make this accusation lightly",
    "The door to dialogue remains open",
    "Nobody should doubt our resolve",
    "These measures are proportionate and reversible",
    "We are still assessing the damage",
    "It's too early to say who is behind it",
    "The region cannot afford another crisis",
    "Let me be clear: this will not stand",
    "We have asked for an independent investigation",
    "Talks will resume next week",
];

const OFFSETS: &[&str] = &[
    "Z", "+00:00", "-05:00", "-04:00", "+01:00", "+02:00", "+03:00", "+05:30", "+08:00", "+09:00",
    "-03:00",
];

const CLASSIFICATIONS: &[&str] = &[
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "EXERCISE",
    "TLP:CLEAR",
    "TLP:AMBER",
];

// ---------------------------------------------------------------------------
// One briefing

/// A pool actor as written in one file.
struct Cast {
    pool: usize,
    id: String,
    name: String,
}

#[derive(Clone, Copy)]
struct Day {
    y: usize,
    m: usize,
    d: usize,
}

impl Day {
    fn random(r: &mut Rng, from_year: usize, to_year: usize) -> Day {
        Day {
            y: r.range(from_year, to_year),
            m: r.range(1, 12),
            d: r.range(1, 28),
        }
    }

    fn key(self) -> usize {
        (self.y * 13 + self.m) * 32 + self.d
    }

    fn day(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// The date in a random precision and spelling.
    fn any_precision(self, r: &mut Rng) -> String {
        match r.below(100) {
            0..=4 => format!("{}", self.y),
            5..=9 => format!("\"{}\"", self.y),
            10..=24 => format!("{:04}-{:02}", self.y, self.m),
            25..=29 => format!("'{:04}-{:02}'", self.y, self.m),
            30..=79 => self.day(),
            _ => {
                let (h, mi, s) = (r.below(24), r.below(60), r.below(60));
                let off = r.pick(OFFSETS);
                format!("{}T{h:02}:{mi:02}:{s:02}{off}", self.day())
            }
        }
    }
}

fn briefing(pool: &Pool, seed: u64, index: usize) -> (PathBuf, String) {
    let mut r = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
    let issued = Day::random(&mut r, 2016, 2024);
    let (topic, themes) = *r.pick(TOPICS);
    let theme = *r.pick(themes);

    // The cast: popular actors (countries, big organizations) come up far more often.
    let n_actors = r.range(8, 25);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < n_actors {
        let i = if r.chance(45) {
            let top = r.below(pool.actors.len()) + 1;
            r.below(top)
        } else {
            r.below(pool.actors.len())
        };
        if !chosen.contains(&i) {
            chosen.push(i);
            // A person or a government body often comes with whom it belongs to.
            if let Some(aff) = pool.actors[i].affiliation
                && chosen.len() < n_actors
                && !chosen.contains(&aff)
                && r.chance(60)
            {
                chosen.push(aff);
            }
        }
    }
    let mut cast: Vec<Cast> = Vec::new();
    for &p in &chosen {
        let a = &pool.actors[p];
        let name = display_name(&mut r, a);
        let base = if r.chance(25) {
            slug(&name)
        } else {
            a.id.clone()
        };
        let mut id = base.clone();
        let mut n = 2;
        while cast.iter().any(|c| c.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        cast.push(Cast { pool: p, id, name });
    }

    let lead = &cast[0].name;
    let second = &cast[1].name;
    let title = match r.below(4) {
        0 => format!("{lead} and {second}: {theme} under scrutiny"),
        1 => format!("{lead} moves on {theme}"),
        2 => format!("{} {theme} dispute involving {second}", capitalize(topic)),
        _ => format!("What {lead}'s {theme} decision means"),
    };
    let id = {
        let mut s = slug(&format!("{lead} {theme}"));
        s.truncate(40);
        let s = s.trim_end_matches(['-', '_']);
        format!("{s}-{}-{index:05}", issued.y)
    };

    let mut o = String::with_capacity(24 * 1024);
    if r.chance(3) {
        o.push('\u{feff}');
    }
    if r.chance(10) {
        let _ = writeln!(o, "# Synthetic briefing {index} for load benchmarks");
    }
    if r.chance(90) {
        o.push_str("briefing: 1\n");
    }
    let _ = writeln!(o, "id: {id}");
    let _ = writeln!(o, "title: {}", text(&mut r, &title));
    let _ = writeln!(o, "date: {}", issued.day());
    if r.chance(30) {
        let _ = writeln!(
            o,
            "classification: {}",
            text(&mut r, CLASSIFICATIONS[index % CLASSIFICATIONS.len()])
        );
    }
    let summary = paragraphs(&mut r, &cast, 1, 4, 6);
    block(&mut o, &mut r, 0, "summary", &summary);
    let n_tags = r.range(2, 6);
    let mut tags: Vec<&str> = vec![topic];
    while tags.len() < n_tags {
        let t = *r.pick(TAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    list(&mut o, &mut r, 0, "tags", &tags);
    if r.chance(8) {
        let _ = writeln!(o, "x-ingest:\n  batch: {}\n  reviewed: false", index % 97);
    }

    // Sources.
    let n_sources = r.range(3, 8);
    let mut source_ids: Vec<String> = Vec::new();
    o.push_str("sources:\n");
    for k in 0..n_sources {
        let (publisher, domain) = *r.pick(PUBLISHERS);
        let sid = format!("{}-{}", slug(publisher), k + 1);
        let day = Day::random(&mut r, issued.y.saturating_sub(2), issued.y);
        let stitle = sentence(&mut r, &cast);
        let stitle = stitle.trim_end_matches('.');
        let _ = writeln!(o, "  - id: {sid}");
        let _ = writeln!(o, "    title: {}", text(&mut r, stitle));
        if r.chance(85) {
            let _ = writeln!(o, "    publisher: {}", text(&mut r, publisher));
        }
        if r.chance(80) {
            let path = slug(stitle);
            let _ = writeln!(
                o,
                "    url: https://www.{domain}/{}/{:02}/{path}",
                day.y, day.m
            );
        }
        if r.chance(75) {
            let _ = writeln!(o, "    date: {}", day.any_precision(&mut r));
        }
        source_ids.push(sid);
    }

    // The event.
    let _ = writeln!(o, "event:");
    let t = sentence(&mut r, &cast);
    let _ = writeln!(o, "  title: {}", text(&mut r, t.trim_end_matches('.')));
    let _ = writeln!(o, "  date: {}", issued.any_precision(&mut r));
    if r.chance(85) {
        let place = *r.pick(LOCATIONS);
        let _ = writeln!(o, "  location: {}", text(&mut r, place));
    }
    if r.chance(85) {
        let p = paragraphs(&mut r, &cast, 1, 2, 5);
        block(&mut o, &mut r, 2, "description", &p);
    }

    // Actors.
    o.push_str("actors:\n");
    for c in &cast {
        let a = &pool.actors[c.pool];
        let _ = writeln!(o, "  - id: {}", c.id);
        let _ = writeln!(o, "    name: {}", text(&mut r, &c.name));
        if r.chance(90) {
            let _ = writeln!(o, "    kind: {}", a.kind);
        }
        if let Some(role) = &a.role
            && r.chance(85)
        {
            let _ = writeln!(o, "    role: {}", text(&mut r, role));
        }
        if let Some(aff) = a.affiliation
            && let Some(other) = cast.iter().find(|c| c.pool == aff)
        {
            let _ = writeln!(o, "    affiliation: {}", other.id);
        }
        if r.chance(90) {
            // Other names: the pool's aliases, and the canonical name when the
            // file shows the actor under another one.
            let mut aliases: Vec<&str> = Vec::new();
            if c.name != a.name {
                aliases.push(&a.name);
            }
            for al in &a.aliases {
                if *al != c.name && r.chance(80) {
                    aliases.push(al);
                }
            }
            if !aliases.is_empty() {
                list(&mut o, &mut r, 4, "aliases", &aliases);
            }
        }
        if r.chance(40) {
            let mut p = vec![a.description.clone()];
            if r.chance(50) {
                p[0].push(' ');
                p[0].push_str(&sentence(&mut r, &cast));
            }
            block(&mut o, &mut r, 4, "description", &p);
        }
    }

    // Timeline, over several years up to the briefing date.
    let n_entries = r.range(15, 50);
    let mut days: Vec<Day> = (0..n_entries)
        .map(|_| {
            let mut d = Day::random(&mut r, issued.y.saturating_sub(4), issued.y);
            if d.key() > issued.key() {
                d = issued;
            }
            d
        })
        .collect();
    if r.chance(80) {
        days.sort_by_key(|d| d.key());
    }
    o.push_str("timeline:\n");
    for day in days {
        let _ = writeln!(o, "  - date: {}", day.any_precision(&mut r));
        let t = sentence(&mut r, &cast);
        let _ = writeln!(o, "    title: {}", text(&mut r, t.trim_end_matches('.')));
        if r.chance(45) {
            let p = paragraphs(&mut r, &cast, 1, 2, 3);
            block(&mut o, &mut r, 4, "detail", &p);
        }
        if r.chance(85) {
            let ids = some_ids(&mut r, &cast, 1, 4);
            list(&mut o, &mut r, 4, "actors", &ids);
        }
        if r.chance(70) {
            let _ = writeln!(o, "    source: {}", r.pick(&source_ids));
        }
        if r.chance(12) {
            o.push_str("    approximate: true\n");
        } else if r.chance(4) {
            o.push_str("    approximate: false\n");
        }
        if r.chance(40) {
            let _ = writeln!(
                o,
                "    confidence: {}",
                r.pick(&["low", "moderate", "high"])
            );
        }
    }

    // Quotes.
    let n_quotes = r.range(8, 30);
    o.push_str("quotes:\n");
    for _ in 0..n_quotes {
        let who = &cast[r.below(cast.len())];
        let _ = writeln!(o, "  - actor: {}", who.id);
        let mut said = r.pick(SAYINGS).to_string();
        for _ in 0..r.below(2) {
            said.push_str(". ");
            said.push_str(r.word(SAYINGS));
        }
        said.push('.');
        if r.chance(25) {
            block(&mut o, &mut r, 4, "text", &[said]);
        } else {
            let _ = writeln!(o, "    text: {}", text(&mut r, &said));
        }
        if r.chance(70) {
            let d = Day::random(&mut r, issued.y.saturating_sub(1), issued.y);
            let _ = writeln!(o, "    date: {}", d.any_precision(&mut r));
        }
        if r.chance(60) {
            let context = *r.pick(CONTEXTS);
            let _ = writeln!(o, "    context: {}", text(&mut r, context));
        }
        if r.chance(60) {
            let _ = writeln!(o, "    source: {}", r.pick(&source_ids));
        }
        if r.chance(20) {
            o.push_str("    paraphrase: true\n");
        }
    }

    // Implications.
    let n_impl = r.range(3, 8);
    o.push_str("implications:\n");
    for _ in 0..n_impl {
        let t = sentence(&mut r, &cast);
        let _ = writeln!(o, "  - title: {}", text(&mut r, t.trim_end_matches('.')));
        if r.chance(90) {
            let p = paragraphs(&mut r, &cast, 1, 2, 4);
            block(&mut o, &mut r, 4, "detail", &p);
        }
        if r.chance(80) {
            let ids = some_ids(&mut r, &cast, 1, 3);
            list(&mut o, &mut r, 4, "actors", &ids);
        }
        if r.chance(80) {
            let _ = writeln!(o, "    priority: {}", r.pick(&["low", "medium", "high"]));
        }
        if r.chance(50) {
            let _ = writeln!(
                o,
                "    confidence: {}",
                r.pick(&["low", "moderate", "high"])
            );
        }
    }

    if r.chance(3) {
        o = o.replace('\n', "\r\n");
    }

    let ext = if index % 17 == 5 { "yml" } else { "yaml" };
    let file = format!("{id}.{ext}");
    let rel = match index % 10 {
        0..=2 => PathBuf::from(file),
        3..=8 => Path::new(&issued.y.to_string()).join(file),
        _ => Path::new(&issued.y.to_string())
            .join(format!("q{}", (issued.m - 1) / 3 + 1))
            .join(file),
    };
    (rel, o)
}

/// How a file shows a pool actor's name: usually the pool's, sometimes an
/// alias, another capitalization or other punctuation.
fn display_name(r: &mut Rng, a: &PoolActor) -> String {
    match r.below(100) {
        0..=59 => a.name.clone(),
        60..=74 if !a.aliases.is_empty() => r.pick(&a.aliases).clone(),
        75..=82 => {
            if r.chance(50) {
                a.name.to_uppercase()
            } else {
                a.name.to_lowercase()
            }
        }
        83..=94 => {
            let v = a
                .name
                .replace("U.S.", "US")
                .replace("'s ", "s ")
                .replace('-', " ")
                .replace(" and ", " & ")
                .replace("The ", "the ");
            if v == a.name {
                a.name.to_uppercase()
            } else {
                v
            }
        }
        _ => a.name.clone(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One sentence naming an actor of the briefing.
fn sentence(r: &mut Rng, cast: &[Cast]) -> String {
    let who = &cast[r.below(cast.len())].name;
    let mut s = format!("{who} {} {}", r.pick(VERBS), r.pick(OBJECTS));
    if r.chance(60) {
        s.push(' ');
        s.push_str(r.word(QUALIFIERS));
    }
    s.push('.');
    capitalize(&s)
}

/// `count` paragraphs (`lo..=hi` of them) of `sentences` sentences at most.
fn paragraphs(r: &mut Rng, cast: &[Cast], lo: usize, hi: usize, sentences: usize) -> Vec<String> {
    (0..r.range(lo, hi))
        .map(|_| {
            let n = r.range(1, sentences);
            let mut p = String::new();
            for k in 0..n {
                if k > 0 {
                    p.push(' ');
                }
                if r.chance(20) {
                    p.push_str(r.word(CONNECTORS));
                } else {
                    p.push_str(&sentence(r, cast));
                }
            }
            p
        })
        .collect()
}

fn some_ids<'a>(r: &mut Rng, cast: &'a [Cast], lo: usize, hi: usize) -> Vec<&'a str> {
    let n = r.range(lo, hi.min(cast.len()));
    let mut ids: Vec<&str> = Vec::new();
    while ids.len() < n {
        let id = cast[r.below(cast.len())].id.as_str();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// A multi-line text as a block scalar (literal or folded), wrapped near 78 columns.
fn block(o: &mut String, r: &mut Rng, indent: usize, key: &str, paragraphs: &[String]) {
    let pad = " ".repeat(indent);
    let inner = " ".repeat(indent + 2);
    let style = *r.pick(&["|", "|-", ">", ">-"]);
    let _ = writeln!(o, "{pad}{key}: {style}");
    for (k, p) in paragraphs.iter().enumerate() {
        if k > 0 {
            o.push('\n');
        }
        let mut line = String::new();
        for word in p.split(' ') {
            if !line.is_empty() && inner.len() + line.len() + 1 + word.len() > 78 {
                let _ = writeln!(o, "{inner}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(o, "{inner}{line}");
    }
}

/// A list of short texts: in flow style (`[a, b]`) when every item allows it,
/// otherwise (or sometimes anyway) one item a line.
fn list(o: &mut String, r: &mut Rng, indent: usize, key: &str, items: &[&str]) {
    let pad = " ".repeat(indent);
    if items.iter().all(|s| plain_ok(s, true)) && r.chance(75) {
        let _ = writeln!(o, "{pad}{key}: [{}]", items.join(", "));
    } else {
        let _ = writeln!(o, "{pad}{key}:");
        for s in items {
            let _ = writeln!(o, "{pad}  - {}", text(r, s));
        }
    }
}

/// A one-line text as a YAML scalar: plain when that reads back the same,
/// otherwise single- or double-quoted.
fn text(r: &mut Rng, s: &str) -> String {
    let plain = plain_ok(s, false);
    match r.below(100) {
        0..=79 if plain => s.to_string(),
        0..=89 if !s.contains('\\') && !s.chars().any(char::is_control) => {
            format!("'{}'", s.replace('\'', "''"))
        }
        _ => {
            let mut q = String::with_capacity(s.len() + 2);
            q.push('"');
            for c in s.chars() {
                match c {
                    '"' => q.push_str("\\\""),
                    '\\' => q.push_str("\\\\"),
                    '\n' => q.push_str("\\n"),
                    '\t' => q.push_str("\\t"),
                    c => q.push(c),
                }
            }
            q.push('"');
            q
        }
    }
}

/// Whether `s` can be written as a plain scalar and read back as the same text.
fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.chars().any(char::is_control) {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}', '#', ':']) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    ) {
        return false;
    }
    !(first.is_ascii_digit() || first == '.') || s.parse::<f64>().is_err() && s.contains(' ')
}

/// An id made from a name: ASCII letters and digits, accents dropped, joined by `-`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ễ' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ł' => 'l',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c => c,
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if c == '\'' || c == '.' {
            // "O'Brien" is obrien, "U.S." is us.
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Room for a `-2` suffix within the 64 characters of a slug.
    let mut out = out.trim_end_matches('-').to_string();
    out.truncate(60);
    out
}
