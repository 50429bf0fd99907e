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

/// `--help` or `-h` alone takes a shorter path (the global flags are not copied into every
/// command first); its page must be the one the full parse prints, in colour too.
#[test]
fn top_level_help_alone_is_the_full_parses_page() {
    let t = TestEnv::new();
    for colour in [None, Some("1")] {
        let page = |args: &[&str]| {
            let mut cmd = t.cmd().args(args).env("COLUMNS", "100");
            if let Some(v) = colour {
                cmd = cmd.env("CLICOLOR_FORCE", v);
            }
            let run = cmd.run();
            run.code(0);
            run.stdout
        };
        let full = page(&["--color", "auto", "--help"]);
        assert!(full.contains("Global options:"), "{full}");
        assert_eq!(colour.is_some(), full.contains('\u{1b}'), "colour was forced: {colour:?}");
        assert_eq!(page(&["--help"]), full);
        assert_eq!(page(&["-h"]), full);
        assert_eq!(page(&["help"]), full);
    }
}
