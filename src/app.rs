//! Running a parsed command line: building the runtime and reporting failures.

use crate::cli::Cli;
use crate::context::Ctx;
use crate::env::Env;
use crate::error;
use crate::output::Ui;

pub fn run(cli: Cli, ui: &Ui, env: &Env) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    let ctx = Ctx { ui, global: &cli.global, env };
    runtime.block_on(crate::commands::run(cli.command, &ctx))
}

/// Reports an error on stderr and returns the exit code it stands for.
pub fn report(ui: &Ui, err: &anyhow::Error) -> u8 {
    if error::is_broken_pipe(err) {
        return error::code::SUCCESS;
    }
    let (errors, hints) = error::render(err);
    for line in &errors {
        ui.error(line);
    }
    for h in &hints {
        ui.hint(h);
    }
    error::exit_code(err)
}
