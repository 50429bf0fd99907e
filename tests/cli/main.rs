//! Integration tests: the built `clarion` binary, a sealed environment, servers on 127.0.0.1:0.

mod support;

mod config;
mod create;
mod help;
mod show;
mod validation;
