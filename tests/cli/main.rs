//! Integration tests: the built `clarion` binary, a sealed environment, servers on 127.0.0.1:0.
// A test's helpers may panic on what it set up itself; `pub` here is between test modules.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

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
mod layers;
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
