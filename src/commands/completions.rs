//! `clarion completions SHELL`: shell completion scripts.

use crate::context::Ctx;
use clap::Args;

/// Print the completion script for a shell
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion completions bash > ~/.local/share/bash-completion/completions/clarion
  clarion completions zsh > \"${fpath[1]}/_clarion\"
  clarion completions fish > ~/.config/fish/completions/clarion.fish")]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

pub(crate) fn run(args: CompletionsArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut crate::cli::Cli::full_command(), "clarion", &mut buf);
    ctx.ui.out(&String::from_utf8_lossy(&buf))?;
    Ok(())
}
