//! clarion: the command-line tool for the Clarion Health Sequence Manager API.
//! `app::run` is the whole program; `main.rs` only parses and maps the result to an exit code.
//! The library is the binary's implementation, not an API: it exposes what `main.rs` uses, and
//! `testing` for the integration tests. Lints are set in Cargo.toml's `[lints]`.

mod alloc;
mod api;
mod app;
mod args;
mod batch;
mod cli;
mod commands;
mod config;
mod context;
mod contract;
mod diagnostics;
mod env;
mod error;
mod fs;
mod interrupt;
mod items;
mod jq;
mod output;
mod render;
mod rows;
mod sandbox;
mod seqfile;
mod tls;
mod tty;
mod untrusted;
mod wait_many;
mod waiter;

pub use app::{report, run};
pub use cli::{Cli, prerendered_top_help};
pub use env::Env;
pub use output::{Ui, print_clap, write_stdout};

/// What the integration tests reach into: the sandbox's store (to check what was stored) and the
/// TLS provider (for their HTTPS test server). Not for other use.
#[doc(hidden)]
pub mod testing {
    pub use crate::sandbox::{KeyState, Store};
    pub use crate::tls::ensure_crypto_provider;
}
