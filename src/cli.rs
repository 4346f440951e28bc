//! The command line: `brief [PATH...]`, `brief check PATH...`, `brief export PATH...`,
//! `brief config --default`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal reader for policy briefings.
///
/// With no command, opens the reader on the given files and folders (or on
/// ./briefings, or on the bundled sample library when there is none).
#[derive(Debug, Parser)]
#[command(name = "brief", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Briefing files (.yaml, .yml) and folders of them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Show only what involves this actor (name, id or alias; case does not matter). Repeatable.
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,

    /// Open the dossier of one actor across the whole library.
    #[arg(long, value_name = "NAME")]
    pub dossier: Option<String>,

    /// Let the mouse click and scroll (turns off the terminal's own text selection).
    #[arg(long, overrides_with = "no_mouse")]
    pub mouse: bool,

    /// Leave the mouse to the terminal, whatever the configuration says.
    #[arg(long, overrides_with = "mouse")]
    pub no_mouse: bool,

    /// Read the configuration from this file instead of
    /// $XDG_CONFIG_HOME/brief/config.toml (~/.config/brief/config.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// For this run, start as if the library had never been opened: the remembered
    /// place and what was read are neither used nor changed.
    #[arg(long)]
    pub fresh: bool,

    /// Neither read nor write the cache of briefings already read
    /// ($XDG_CACHE_HOME/brief, ~/.cache/brief): parse every file.
    #[arg(long)]
    pub no_cache: bool,

    #[command(flatten)]
    pub limits: Limits,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct Limits {
    /// Refuse files larger than this (bytes, or with K, M, G: 16M, 512K).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check briefings against the format without opening the reader.
    ///
    /// Prints each problem as PATH:LINE:COLUMN: error: MESSAGE and a summary line.
    /// Exit status: 0 all valid, 1 some invalid, 2 usage error.
    Check {
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        limits: Limits,
    },
    /// Print the loaded briefings (errors go to stderr; exit status 1 if any file is invalid).
    ///
    /// With --actor or --tag, only what involves those actors, in briefings with those
    /// tags; the Markdown and text say that the view is filtered, and by what.
    Export {
        /// markdown: a memo; text: the same as plain, cleaned text; json: one array with
        /// the format's keys.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Only what involves this actor (name, id or alias; case does not matter). Repeatable.
        #[arg(long, value_name = "NAME")]
        actor: Vec<String>,
        /// Only briefings with this tag (case does not matter). Repeatable.
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        limits: Limits,
    },
    /// Write a commented skeleton briefing to fill in (to standard output with no PATH).
    ///
    /// Never overwrites a file. Until every empty key is filled in (or an optional one
    /// removed), `brief check` lists each one with its line.
    New {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of the briefing format, for editors.
    ///
    /// Save it and point the YAML language server at it from a briefing's first line:
    /// `# yaml-language-server: $schema=brief.schema.json`.
    Schema,
    /// Check the configuration file and say where it is, or print the built-in one.
    ///
    /// Problems are printed as PATH:LINE:COLUMN: error: MESSAGE.
    /// Exit status: 0 valid (or no file), 1 invalid.
    Config {
        /// Print the built-in configuration, with comments, to start a file from:
        /// `brief config --default > ~/.config/brief/config.toml`.
        #[arg(long)]
        default: bool,
        /// The file to check instead of the one the reader would read.
        #[arg(long, value_name = "PATH", conflicts_with = "default")]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Text,
    Markdown,
}

/// The command line, as `Cli::parse` reads it, except that an error is printed through
/// the display cleaner: clap quotes the offending argument as given, and an argument
/// can be a file name holding escape sequences (`brief check *`).
pub fn parse() -> Cli {
    use clap::error::ErrorKind;
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let err = match Cli::try_parse_from(&args) {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Our own words only, styled as clap styles them.
        let _ = err.print();
        std::process::exit(err.exit_code());
    }
    // The same error again without styles, so that its text is exactly the words and
    // the argument, and the cleaner sees every byte of it.
    let plain = Cli::command()
        .styles(clap::builder::Styles::plain())
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .err()
        .unwrap_or(err);
    let rendered = plain.render().ansi().to_string();
    eprint!("{}", usage_message(&rendered));
    std::process::exit(plain.exit_code());
}

/// A usage message made safe to print: every line cleaned for display, and cut to
/// [`MAX_USAGE_LINE`] characters (an argument can be a megabyte long).
pub fn usage_message(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let (text, newline) = match line.strip_suffix('\n') {
            Some(t) => (t, "\n"),
            None => (line, ""),
        };
        let shown = crate::text::clean_line(text);
        out.push_str(&crate::text::shorten(&shown, MAX_USAGE_LINE));
        out.push_str(newline);
    }
    out
}

/// The longest line of a usage message.
const MAX_USAGE_LINE: usize = 400;

/// `16M`, `512K`, `1G`, `1048576`, `2MiB`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size; write e.g. 16M, 512K or 1048576"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{s}`: unknown size unit `{unit}`; use K, M or G")),
    };
    n.checked_mul(mult)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("`{s}` is not a usable size"))
}
