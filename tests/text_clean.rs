//! Display cleaning: what may reach the terminal, and that ratatui draws it as measured.

use std::borrow::Cow;

use brief::text::{MAX_MARKS, clean_block, clean_line};
use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';

// ---------------------------------------------------------------------------
// Generators

/// Pieces of text an attacker (or a careless editor) might put in a briefing.
const HOSTILE: &[&str] = &[
    "\x1b]0;title\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\u{9b}2J",
    "\u{9d}0;t\u{9c}",
    "\x07",
    "\x00",
    "\x08",
    "\x0b",
    "\x0c",
    "\x7f",
    "\u{85}",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\u{2028}",
    "\u{2029}",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200E}",
    "\u{200F}",
    "\u{61C}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{2060}",
    "\u{2062}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{E0001}",
    "\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "\u{E0041}",
    "\u{301}",
    "\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}",
    "\u{20DD}",
    "\u{FE0F}",
    "\u{FE0E}",
    "\u{E0100}",
    "\u{34F}",
    "\u{1F3FD}",
    "\u{3164}",
    "\u{115F}",
    "\u{1160}",
    "\u{1161}",
    "\u{11A8}",
    "\u{D4E}",
    "\u{605}",
    "\u{600}",
    "\u{A8FA}",
    "\u{FF9E}",
    "\u{FF9F}",
    "\u{FFF9}",
    "\u{25CC}",
    "\u{241B}",
    "U+009B",
    "a",
    "Z",
    " ",
    "日",
    "ｶ",
    "ᄀ",
    "👨",
    "👩",
    "👧",
    "🏴",
    "🏳",
    "❤",
    "🇺",
    "©",
    "ل",
    "ا",
    "ی",
    "خ",
    "क",
    "\u{94D}",
    "ष",
    "ក",
    "\u{17D2}",
    "\u{E000}",
    "\u{FFFF}",
    "\u{10FFFF}",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(HOSTILE), 0..32).prop_map(|v| v.concat())
}

fn arbitrary_string() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..32).prop_map(|v| v.into_iter().collect())
}

/// Characters from scripts whose shaping or width rules are unusual, mixed with marks
/// and joiners.
fn script_string() -> impl Strategy<Value = String> {
    let ranges = prop_oneof![
        prop::char::range('\u{300}', '\u{36F}'),
        prop::char::range('\u{590}', '\u{5FF}'),
        prop::char::range('\u{600}', '\u{6FF}'),
        prop::char::range('\u{900}', '\u{97F}'),
        prop::char::range('\u{E00}', '\u{E7F}'),
        prop::char::range('\u{F00}', '\u{FFF}'),
        prop::char::range('\u{1100}', '\u{11FF}'),
        prop::char::range('\u{1780}', '\u{17FF}'),
        prop::char::range('\u{1A00}', '\u{1A1F}'),
        prop::char::range('\u{2D30}', '\u{2D7F}'),
        prop::char::range('\u{A4D0}', '\u{A4FF}'),
        prop::char::range('\u{FE00}', '\u{FE0F}'),
        prop::char::range('\u{FF61}', '\u{FF9F}'),
        prop::char::range('\u{10C00}', '\u{10C4F}'),
        prop::char::range('\u{16D40}', '\u{16D7F}'),
        prop::char::range('\u{1F1E6}', '\u{1F1FF}'),
        prop::char::range('\u{1F300}', '\u{1FAFF}'),
        Just(ZWJ),
        Just(ZWNJ),
        Just('\n'),
        Just('\t'),
        Just(' '),
    ];
    prop::collection::vec(ranges, 0..32).prop_map(|v| v.into_iter().collect())
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile_string(),
        arbitrary_string(),
        script_string(),
        any::<String>()
    ]
}

/// Words that must come through untouched.
const PLAIN: &[&str] = &[
    "Budget",
    "2025",
    "Q3",
    "—",
    "“quoted”",
    "(see §4.2)",
    "50%",
    "e-mail",
    "naïve",
    "Ærø",
    "Zürich",
    "Łódź",
    "Ελλάδα",
    "Москва",
    "中华人民共和国",
    "日本語のテキスト",
    "한국어",
    "مرحبا",
    "السلام عليكم",
    "مُحَمَّد",
    "می‌خواهم",
    "שָׁלוֹם",
    "नमस्ते",
    "क्षत्रिय",
    "ภาษาไทย",
    "Tiếng Việt",
    "😀",
    "👍🏽",
    "❤️",
    "🇺🇳",
    "🇪🇺",
    "👨‍👩‍👧",
    "👩‍❤️‍💋‍👨",
    "🏳️‍🌈",
    "🧑🏽‍💻",
    "#️⃣",
    "…",
    "!?",
    "[1]",
];

fn plain_line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PLAIN), 0..12).prop_map(|v| v.join(" "))
}

fn plain_block() -> impl Strategy<Value = String> {
    prop::collection::vec(plain_line(), 0..5).prop_map(|v| v.join("\n"))
}

// ---------------------------------------------------------------------------
// What may appear in cleaned text

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Checks every character of a cleaned line (no line breaks of any kind allowed).
fn check_line_chars(line: &str) -> Result<(), TestCaseError> {
    for c in line.chars() {
        prop_assert!(!c.is_control(), "control {c:?} in {line:?}");
        prop_assert!(c.width().is_some(), "width-less {c:?} in {line:?}");
        prop_assert!(
            !matches!(c, '\u{2028}' | '\u{2029}'),
            "line separator in {line:?}"
        );
        prop_assert!(!is_bidi_control(c), "bidi control {c:?} in {line:?}");
        prop_assert!(!is_invisible_format(c), "invisible {c:?} in {line:?}");
    }
    check_joiners(line)
}

/// ZWJ only inside a grapheme cluster, followed in that cluster by a base character;
/// ZWNJ only between non-ASCII letters.
fn check_joiners(line: &str) -> Result<(), TestCaseError> {
    for cluster in line.graphemes(true) {
        let chars: Vec<char> = cluster.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == ZWJ {
                let next = chars.get(i + 1).copied();
                prop_assert!(
                    i > 0 && next.is_some_and(|n| n.width().is_some_and(|w| w > 0)),
                    "ZWJ not joining two bases in cluster {cluster:?} of {line:?}"
                );
            }
        }
        // Joiners are counted over the last 32 characters of a cluster.
        if chars.len() <= 32 {
            prop_assert!(
                cluster.matches(ZWJ).count() <= brief::text::MAX_JOINS_PER_CLUSTER,
                "too many joiners in {cluster:?}"
            );
        }
    }
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ZWNJ {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            prop_assert!(
                prev.is_some_and(|p| !p.is_ascii())
                    && next.is_some_and(|n| n.is_alphabetic() && !n.is_ascii()),
                "ZWNJ outside a word in {line:?}"
            );
        }
    }
    Ok(())
}

/// No more than `MAX_MARKS` zero-width characters (other than joiners) in a row.
fn check_marks(line: &str) -> Result<(), TestCaseError> {
    let mut run = 0;
    for c in line.chars() {
        if c == ZWJ || c == ZWNJ {
            continue;
        }
        if c.width() == Some(0) {
            run += 1;
            prop_assert!(run <= MAX_MARKS, "more than {MAX_MARKS} marks in {line:?}");
        } else {
            run = 0;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// What ratatui draws

/// A symbol no cleaned text can contain, to see which cells were written.
const UNTOUCHED: &str = "\0";

fn sentinel_buffer(width: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
    for cell in &mut buf.content {
        cell.set_symbol(UNTOUCHED);
    }
    buf
}

/// Reads back a drawn line: the symbols in order (skipping the cells a wide symbol
/// covers, by ratatui's own cell width) and the number of cells used.
fn read_back(buf: &Buffer) -> Result<(String, u16), TestCaseError> {
    let mut text = String::new();
    let mut x = 0u16;
    while x < buf.area.width {
        let cell = &buf[(x, 0)];
        if cell.symbol() == UNTOUCHED {
            break;
        }
        let width = cell.cell_width();
        prop_assert!(width > 0, "zero-width symbol {:?} at {x}", cell.symbol());
        prop_assert_eq!(
            usize::from(width),
            cell.symbol().width(),
            "ratatui and unicode-width disagree on {:?}",
            cell.symbol()
        );
        text.push_str(cell.symbol());
        x += width;
    }
    for rest in x..buf.area.width {
        prop_assert_eq!(buf[(rest, 0)].symbol(), UNTOUCHED, "stray cell at {}", rest);
    }
    Ok((text, x))
}

/// Unicode-width's ligatures that span grapheme clusters (`Lam` + `Alef` in Arabic,
/// a Khmer coeng after something that is not a Khmer consonant, Lisu tone letters, the
/// Tifinagh consonant joiner, Kirat Rai vowel signs): the string is measured narrower
/// than the sum of its clusters, and ratatui draws the clusters. Such text is left as
/// it is, so for it `Line::width` undercounts what is drawn.
fn has_ligature_rule(line: &str) -> bool {
    line.chars().any(|c| {
        matches!(c, '\u{644}' | '\u{6B5}'..='\u{6B8}' | '\u{76A}' | '\u{8A6}' | '\u{17D2}'
            | '\u{A4F8}'..='\u{A4FD}' | '\u{2D7F}' | '\u{16D40}'..='\u{16D7F}')
    })
}

/// Property 2 for one line of cleaned output.
fn check_drawn(line: &str) -> Result<(), TestCaseError> {
    let clusters: usize = line.graphemes(true).map(UnicodeWidthStr::width).sum();
    let measured = UnicodeWidthStr::width(line);
    prop_assert_eq!(Line::from(line).width(), measured);
    let width = u16::try_from(clusters.max(measured) + 4).unwrap();

    let mut buf = sentinel_buffer(width);
    Line::from(line).render(buf.area, &mut buf);
    let (text, cells) = read_back(&buf)?;
    prop_assert_eq!(&text, line, "Line drew something else");
    prop_assert_eq!(usize::from(cells), clusters);
    if !has_ligature_rule(line) {
        prop_assert_eq!(
            usize::from(cells),
            measured,
            "Line::width is not what is drawn"
        );
    }

    let mut buf = sentinel_buffer(width);
    Paragraph::new(line).render(buf.area, &mut buf);
    // Paragraph leaves the cells under a wide symbol alone; Line resets them.
    let (text, para_cells) = read_back(&buf)?;
    prop_assert_eq!(&text, line, "Paragraph drew something else");
    prop_assert_eq!(para_cells, cells);
    Ok(())
}

// ---------------------------------------------------------------------------
// Properties

proptest! {
    // Failures are reported with their minimal input; no regression files are written.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// 1. Nothing that can drive a terminal, reorder or hide text survives.
    #[test]
    fn line_output_is_inert(s in any_input()) {
        let out = clean_line(&s);
        prop_assert!(!out.contains('\n'));
        check_line_chars(&out)?;
        check_marks(&out)?;
    }

    #[test]
    fn block_output_is_inert(s in any_input()) {
        let out = clean_block(&s);
        prop_assert!(!out.contains('\r'));
        for line in out.split('\n') {
            check_line_chars(line)?;
            check_marks(line)?;
        }
    }

    /// 2. Every line is drawn by ratatui exactly as it is measured, nothing dropped.
    #[test]
    fn line_output_is_drawn_as_measured(s in any_input()) {
        check_drawn(&clean_line(&s))?;
    }

    #[test]
    fn block_output_is_drawn_as_measured(s in any_input()) {
        for line in clean_block(&s).split('\n') {
            check_drawn(line)?;
        }
    }

    /// 3. Cleaning is idempotent, and the second time nothing is copied.
    #[test]
    fn cleaning_is_idempotent(s in any_input()) {
        let once = clean_line(&s);
        let twice = clean_line(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert!(matches!(twice, Cow::Borrowed(_)));

        let once = clean_block(&s);
        let twice = clean_block(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert!(matches!(twice, Cow::Borrowed(_)));
    }

    /// A copy is made only when something changed.
    #[test]
    fn owned_only_when_changed(s in any_input()) {
        for out in [clean_line(&s), clean_block(&s)] {
            match out {
                Cow::Borrowed(b) => prop_assert_eq!(b, s.as_str()),
                Cow::Owned(o) => prop_assert_ne!(o, s.clone()),
            }
        }
    }

    /// 4. Ordinary text passes through untouched, without a copy.
    #[test]
    fn plain_text_is_untouched(line in plain_line(), block in plain_block()) {
        prop_assert!(matches!(clean_line(&line), Cow::Borrowed(l) if l == line));
        prop_assert!(matches!(clean_block(&line), Cow::Borrowed(l) if l == line));
        prop_assert!(matches!(clean_block(&block), Cow::Borrowed(b) if b == block));
        for l in block.split('\n') {
            check_drawn(l)?;
        }
    }
}

// ---------------------------------------------------------------------------
// The rules, one by one

#[test]
fn escape_sequences_are_shown() {
    assert_eq!(clean_line("\x1b]0;title\x07"), "␛]0;title␇");
    assert_eq!(clean_line("\x1b[2J"), "␛[2J");
    assert_eq!(clean_line("\x1b]8;;http://x\x1b\\"), "␛]8;;http://x␛\\");
    assert_eq!(clean_block("\x1b]52;c;SGVsbG8=\x07"), "␛]52;c;SGVsbG8=␇");
}

#[test]
fn c0_and_del_become_control_pictures() {
    assert_eq!(clean_line("\0\x01\x08\x0b\x0c\x1f\x7f"), "␀␁␈␋␌␟␡");
}

#[test]
fn c1_controls_become_code_points() {
    assert_eq!(clean_line("\u{9b}2J"), "U+009B2J");
    assert_eq!(clean_block("\u{80}x\u{9f}"), "U+0080xU+009F");
}

#[test]
fn bidi_controls_are_removed() {
    assert_eq!(clean_line("abc\u{202E}fed\u{202C}"), "abcfed");
    assert_eq!(clean_line("\u{2066}x\u{2069}\u{200E}\u{200F}\u{61C}"), "x");
}

#[test]
fn invisible_characters_are_removed() {
    assert_eq!(clean_line("pay\u{200B}pal"), "paypal");
    assert_eq!(clean_line("pay\u{200C}pal\u{200D}"), "paypal");
    assert_eq!(clean_line("\u{FEFF}a\u{2060}b\u{2062}c"), "abc");
    assert_eq!(clean_line("co\u{AD}operate"), "cooperate");
    assert_eq!(clean_line("a\u{3164}b"), "ab");
}

#[test]
fn tag_characters_are_removed() {
    let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    assert_eq!(clean_line(scotland), "🏴");
    assert_eq!(clean_line("a\u{E0041}\u{E0042}b"), "ab");
}

#[test]
fn line_breaks_in_a_block() {
    assert_eq!(clean_block("a\r\nb"), "a\nb");
    assert_eq!(clean_block("a\rb\nc"), "a\nb\nc");
    assert_eq!(clean_block("a\r\r\nb"), "a\n\nb");
    assert_eq!(clean_block("a\u{2028}b\u{2029}c\u{85}d"), "a\nb\nc\nd");
    assert!(matches!(clean_block("a\nb"), Cow::Borrowed(_)));
}

#[test]
fn line_breaks_in_a_line() {
    assert_eq!(clean_line("a\r\nb"), "a b");
    assert_eq!(clean_line("a\nb"), "a b");
    assert_eq!(clean_line("a\u{2028}b"), "a b");
    assert_eq!(clean_line("a\u{2029}b\u{85}c"), "a b c");
    assert_eq!(clean_line("a\n\nb"), "a  b");
}

#[test]
fn tabs_go_to_the_next_stop() {
    assert_eq!(clean_line("\tx"), "    x");
    assert_eq!(clean_line("ab\tc"), "ab  c");
    assert_eq!(clean_line("abcd\te"), "abcd    e");
    assert_eq!(clean_line("日\tx"), "日  x");
    assert_eq!(clean_line("a\u{301}\tx"), "a\u{301}   x");
    assert_eq!(clean_block("ab\tc\nabc\td"), "ab  c\nabc d");
    assert_eq!(clean_line("a\nb\tc"), "a b c");
    // Each stop counts from the start of the line, past every earlier tab.
    assert_eq!(clean_line("ab\tc\td\te"), "ab  c   d   e");
    assert_eq!(clean_line("a\tbcdef\tg"), "a   bcdef   g");
}

#[test]
fn zalgo_is_capped() {
    let zalgo = format!("Z{}a", "\u{301}\u{302}\u{303}".repeat(20));
    assert_eq!(
        clean_line(&zalgo),
        "Z\u{301}\u{302}\u{303}\u{301}a",
        "at most {MAX_MARKS} marks per base"
    );
    let legit = "e\u{301}\u{302}\u{303}\u{304}";
    assert!(matches!(clean_line(legit), Cow::Borrowed(_)));
}

#[test]
fn emoji_joiners_are_kept() {
    for emoji in ["👨‍👩‍👧", "👩‍❤️‍💋‍👨", "🏳️‍🌈", "🧑🏽‍💻", "👁️‍🗨️"]
    {
        assert!(
            matches!(clean_line(emoji), Cow::Borrowed(e) if e == emoji),
            "{emoji}"
        );
    }
    assert_eq!(clean_line("👨\u{200D}a"), "👨a");
    assert_eq!(clean_line("a\u{200D}👩"), "a👩");
    assert_eq!(clean_line("👨\u{200D}\u{200D}👩"), "👨\u{200D}👩");
    assert_eq!(clean_line("👨\u{200D}\u{301}👩"), "👨\u{301}👩");
    assert_eq!(
        clean_line("👨‍👩‍👧‍👦‍👶"),
        "👨‍👩‍👧‍👦👶",
        "at most three joiners in one cluster"
    );
}

#[test]
fn joiners_are_capped_in_long_clusters() {
    let family_chain = "👨\u{200D}".repeat(100);
    let out = clean_line(&family_chain);
    let clusters: Vec<&str> = out.graphemes(true).collect();
    assert_eq!(clusters.len(), 25);
    assert!(clusters.iter().all(|c| *c == "👨‍👨‍👨‍👨"));

    // A Devanagari conjunct can chain consonants without end; only the joiners near
    // the end of the cluster are counted, so some more survive, but not most.
    let conjunct_chain = "क्\u{200D}".repeat(100);
    let out = clean_line(&conjunct_chain);
    assert_eq!(out.graphemes(true).count(), 1);
    assert!(
        out.matches(ZWJ).count() < 100 / 3,
        "{}",
        out.matches(ZWJ).count()
    );
    assert_eq!(clean_line(&out), out);
}

#[test]
fn script_joiners_are_kept() {
    assert!(
        matches!(clean_line("می‌خواهم"), Cow::Borrowed(_)),
        "Persian ZWNJ"
    );
    assert!(
        matches!(clean_line("क्‍ष"), Cow::Borrowed(_)),
        "Devanagari half form"
    );
    assert_eq!(clean_line("a\u{200C}"), "a");
    // A joiner before a mark that is no base character (a spacing vowel sign) joins
    // nothing it may join: removed.
    assert_eq!(clean_line("\u{915}\u{200D}\u{903}"), "\u{915}\u{903}");
    assert_eq!(clean_line("a\u{200D}\u{903}"), "a\u{903}");
    // A non-joiner stays after a letter's combining mark, not after a symbol.
    assert!(matches!(
        clean_line("a\u{308}\u{200C}\u{628}"),
        Cow::Borrowed(_)
    ));
    assert_eq!(clean_line("\u{2192}\u{200C}\u{628}"), "\u{2192}\u{628}");
    assert_eq!(clean_line("\u{20AC}\u{200C}\u{628}"), "\u{20AC}\u{628}");
}

#[test]
fn lone_marks_get_a_dotted_circle() {
    assert_eq!(clean_line("\u{301}a"), "◌\u{301}a");
    assert_eq!(clean_block("x\n\u{301}"), "x\n◌\u{301}");
    assert_eq!(
        clean_line("x\n\u{301}"),
        "x \u{301}",
        "a line break is a space here"
    );
    assert_eq!(clean_line("\t\u{301}"), "    ◌\u{301}");
    assert_eq!(clean_line("\u{200B}\u{301}"), "◌\u{301}");
}

#[test]
fn clusters_that_take_no_cell_are_removed() {
    assert_eq!(
        clean_line("a\u{1161}b"),
        "ab",
        "vowel jamo without a leading one"
    );
    assert_eq!(clean_line("a\u{A8FA}b"), "ab", "devanagari caret");
    assert_eq!(clean_line("a\u{D4E}"), "a", "prepended mark without a base");
    assert_eq!(clean_line("\u{D4E}ക"), "\u{D4E}ക");
}

#[test]
fn halfwidth_sound_marks_become_combining() {
    assert_eq!(clean_line("ｶﾞ"), "ｶ\u{3099}");
    assert_eq!(clean_line("ﾊﾟ"), "ﾊ\u{309A}");
    assert_eq!(clean_line("ﾞ"), "◌\u{3099}");
}

#[test]
fn private_use_and_unassigned_stay() {
    for s in [
        "\u{E000}",
        "\u{F8FF}",
        "\u{10FFFD}",
        "\u{FFFF}",
        "\u{50000}",
    ] {
        assert!(matches!(clean_line(s), Cow::Borrowed(_)), "{s:?}");
    }
}

// ---------------------------------------------------------------------------
// How ratatui 0.30 draws text: the behaviour the rules work around. If one of these
// fails after an upgrade, the rule that exists because of it can be revisited.

fn drawn_cells(line: &str, width: u16) -> Vec<String> {
    let mut buf = sentinel_buffer(width);
    Line::from(line).render(buf.area, &mut buf);
    buf.content.iter().map(|c| c.symbol().to_string()).collect()
}

#[test]
fn ratatui_drops_control_clusters_and_mismeasures_them() {
    // A tab is measured as one cell by unicode-width but never drawn.
    assert_eq!(Line::from("a\tb").width(), 3);
    assert_eq!(drawn_cells("a\tb", 4), ["a", "b", "\0", "\0"]);
}

#[test]
fn ratatui_does_not_draw_a_line_of_only_zero_width_text() {
    assert_eq!(drawn_cells("\u{301}", 2), ["\0", "\0"]);
    // ...and glues a leading one onto the next cell.
    assert_eq!(drawn_cells("\u{301}a", 2), ["\u{301}a", "\0"]);
}

#[test]
fn ratatui_counts_halfwidth_sound_marks_twice() {
    assert_eq!(Line::from("ｶﾞ").width(), 2);
    assert_eq!(drawn_cells("ｶﾞb", 5), ["ｶﾞ", " ", " ", "b", "\0"]);
}

#[test]
fn ratatui_draws_lam_alef_wider_than_measured() {
    assert_eq!(Line::from("لا").width(), 1);
    assert_eq!(drawn_cells("لا", 3), ["ل", "ا", "\0"]);
}

#[test]
fn ratatui_leaves_the_last_cell_when_a_wide_char_does_not_fit() {
    assert_eq!(drawn_cells("ab日", 3), ["a", "b", "\0"]);
}

/// A value quoted in a message is kept whole up to `QUOTED_CHARS` characters, however
/// many bytes they take, and past that cut after exactly that many, at a cluster
/// boundary, with `…`.
#[test]
fn messages_quote_values_whole_up_to_the_limit_and_cut_after_it() {
    use brief::text::{QUOTED_CHARS, quoted};
    let n = QUOTED_CHARS;
    for unit in ["a", "\u{e9}", "\u{4e2d}"] {
        let fits = unit.repeat(n);
        assert_eq!(quoted(&fits), fits, "{unit}");
        let over = unit.repeat(n + 1);
        assert_eq!(
            quoted(&over),
            format!("{}\u{2026}", unit.repeat(n)),
            "{unit}"
        );
        let far_over = unit.repeat(3 * n);
        assert_eq!(quoted(&far_over), format!("{fits}\u{2026}"), "{unit}");
    }
    // A letter and its accent are one cluster: never split from each other.
    let accented = "e\u{301}".repeat(n / 2);
    assert_eq!(quoted(&accented), accented);
    let cut = quoted(&format!("x{accented}"));
    assert_eq!(cut, format!("x{}\u{2026}", "e\u{301}".repeat(n / 2 - 1)));

    // As a loader's message shows it: an unknown key of 300 accented letters.
    let key = "\u{e9}".repeat(300);
    let src = format!(
        "title: T\ndate: 2020\n{key}: 1\nevent: {{title: E, date: 2020}}\nactors: [{{id: a, name: A}}]\n"
    );
    let diags = brief::load::load_str(std::path::Path::new("k.yaml"), &src).unwrap_err();
    let shown = format!("unknown key `{}\u{2026}` in", "\u{e9}".repeat(n));
    assert!(
        diags.iter().any(|d| d.message.starts_with(&shown)),
        "{diags:?}"
    );
}
