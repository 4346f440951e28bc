use std::process::ExitCode;

use clap::Parser;

use brief::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { paths, limits }) => brief::commands::check(&paths, &limits.into()),
        Some(Command::Export {
            format,
            paths,
            limits,
        }) => brief::commands::export(format, &paths, &limits.into()),
        Some(Command::Config { default, config }) => {
            brief::commands::config(default, config.as_deref())
        }
        None => brief::commands::read(cli.read),
    }
}
