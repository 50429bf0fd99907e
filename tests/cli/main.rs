//! Integration tests: the built `clarion` binary, a sealed environment, servers on 127.0.0.1:0.

mod support;

mod auth;
mod batch;
mod config;
mod contract;
mod create;
mod e2e;
mod help;
mod resilience;
mod sandbox;
mod scripting;
mod security;
mod show;
mod validation;
