//! clarion: the command-line tool for the Clarion Health Sequence Manager API.
//! `app::run` is the whole program; `main.rs` only parses and maps the result to an exit code.
#![deny(clippy::print_stdout, clippy::print_stderr)]
// Input from files, the environment and the network must never panic; tests may.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod api;
pub mod app;
pub mod batch;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod contract;
pub mod diagnostics;
pub mod env;
pub mod error;
pub mod fs;
pub mod jq;
pub mod output;
pub mod render;
pub mod rows;
pub mod sandbox;
pub mod seqfile;
pub mod tls;
pub mod tty;
pub mod untrusted;
pub mod wait_many;
pub mod waiter;
