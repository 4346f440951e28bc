//! Writes a synthetic library whose briefings are shaped unlike `gen-library`'s, so that
//! a figure measured on one generator can be checked on another.
//!
//! ```text
//! cargo run --release --example gen-shapes -- SHAPE COUNT DIR [SEED]
//! ```
//!
//! SHAPE is one of:
//! - `dense`: many small items per byte (80 to 160 short timeline entries, 40 to 90
//!   short quotes, 30 to 60 actors, flow-style mappings and lists): the per-item cost;
//! - `long`: few items with long texts (summaries and details of 2 to 40 KB);
//! - `unicode`: texts mostly outside ASCII (Cyrillic, Greek, CJK, Arabic, accented
//!   Latin), names in several scripts: case-insensitive search and wide characters;
//! - `mixed`: each file takes one of the three, and the folder nesting goes deeper.
//!
//! Everything is in one self-contained file with its own word lists, so it shares no
//! habit with `gen-library`. The same arguments give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen-shapes dense|long|unicode|mixed COUNT DIR [SEED]";

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Dense,
    Long,
    Unicode,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "ministry",
    "pipeline",
    "ceasefire",
    "tariff",
    "intrusion",
    "mandate",
    "delegation",
    "embargo",
    "treaty",
    "satellite",
    "reservoir",
    "grid",
    "harbour",
    "corridor",
    "audit",
    "ledger",
    "vaccine",
    "border",
    "refinery",
    "summit",
    "consortium",
    "tribunal",
    "quota",
    "cable",
    "firmware",
    "convoy",
    "parliament",
    "census",
    "reactor",
    "subsidy",
    "drone",
    "archive",
    "mission",
    "charter",
    "district",
    "exchange",
    "militia",
    "dossier",
    "port",
    "registry",
    "signal",
    "freight",
    "water",
    "wheat",
    "lithium",
    "cobalt",
    "election",
];

const VERBS: &[&str] = &[
    "suspended",
    "ratified",
    "disputed",
    "leaked",
    "blocked",
    "extended",
    "announced",
    "withdrew from",
    "inspected",
    "rerouted",
    "sanctioned",
    "audited",
    "restored",
    "seized",
];

const UNICODE_WORDS: &[&str] = &[
    "министерство",
    "перемирие",
    "соглашение",
    "граница",
    "Σύνοδος",
    "συμφωνία",
    "λιμάνι",
    "ΕΝΈΡΓΕΙΑ",
    "协议",
    "边境",
    "能源安全",
    "港口",
    "الحدود",
    "اتفاقية",
    "الطاقة",
    "Ölpreis",
    "Straße",
    "ÉNERGIE",
    "frontière",
    "İstanbul",
    "çevre",
    "Łódź",
    "Ærø",
    "ﬁnancement",
    "Großhandel",
    "ΣΟΦΟΣ",
    "ǅemal",
    "ŉ",
    "ǰ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Привет",
    "ДОГОВОР",
];

const PLACES: &[&str] = &[
    "Valletta",
    "Tromsø",
    "Nouakchott",
    "Ulaanbaatar",
    "Montevideo",
    "Tbilisi",
    "Windhoek",
    "Reykjavík",
    "Thimphu",
    "Asunción",
    "Suva",
    "Bishkek",
    "Ljubljana",
    "Dushanbe",
];

const GIVEN: &[&str] = &[
    "Ines",
    "Tariq",
    "Mirela",
    "Kofi",
    "Anouk",
    "Bao",
    "Radu",
    "Saoirse",
    "Yerlan",
    "Dalia",
    "Émile",
    "Żaneta",
    "Θεόδωρος",
    "Наталья",
    "美玲",
    "Чингис",
    "Aroha",
    "Ilse",
];

const FAMILY: &[&str] = &[
    "Varga",
    "Okafor",
    "Lindgren",
    "Quispe",
    "Haddadi",
    "Novotná",
    "Ferreira",
    "Kowalczyk",
    "Nakamura",
    "Mensah",
    "Østergaard",
    "Παπαδόπουλος",
    "Смирнова",
    "王",
    "Abubakar",
];

const BODIES: &[&str] = &[
    "Water Authority",
    "Grid Operator",
    "Port Commission",
    "Audit Office",
    "Cyber Directorate",
    "Customs Service",
    "Election Board",
    "Health Agency",
    "Maritime Police",
    "Energy Regulator",
];

const KINDS: &[&str] = &["person", "organization", "government", "country", "group"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 || args.len() > 4 || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let shapes: &[Shape] = match args[0].as_str() {
        "dense" => &[Shape::Dense],
        "long" => &[Shape::Long],
        "unicode" => &[Shape::Unicode],
        "mixed" => &[Shape::Dense, Shape::Long, Shape::Unicode],
        other => {
            eprintln!("gen-shapes: unknown shape `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (Ok(count), dir) = (args[1].parse::<usize>(), PathBuf::from(&args[2])) else {
        eprintln!("gen-shapes: COUNT must be a number\n{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(seed) = args.get(3).map_or(Ok(11), |s| s.parse::<u64>()) else {
        eprintln!("gen-shapes: SEED must be a number\n{USAGE}");
        return ExitCode::from(2);
    };
    let mut bytes = 0usize;
    for i in 0..count {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i as u64 + 1) << 1 | 1);
        for _ in 0..4 {
            r.next();
        }
        let shape = *r.pick(shapes);
        let text = briefing(&mut r, shape, i);
        let path = place(&dir, &mut r, shapes.len() > 1, i);
        if let Err(e) = write(&path, &text) {
            eprintln!("gen-shapes: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        bytes += text.len();
    }
    println!(
        "{count} briefings, {bytes} bytes ({:.1} MB) in {} (shape {}, seed {seed})",
        bytes as f64 / 1e6,
        dir.display(),
        args[0]
    );
    ExitCode::SUCCESS
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Where file `i` goes: flat, or nested three deep for `mixed`.
fn place(dir: &Path, r: &mut Rng, deep: bool, i: usize) -> PathBuf {
    let name = format!("shape-{i:06}.{}", if r.chance(20) { "yml" } else { "yaml" });
    if deep {
        dir.join(format!("desk-{}", r.below(6)))
            .join(format!("{}", 2000 + r.below(25)))
            .join(format!("m{:02}", 1 + r.below(12)))
            .join(name)
    } else {
        dir.join(format!("batch-{:02}", i % 16)).join(name)
    }
}

/// A YAML double-quoted scalar: every character allowed, `"` and `\` escaped.
fn q(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            _ => o.push(c),
        }
    }
    o.push('"');
    o
}

fn words(r: &mut Rng, shape: Shape, lo: usize, hi: usize) -> String {
    let n = r.range(lo, hi);
    let mut o = String::new();
    for k in 0..n {
        if k > 0 {
            o.push(' ');
        }
        let w = if shape == Shape::Unicode && r.chance(70) {
            r.pick(UNICODE_WORDS)
        } else if k % 5 == 2 {
            r.pick(VERBS)
        } else {
            r.pick(WORDS)
        };
        o.push_str(w);
    }
    o
}

fn date(r: &mut Rng) -> String {
    let y = 2000 + r.below(26);
    match r.below(10) {
        0 => format!("{y}"),
        1 | 2 => format!("{y}-{:02}", 1 + r.below(12)),
        3 => format!(
            "{y}-{:02}-{:02}T{:02}:{:02}:00Z",
            1 + r.below(12),
            1 + r.below(28),
            r.below(24),
            r.below(60)
        ),
        _ => format!("{y}-{:02}-{:02}", 1 + r.below(12), 1 + r.below(28)),
    }
}

/// A block scalar of `paras` paragraphs, indented by `indent`.
fn block(
    o: &mut String,
    r: &mut Rng,
    shape: Shape,
    indent: usize,
    paras: (usize, usize),
    per: (usize, usize),
) {
    let (paras, per) = (r.range(paras.0, paras.1), r.range(per.0, per.1));
    o.push_str(if r.chance(50) { "|\n" } else { ">\n" });
    let pad = " ".repeat(indent);
    for p in 0..paras {
        if p > 0 {
            o.push('\n');
        }
        for _ in 0..per {
            let _ = writeln!(o, "{pad}{}.", words(r, shape, 8, 14));
        }
    }
}

fn briefing(r: &mut Rng, shape: Shape, i: usize) -> String {
    let mut o = String::new();
    let (actors, entries, quotes, impls) = match shape {
        Shape::Dense => (
            r.range(30, 60),
            r.range(80, 160),
            r.range(40, 90),
            r.range(8, 20),
        ),
        Shape::Long => (r.range(3, 8), r.range(3, 10), r.range(2, 6), r.range(2, 4)),
        Shape::Unicode => (
            r.range(8, 20),
            r.range(20, 45),
            r.range(10, 25),
            r.range(3, 8),
        ),
    };
    let _ = writeln!(o, "briefing: 1");
    let _ = writeln!(o, "id: shape-{i:06}");
    let _ = writeln!(o, "title: {}", q(&words(r, shape, 4, 9)));
    let _ = writeln!(o, "date: {}", date(r));
    if r.chance(30) {
        let _ = writeln!(o, "classification: OFFICIAL");
    }
    o.push_str("summary: ");
    match shape {
        Shape::Long => block(&mut o, r, shape, 2, (10, 80), (2, 6)),
        _ => block(&mut o, r, shape, 2, (1, 1), (1, 3)),
    }
    let tags: Vec<String> = (0..r.range(1, 5))
        .map(|_| r.pick(WORDS).to_string())
        .collect();
    let _ = writeln!(o, "tags: [{}]", tags.join(", "));
    let sources = r.range(1, 6);
    o.push_str("sources:\n");
    for s in 0..sources {
        let _ = writeln!(
            o,
            "  - {{id: src-{s}, title: {}, publisher: {}, url: \"https://example.org/{i}/{s}\"}}",
            q(&words(r, shape, 3, 8)),
            q(r.pick::<&str>(BODIES))
        );
    }
    let _ = writeln!(o, "event:");
    let _ = writeln!(o, "  title: {}", q(&words(r, shape, 5, 10)));
    let _ = writeln!(o, "  date: {}", date(r));
    let _ = writeln!(o, "  location: {}", q(r.pick::<&str>(PLACES)));
    o.push_str("  description: ");
    match shape {
        Shape::Long => block(&mut o, r, shape, 4, (5, 40), (2, 5)),
        _ => block(&mut o, r, shape, 4, (1, 1), (2, 2)),
    }
    o.push_str("actors:\n");
    for a in 0..actors {
        let kind = *r.pick(KINDS);
        let name = match kind {
            "person" => format!("{} {}", r.pick(GIVEN), r.pick(FAMILY)),
            _ => format!("{} {}", r.pick(PLACES), r.pick(BODIES)),
        };
        // An actor's own alias only: its name in capitals, so aliases join nothing wrongly.
        if shape == Shape::Dense {
            let _ = writeln!(
                o,
                "  - {{id: a{a}, name: {}, kind: {kind}, aliases: [{}]}}",
                q(&name),
                q(&name.to_uppercase())
            );
        } else {
            let _ = writeln!(o, "  - id: a{a}\n    name: {}\n    kind: {kind}", q(&name));
            if r.chance(50) {
                let _ = writeln!(o, "    role: {}", q(&words(r, shape, 2, 4)));
            }
            if r.chance(40) {
                o.push_str("    description: ");
                let per = if shape == Shape::Long { 6 } else { 1 };
                block(&mut o, r, shape, 6, (1, 1), (per, per));
            }
        }
    }
    o.push_str("timeline:\n");
    for _ in 0..entries {
        let who: Vec<String> = (0..r.range(0, 3))
            .map(|_| format!("a{}", r.below(actors)))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if shape == Shape::Dense {
            let _ = writeln!(
                o,
                "  - {{date: {}, title: {}, actors: [{}]{}}}",
                date(r),
                q(&words(r, shape, 2, 5)),
                who.join(", "),
                if r.chance(20) {
                    ", approximate: true"
                } else {
                    ""
                }
            );
        } else {
            let _ = writeln!(
                o,
                "  - date: {}\n    title: {}",
                date(r),
                q(&words(r, shape, 4, 10))
            );
            let _ = writeln!(o, "    actors: [{}]", who.join(", "));
            let _ = writeln!(o, "    source: src-{}", r.below(sources));
            o.push_str("    detail: ");
            let paras = if shape == Shape::Long {
                (3, 30)
            } else {
                (1, 1)
            };
            block(&mut o, r, shape, 6, paras, (2, 2));
        }
    }
    o.push_str("quotes:\n");
    for _ in 0..quotes {
        let who = r.below(actors);
        if shape == Shape::Dense {
            let _ = writeln!(
                o,
                "  - {{actor: a{who}, text: {}}}",
                q(&words(r, shape, 2, 6))
            );
        } else {
            let _ = writeln!(
                o,
                "  - actor: a{who}\n    text: {}",
                q(&words(r, shape, 6, 30))
            );
            let _ = writeln!(
                o,
                "    date: {}\n    source: src-{}",
                date(r),
                r.below(sources)
            );
            if r.chance(30) {
                let _ = writeln!(o, "    paraphrase: true");
            }
            if r.chance(50) {
                let _ = writeln!(o, "    context: {}", q(&words(r, shape, 3, 8)));
            }
        }
    }
    o.push_str("implications:\n");
    for _ in 0..impls {
        let _ = writeln!(
            o,
            "  - title: {}\n    priority: {}\n    confidence: {}",
            q(&words(r, shape, 4, 9)),
            r.pick(&["low", "medium", "high"]),
            r.pick(&["low", "moderate", "high"])
        );
        if shape != Shape::Dense {
            o.push_str("    detail: ");
            let paras = if shape == Shape::Long {
                (2, 20)
            } else {
                (1, 1)
            };
            block(&mut o, r, shape, 6, paras, (3, 3));
        }
    }
    o
}
