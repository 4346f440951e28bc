//! `brief export --format markdown|text`: a memo as the binary prints it, whole and
//! narrowed to actors and tags, and Markdown that a briefing cannot add structure to.

mod common;

use common::*;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

const WANNACRY: &str = "briefings/wannacry-attribution.yaml";
const HOSTILE: &str = "tests/fixtures/export/markdown-injection.yaml";

/// The export's standard output; it must succeed and say nothing on stderr.
fn export(args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let out = brief(&all);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    stdout(&out)
}

#[test]
fn markdown_memo_of_a_briefing() {
    let md = export(&["--format", "markdown", WANNACRY]);
    // The marking comes first and last.
    assert!(
        md.starts_with(
            "**UNCLASSIFIED**\n\n# U.S. blames WannaCry on North Korea\n\n19 Dec 2017\n"
        )
    );
    assert!(md.ends_with("\n\n**UNCLASSIFIED**\n"));
    insta::assert_snapshot!("export_wannacry_markdown", md);
}

#[test]
fn markdown_narrowed_to_an_actor_says_so_and_shows_only_what_involves_it() {
    let md = export(&[
        "--format",
        "markdown",
        "--actor",
        "Tom Bossert",
        "briefings/",
    ]);
    assert!(
        md.contains(
            "\n*Filtered view: only what involves Tom Bossert (1 of 4 briefings). Shown: 3 of 6 \
             timeline entries, 11 of 23 quotes, 3 of 5 implications.*\n"
        ),
        "{md}"
    );
    // Every quote is his; the exercises do not name him.
    assert_eq!(md.matches("\n> \u{2014} **").count(), 11);
    assert_eq!(md.matches("\n> \u{2014} **Tom Bossert**").count(), 11);
    assert!(!md.contains("EXERCISE"));
    insta::assert_snapshot!("export_wannacry_markdown_bossert", md);

    // The same actor by id, alias or in any case: the same memo, as `--actor` in the reader.
    for name in ["tom-bossert", "BOSSERT", "tom  bossert"] {
        let other = export(&["--format", "markdown", "--actor", name, "briefings/"]);
        assert_eq!(other, md, "--actor {name}");
    }
}

#[test]
fn several_actors_and_tags_narrow_a_library() {
    let md = export(&[
        "--format",
        "markdown",
        "--actor",
        "rust marten",
        "--tag",
        "ENERGY",
        "briefings/",
    ]);
    // One briefing left: the line saying what narrowed it sits under its title.
    assert!(
        md.starts_with(
            "**EXERCISE**\n\n# EXERCISE: TG-4471 intrusion into the Eskeland power grid\n\n\
             6 Mar 2026\n\n*Filtered view: only what involves TG-4471; only briefings tagged \
             energy (1 of 4 briefings). Shown: 5 of 10 timeline entries, 0 of 6 quotes, 1 of 4 \
             implications.*\n"
        ),
        "{md}"
    );
    assert_eq!(md.matches("\n# ").count(), 1, "one briefing: {md}");

    let md = export(&["--format", "markdown", "--tag", "cyber", "briefings/"]);
    // Three briefings carry the tag, each under its own heading and marking, and the
    // whole is marked with both markings, first and last.
    assert_eq!(md.matches("\n# ").count(), 3, "{md}");
    assert!(
        md.starts_with(
            "**EXERCISE / UNCLASSIFIED**\n\n*Filtered view: only briefings tagged cyber (3 of 4 \
             briefings).*\n\n# EXERCISE: TG-4471"
        ),
        "{md}"
    );
    assert!(
        md.contains("\n\n19 Dec 2017 \u{b7} UNCLASSIFIED\n\n"),
        "{md}"
    );
    assert!(md.ends_with("\n**EXERCISE / UNCLASSIFIED**\n"), "{md}");
}

#[test]
fn text_is_the_same_memo_plain_and_clean() {
    let text = export(&["--format", "text", WANNACRY]);
    insta::assert_snapshot!("export_wannacry_text", text);
    // Sources with their publisher and date, and citations for every quote.
    assert!(text.contains(
        "\nSources\n- FCW, \u{201c}U.S. blames WannaCry on North Korea\u{201d}, 19 Dec 2017\n"
    ));
    assert!(text.contains(
        "\n- \u{201c}After careful investigation, the United States is publicly attributing the \
         massive WannaCry cyberattack to North Korea\u{201d} \u{2014} Tom Bossert, White House \
         homeland security advisor, Dec. 19 press call with reporters, 19 Dec 2017 (FCW, \
         \u{201c}U.S. blames WannaCry on North Korea\u{201d})\n"
    ));

    let filtered = export(&["--format", "text", "--actor", "manfra", WANNACRY]);
    assert!(filtered.contains(
        "\nFiltered view: only what involves Jeanette Manfra (1 of 1 briefing). Shown: 1 of 6 \
         timeline entries, 2 of 23 quotes, 1 of 5 implications.\n"
    ));
}

#[test]
fn text_has_no_markup_box_drawing_or_control_characters() {
    for path in [WANNACRY, HOSTILE, "tests/fixtures/hostile/escapes.yaml"] {
        let text = export(&["--format", "text", path]);
        for c in text.chars() {
            assert!(
                c == '\n' || !c.is_control(),
                "{path}: control character {c:?} in\n{text}"
            );
            assert!(
                !('\u{2500}'..='\u{259F}').contains(&c),
                "{path}: box drawing {c:?}"
            );
        }
        assert!(!text.contains("**") || path == HOSTILE, "{path}: markup");
    }
}

/// Everything a Markdown renderer makes of a document, as (structure, text) events.
fn parse(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::all()).collect()
}

#[test]
fn markdown_text_from_a_briefing_adds_no_structure() {
    let md = export(&["--format", "markdown", HOSTILE]);
    insta::assert_snapshot!("export_markdown_injection", md);
    let events = parse(&md);
    let starts = |want: fn(&Tag) -> bool| {
        events
            .iter()
            .filter(|e| matches!(e, Event::Start(t) if want(t)))
            .count()
    };
    // The memo's own structure and nothing else: one title, seven sections...
    assert_eq!(
        starts(
            |t| matches!(t, Tag::Heading { level, .. } if *level == pulldown_cmark::HeadingLevel::H1)
        ),
        1
    );
    assert_eq!(starts(|t| matches!(t, Tag::Heading { .. })), 8);
    // ...the actors, implications and sources lists, one table, two quotes...
    assert_eq!(starts(|t| matches!(t, Tag::List(_))), 3);
    assert_eq!(starts(|t| matches!(t, Tag::Item)), 3);
    assert_eq!(starts(|t| matches!(t, Tag::Table(_))), 1);
    assert_eq!(
        starts(|t| matches!(t, Tag::TableCell)),
        8,
        "header and one row of 4"
    );
    assert_eq!(starts(|t| matches!(t, Tag::BlockQuote(_))), 2);
    // ...bold where the memo puts it (marking twice, event, actor, entry, two
    // speakers, implication), the paraphrase label in italics...
    assert_eq!(starts(|t| matches!(t, Tag::Strong)), 8);
    assert_eq!(starts(|t| matches!(t, Tag::Emphasis)), 1);
    // ...and the one link the memo makes: the source's address.
    let links: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => Some((*link_type, dest_url.to_string())),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [(
            LinkType::Autolink,
            "https://example.org/a%20b%28c%29%3Cd%3E%22e%22?q=1&r=2".to_string()
        )]
    );
    for e in &events {
        assert!(
            !matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Code(_)
                    | Event::InlineMath(_)
                    | Event::DisplayMath(_)
                    | Event::FootnoteReference(_)
                    | Event::Rule
                    | Event::Start(Tag::Image { .. })
                    | Event::Start(Tag::CodeBlock(_))
                    | Event::Start(Tag::Strikethrough)
                    | Event::Start(Tag::HtmlBlock)
            ),
            "{e:?} in\n{md}"
        );
    }
    // The words arrive as words: the title reads as the file wrote it.
    let mut in_h1 = false;
    let mut title = String::new();
    for e in &events {
        match e {
            Event::Start(Tag::Heading { level, .. })
                if *level == pulldown_cmark::HeadingLevel::H1 =>
            {
                in_h1 = true
            }
            Event::End(TagEnd::Heading(_)) => in_h1 = false,
            Event::Text(t) if in_h1 => title.push_str(t),
            _ => {}
        }
    }
    assert_eq!(title, "# Not a heading <script>alert(1)</script>");
    // Control characters are shown, not sent.
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'));
    assert!(md.contains("\u{241b}\\[2J"));
}

#[test]
fn line_breaks_an_author_wrote_stay_in_markdown() {
    let md = export(&["--format", "markdown", HOSTILE]);
    let events = parse(&md);
    // The summary is a `|` block: its lines end in hard breaks, not run together.
    assert!(
        events
            .iter()
            .filter(|e| matches!(e, Event::HardBreak))
            .count()
            >= 10
    );
}

#[test]
fn an_actor_or_tag_that_matches_nothing_is_a_usage_error() {
    let out = brief(&[
        "export",
        "--format",
        "markdown",
        "--actor",
        "Nobody",
        "briefings/",
    ]);
    assert_eq!(status(&out), 2);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "brief: no actor named \u{201c}Nobody\u{201d} in the briefings given (an actor's name, \
         id or alias, in any case)\n"
    );
    let out = brief(&["export", "--format", "text", "--tag", "nope", WANNACRY]);
    assert_eq!(status(&out), 2);
    assert_eq!(
        stderr(&out),
        "brief: no briefing is tagged \u{201c}nope\u{201d}; tags in the briefings given: allies, \
         attribution, cyber, north korea, private sector, wannacry\n"
    );
}

#[test]
fn json_narrowed_to_an_actor_keeps_every_actor_and_only_its_items() {
    let out = export(&[
        "--format",
        "json",
        "--actor",
        "Jeanette Manfra",
        "briefings/",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!(b["actors"].as_array().unwrap().len(), 23);
    assert_eq!(b["timeline"].as_array().unwrap().len(), 1);
    assert_eq!(b["quotes"].as_array().unwrap().len(), 2);
    assert_eq!(b["implications"].as_array().unwrap().len(), 1);
}

/// The export reads each file twice, one at a time, instead of holding the library:
/// what it prints is still the memo the library makes (as the reader's share does),
/// byte for byte, in every format, whole and narrowed.
#[test]
fn the_export_prints_the_memo_the_library_makes() {
    use brief::library::Library;
    let files = brief::load::discover(&[std::path::PathBuf::from("briefings")]).unwrap();
    let briefings = brief::load::load_all(&files, &Default::default())
        .into_iter()
        .map(|l| l.expect("the sample briefings load"))
        .collect();
    let lib = Library::new(briefings, Vec::new());
    let cases: [(&[&str], &[&str]); 5] = [
        (&[], &[]),
        (&["Tom Bossert"], &[]),
        (&[], &["ransomware"]),
        (&["tessaline", "Drovak"], &["exercise"]),
        (&["North Korea"], &["nothing-like-this", "cyber"]),
    ];
    for (actors, tags) in cases {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        let known = lib.tags();
        let tags: Vec<String> = tags
            .into_iter()
            .filter(|t| known.iter().any(|(k, _)| k.eq_ignore_ascii_case(t)))
            .collect();
        let mut selected = std::collections::BTreeSet::new();
        for a in actors {
            let found = lib.find_actors(a);
            assert!(!found.is_empty(), "{a}");
            selected.extend(found);
        }
        let memo = brief::export::select(&lib, &selected, &tags);
        let mut args = vec![];
        for a in actors {
            args.extend(["--actor", a]);
        }
        for t in &tags {
            args.extend(["--tag", t.as_str()]);
        }
        args.push("briefings");
        let with = |format: &str| {
            let mut all = vec!["--format", format];
            all.extend(&args);
            export(&all)
        };
        assert_eq!(with("markdown"), brief::export::markdown(&memo), "{args:?}");
        assert_eq!(with("text"), brief::export::text(&memo), "{args:?}");
        let json = if memo.filters.is_empty() {
            brief::export::json(&lib.briefings)
        } else {
            let narrowed: Vec<_> = memo.parts.iter().map(brief::export::narrowed).collect();
            brief::export::json(&narrowed)
        };
        assert_eq!(with("json"), json.unwrap() + "\n", "{args:?}");
    }
}
