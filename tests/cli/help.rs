//! What users read in `--help`: snapshotted so any change to it is a reviewed change.

use crate::support::*;

fn help(args: &[&str]) -> String {
    let run = TestEnv::new().cmd().args(args).env("COLUMNS", "100").run();
    run.code(0);
    run.stdout
}

#[test]
fn top_level_help_lists_exit_codes() {
    let out = help(&["--help"]);
    assert!(out.contains("Exit codes:") && out.contains("130  interrupted"));
    insta::assert_snapshot!("help_top", out);
}

#[test]
fn sequence_create_help() {
    insta::assert_snapshot!("help_sequence_create", help(&["sequence", "create", "--help"]));
}

#[test]
fn sequence_show_help() {
    insta::assert_snapshot!("help_sequence_show", help(&["sequence", "show", "--help"]));
}

#[test]
fn version_is_quick_and_plain() {
    let out = help(&["--version"]);
    assert_eq!(out, format!("clarion {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn sandbox_serve_help() {
    insta::assert_snapshot!("help_sandbox_serve", help(&["sandbox", "serve", "--help"]));
}
