use std::process::ExitCode;

use brief::cli::Command;

fn main() -> ExitCode {
    // First, before any thread: a panic prints only cleaned text.
    brief::crash::install();
    let cli = brief::cli::parse();
    match cli.command {
        Some(Command::Check { paths, limits }) => brief::commands::check(&paths, &limits.into()),
        Some(Command::Export {
            format,
            actor,
            tag,
            paths,
            limits,
        }) => brief::commands::export(format, &actor, &tag, &paths, &limits.into()),
        Some(Command::Schema) => brief::commands::schema(),
        Some(Command::New { path }) => brief::commands::new_briefing(path.as_deref()),
        Some(Command::Config { default, config }) => {
            brief::commands::config(default, config.as_deref())
        }
        None => brief::commands::read(cli.read),
    }
}
