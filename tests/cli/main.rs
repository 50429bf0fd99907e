//! Integration tests: the built `clarion` binary, a sealed environment, servers on 127.0.0.1:0.

mod support;

// File modes, signals and terminals: these only make sense on Unix.
#[cfg(unix)]
mod auth;
#[cfg(unix)]
mod batch;
mod config;
#[cfg(unix)]
mod confirm;
mod contract;
mod create;
mod e2e;
mod help;
mod predictable;
mod promises;
mod resilience;
mod rows;
mod sandbox;
mod scripting;
mod security;
mod show;
mod validation;
mod wait_many;
