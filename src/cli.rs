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
