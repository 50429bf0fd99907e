//! `clarion schema`: the JSON Schema of sequence files, for editors.

use crate::context::Ctx;
use clap::Args;

/// The JSON Schema of sequence files (TOML and JSON alike), for editors to check and complete them
///
/// Save it and point your editor at it, e.g. with taplo / Even Better TOML put
/// `#:schema ./sequence.schema.json` as the first line of steps.toml.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  clarion schema > sequence.schema.json")]
pub struct SchemaArgs {}

pub(crate) const SCHEMA: &str = include_str!("../seqfile/schema.json");

pub(crate) fn run(_args: SchemaArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.ui.out(SCHEMA)?;
    Ok(())
}
