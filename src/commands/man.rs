//! `clarion man`: the man pages, one per command.

use crate::context::Ctx;
use crate::error::UsageError;
use clap::Args;

/// Print a man page (roff), or write them all to a directory
///
/// Every command has a page: clarion(1), clarion-sequence(1), clarion-sequence-create(1), ...
/// Without arguments, prints clarion(1); with a command's words, that command's page.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion man sequence create | man -l -
  clarion man --dir ~/.local/share/man/man1")]
pub struct ManArgs {
    /// The command whose page to print, e.g. `sequence create`
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page to this directory (created if missing) instead
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

pub(crate) fn run(args: ManArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let root = crate::cli::Cli::full_command();
    if let Some(dir) = &args.dir {
        if dir.exists() && !dir.is_dir() {
            return Err(UsageError::new(format!("{} is not a directory", dir.display())).into());
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| UsageError::new(format!("cannot create {}: {}", dir.display(), crate::fs::io_reason(&e))))?;
        let pages = crate::render::man::all_pages(root);
        for (name, text) in &pages {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| {
                UsageError::new(format!("cannot write {}: {}", path.display(), crate::fs::io_reason(&e)))
            })?;
        }
        ctx.ui.info(&format!("wrote {} man pages to {}", pages.len(), dir.display()));
        return Ok(());
    }
    let page = crate::render::man::page_for(root, &args.command).ok_or_else(|| {
        UsageError::with_hint(
            format!("no command `clarion {}`", args.command.join(" ")),
            "run `clarion --help` for the list of commands",
        )
    })?;
    ctx.ui.out(&page)?;
    Ok(())
}
