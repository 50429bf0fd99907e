//! The top of the clap command tree: the program's name, version and global flags, and its
//! commands (`commands/`, one folder per group, one file per verb).

use crate::args::GlobalArgs;
use crate::commands::Command;
use crate::error::EXIT_CODES_HELP;
use clap::Parser;

/// Create and inspect patient-outreach sequences on the Clarion Health Sequence Manager API.
#[derive(Debug, Parser)]
#[command(name = "clarion", version, propagate_version = true, after_help = EXIT_CODES_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// The top page as `clarion --help` prints it into a pipe or file: no colour, 100 columns.
/// Generated, never edited: a unit test holds it to clap's rendering and rewrites it when run
/// with `CLARION_BLESS=1`.
const TOP_HELP_PLAIN: &str = include_str!("top_help.txt");

/// The top page, already rendered, when clap would render it exactly so: clarion was started
/// as `clarion` (clap names the program in the usage line after the file it was started as:
/// a copy, a link or `clarion.exe` gets clap's page), nothing is a terminal (clap would wrap
/// to its width, and `--color auto` could colour it), `COLUMNS` doesn't ask for fewer than 100
/// columns and `CLICOLOR_FORCE` doesn't ask for colour. These are the inputs clap itself
/// reads, each read the way it reads it. Rendering the page is half of what `--help` costs in
/// instructions and a quarter of its page faults; scripts, `man`-style wrappers and package
/// builds read it through a pipe.
pub fn prerendered_top_help(program: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    use std::io::IsTerminal;
    let any_terminal =
        || std::io::stdout().is_terminal() || std::io::stderr().is_terminal() || std::io::stdin().is_terminal();
    let columns = std::env::var_os("COLUMNS");
    let force = std::env::var_os("CLICOLOR_FORCE");
    top_help_if_plain(program, columns.as_deref(), force.as_deref(), any_terminal)
}

/// The decision of [`prerendered_top_help`], fed its inputs. `any_terminal` is asked last: it
/// is three system calls.
fn top_help_if_plain(
    program: Option<&std::ffi::OsStr>,
    columns: Option<&std::ffi::OsStr>,
    clicolor_force: Option<&std::ffi::OsStr>,
    any_terminal: impl FnOnce() -> bool,
) -> Option<&'static str> {
    // clap: the file name of argv[0] when it has one in UTF-8, else the command's name.
    let name = program.and_then(|p| std::path::Path::new(p).file_name()).and_then(|f| f.to_str()).unwrap_or("clarion");
    // clap: a width it can't parse is no width (so 100); a width is capped at max_term_width.
    let narrow = columns.and_then(|c| c.to_str()).and_then(|c| c.parse::<usize>().ok()).is_some_and(|w| w < 100);
    // anstyle-query: set and not empty forces colour, even into a pipe.
    let coloured = clicolor_force.is_some_and(|v| !v.is_empty());
    (name == "clarion" && !narrow && !coloured && !any_terminal()).then_some(TOP_HELP_PLAIN)
}

impl Cli {
    /// Parses `clarion --help` or `-h` alone, which only prints the top page. That page lists
    /// the commands by name, never their flags, so the global flags are not made global: clap
    /// would copy all nine into each of the eight commands first (about 80 KiB of heap and 0.06
    /// ms, 3% of the run). The page is the same, byte for byte; a test holds it to that.
    pub fn try_parse_top_help() -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().mut_args(|a| a.global(false)).try_get_matches()?;
        Cli::from_arg_matches(&matches)
    }

    /// The whole tree, every group built, for what reads all of it (completions, man pages).
    /// Groups are `Deferred` so that a run builds only the one it enters; but clap copies the
    /// tree under `clarion help` before it builds deferred groups, so the copy would lack
    /// their verbs (`clarion help sequence create`). Here each group is built in place first.
    pub fn full_command() -> clap::Command {
        use crate::commands::{auth, config, sandbox, sequence};
        fn expand<T: clap::Subcommand>(group: clap::Command) -> clap::Command {
            // `defer` replaces the group's deferred builder with one that does nothing.
            T::augment_subcommands(group.defer(|g| g))
        }
        let mut cmd = <Cli as clap::CommandFactory>::command();
        // In place, not with `mut_subcommand`, which would move the group to the end.
        for group in cmd.get_subcommands_mut() {
            let build = match group.get_name() {
                "sequence" => expand::<sequence::SequenceCommand>,
                "auth" => expand::<auth::AuthCommand>,
                "config" => expand::<config::ConfigCommand>,
                "sandbox" => expand::<sandbox::SandboxCommand>,
                _ => continue,
            };
            *group = build(std::mem::take(group));
        }
        cmd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_request_timeout_help_states_the_clients_one_default() {
        let cmd = Cli::command();
        let arg =
            cmd.get_arguments().find(|a| a.get_id() == "request_timeout").map(|a| a.get_help().map(|h| h.to_string()));
        let want = format!("[default: {}]", crate::api::DEFAULT_REQUEST_TIMEOUT.as_secs());
        assert!(arg.flatten().is_some_and(|h| h.ends_with(&want)), "the help must say {want}");
    }

    /// The page clap prints for `clarion FLAG` into a pipe, uncoloured.
    fn printed(flag: &str) -> String {
        match Cli::command().term_width(100).try_get_matches_from(["clarion", flag]) {
            Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => e.render().to_string(),
            other => panic!("`clarion {flag}` printed no help: {other:?}"),
        }
    }

    #[test]
    fn the_prerendered_top_page_is_clap_s_page_in_a_pipe() {
        let page = printed("--help");
        // One page serves `-h` (clap's short help) and `--help` (its long help, which is the
        // short one while no top-level text has a long form: `long_about`, `long_help`).
        assert!(
            printed("-h") == page,
            "`clarion -h` and `--help` now differ: src/top_help.txt can stand for only one of them, so \
             prerender the other too, or take the fast path for one flag only (main.rs)"
        );
        if std::env::var_os("CLARION_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/top_help.txt");
            std::fs::write(path, &page).unwrap();
            return;
        }
        assert!(
            page == TOP_HELP_PLAIN,
            "src/top_help.txt is out of date: regenerate it with \
             `CLARION_BLESS=1 cargo test --lib the_prerendered_top_page`, then review the diff\n\
             --- clap renders ---\n{page}"
        );
    }

    #[test]
    fn the_top_page_is_prerendered_only_where_clap_would_print_it_plain_at_100_columns() {
        use std::ffi::OsStr;
        let s = |v: &'static str| Some(OsStr::new(v));
        let no_terminal = || false;
        let plain = |program, columns, force| top_help_if_plain(program, columns, force, no_terminal).is_some();
        for columns in [None, s("100"), s("250"), s("wide"), s("-3"), s("")] {
            assert!(plain(s("clarion"), columns, None), "COLUMNS={columns:?}");
        }
        for columns in [s("99"), s("80"), s("0")] {
            assert!(!plain(s("clarion"), columns, None), "COLUMNS={columns:?}");
        }
        assert!(!plain(s("clarion"), None, s("1")), "colour was forced");
        assert!(!plain(s("clarion"), None, s("0")), "anstyle-query forces on any non-empty value");
        assert!(plain(s("clarion"), None, s("")), "empty is unset");
        assert!(top_help_if_plain(s("clarion"), None, None, || true).is_none(), "a terminal sets the width");
        // clap names the program after the file it was started as.
        for program in [s("/usr/local/bin/clarion"), s("./clarion"), None, s(""), s("/"), s("/usr/bin/x/..")] {
            assert!(plain(program, None, None), "started as {program:?}");
        }
        for program in [s("clarion-dev"), s("/opt/cl"), s("clarion.exe"), s("Clarion")] {
            assert!(!plain(program, None, None), "started as {program:?}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let not_utf8 = OsStr::from_bytes(b"/bin/cl\xffrion");
            assert!(plain(Some(not_utf8), None, None), "a name clap can't read is the command's");
        }
    }

    fn names(cmd: &clap::Command) -> Vec<String> {
        cmd.get_subcommands().map(|c| c.get_name().to_string()).collect()
    }

    #[test]
    fn the_full_tree_builds_every_group_and_its_copy_under_help() {
        let mut cmd = Cli::full_command();
        cmd.build();
        let help = cmd.find_subcommand("help").cloned().unwrap();
        for group in cmd.get_subcommands().filter(|g| g.get_name() != "help") {
            let mut verbs = names(group);
            verbs.retain(|v| v != "help");
            let copy = help.find_subcommand(group.get_name()).unwrap();
            let mut copied = names(copy);
            copied.retain(|v| v != "help");
            assert_eq!(copied, verbs, "`clarion help {}` must list the group's verbs", group.get_name());
        }
        // The comparison above is not vacuous: the groups have verbs.
        for group in ["sequence", "auth", "config", "sandbox"] {
            assert!(!names(cmd.find_subcommand(group).unwrap()).is_empty(), "{group} was not built");
        }
    }
}
