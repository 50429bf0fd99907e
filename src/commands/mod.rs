//! The command tree: one enum per level, matched to the module that runs it.

pub(crate) mod api;
pub(crate) mod auth;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod man;
pub(crate) mod sandbox;
pub(crate) mod schema;
pub(crate) mod sequence;

use crate::args::Deferred;
use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and inspect sequences
    #[command(subcommand)]
    Sequence(Deferred<sequence::SequenceCommand>),
    /// Store, inspect and remove API tokens
    #[command(subcommand)]
    Auth(Deferred<auth::AuthCommand>),
    /// Read and write settings in config.toml
    #[command(subcommand)]
    Config(Deferred<config::ConfigCommand>),
    /// Call any API endpoint with the profile's URL and token
    Api(api::ApiArgs),
    /// Print the JSON Schema of sequence files, for editors
    Schema(schema::SchemaArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Print the man page
    Man(man::ManArgs),
    /// Run a local, stateful imitation of the API for trying clarion and testing clients
    #[command(subcommand)]
    Sandbox(Deferred<sandbox::SandboxCommand>),
}

impl Command {
    /// Whether the command sends requests to the API (under `--sandbox`, to the embedded one).
    pub fn uses_api(&self) -> bool {
        use sequence::SequenceCommand as S;
        match self {
            Command::Sequence(Deferred(S::Validate(_))) => false,
            Command::Sequence(Deferred(S::Create(c))) => !c.dry_run,
            Command::Sequence(_) | Command::Api(_) => true,
            _ => false,
        }
    }

    /// Whether the command may name a profile that doesn't exist yet, to start it.
    pub fn starts_profiles(&self) -> bool {
        matches!(
            self,
            Command::Auth(Deferred(auth::AuthCommand::Login(_)))
                | Command::Config(Deferred(config::ConfigCommand::Set(_)))
        )
    }

    /// Whether the command serves requests, and so wants worker threads of its own.
    pub fn serves(&self) -> bool {
        matches!(self, Command::Sandbox(_))
    }
}

pub(crate) async fn run(cmd: Command, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        Command::Sequence(Deferred(c)) => sequence::run(c, ctx).await,
        Command::Sandbox(Deferred(c)) => sandbox::run(c, ctx).await,
        Command::Auth(Deferred(c)) => auth::run(c, ctx).await,
        Command::Config(Deferred(c)) => config::run(c, ctx).await,
        Command::Api(args) => api::run(args, ctx).await,
        Command::Schema(args) => schema::run(args, ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::Man(args) => man::run(args, ctx),
    }
}
