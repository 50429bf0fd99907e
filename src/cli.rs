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
}
