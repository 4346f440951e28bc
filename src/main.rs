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
            paths,
            limits,
        }) => brief::commands::export(format, &paths, &limits.into()),
        None => brief::commands::read(cli.read),
    }
}
