//! The `clarion` binary: parse, run, map the outcome to an exit code.

use clap::Parser;
use clarion::{Cli, Env, Ui};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Dynamic shell completion: the shell runs `CLARION_COMPLETE=bash clarion -- WORDS...` and
    // reads candidates (profiles, config keys, files by extension) from stdout.
    match clap_complete::CompleteEnv::with_factory(Cli::full_command)
        .var("CLARION_COMPLETE")
        .try_complete(std::env::args_os(), std::env::current_dir().ok().as_deref())
    {
        Ok(true) => return ExitCode::SUCCESS,
        Ok(false) => {}
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    }
    // `--version` alone is answered before the command tree is built: it is what scripts and
    // package managers run, and the answer is the same as clap's.
    let mut args = std::env::args_os();
    let program = args.next();
    let only = match (args.next(), args.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    };
    let answered = |text: &str| {
        // A failed write (a closed pipe, a full disk) still exits 0, as clap's own help and
        // version do: `clarion --version | head -c1` is not an error.
        let _ = clarion::write_stdout(&[text.as_bytes()]);
        ExitCode::SUCCESS
    };
    if only.as_ref().is_some_and(|a| a == "--version" || a == "-V") {
        return answered(concat!("clarion ", env!("CARGO_PKG_VERSION"), "\n"));
    }
    let parsed = match only {
        Some(a) if a == "--help" || a == "-h" => match clarion::prerendered_top_help(program.as_deref()) {
            Some(page) => return answered(page),
            None => Cli::try_parse_top_help(),
        },
        _ => Cli::try_parse(),
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // Help and --version go to stdout with 0; usage errors to stderr with 2.
            let code = ExitCode::from(e.exit_code().clamp(0, 255) as u8);
            let _ = clarion::print_clap(e);
            return code;
        }
    };
    let env = Env::capture();
    let ui = Ui::new(cli.global.color, &env);
    match clarion::run(cli, &ui, &env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => ExitCode::from(clarion::report(&ui, &e)),
    }
}
