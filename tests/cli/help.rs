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

/// `--help` or `-h` alone takes a shorter path: into a pipe at 100 columns it prints a page
/// rendered at build time, elsewhere clap renders it without first copying the global flags
/// into every command. Either way the page must be the one the full parse prints: plain or in
/// colour, at 100 columns or narrower.
#[test]
fn top_level_help_alone_is_the_full_parses_page() {
    let t = TestEnv::new();
    let mut pages = Vec::new();
    for (columns, colour) in
        [(None, None), (Some("100"), None), (Some("250"), None), (Some("60"), None), (None, Some("1"))]
    {
        let page = |args: &[&str]| {
            let mut cmd = t.cmd().args(args);
            if let Some(v) = columns {
                cmd = cmd.env("COLUMNS", v);
            }
            if let Some(v) = colour {
                cmd = cmd.env("CLICOLOR_FORCE", v);
            }
            let run = cmd.run();
            run.code(0);
            assert_eq!(run.stderr, "");
            run.stdout
        };
        let full = page(&["--color", "auto", "--help"]);
        assert!(full.contains("Global options:"), "{full}");
        assert_eq!(colour.is_some(), full.contains('\u{1b}'), "colour was forced: {colour:?}");
        let width = full.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        let want = if columns == Some("60") { 60 } else { 100 };
        assert!(colour.is_some() || (width <= want && width > want - 10), "COLUMNS={columns:?}: {width} wide");
        assert_eq!(page(&["--help"]), full, "COLUMNS={columns:?}, CLICOLOR_FORCE={colour:?}");
        assert_eq!(page(&["-h"]), full);
        assert_eq!(page(&["help"]), full);
        pages.push(full);
    }
    // At 60 columns the full parse's page is another page: `--help` matched it above, so it
    // did not print the one made ahead of time there.
    assert_eq!(pages[0], pages[1]);
    assert_eq!(pages[0], pages[2]);
    assert_ne!(pages[0], pages[3]);
}

/// Into a pipe, the page is the one made ahead of time, byte for byte.
#[test]
fn top_level_help_into_a_pipe_is_the_page_made_ahead_of_time() {
    let run = TestEnv::new().cmd().args(["--help"]).run();
    run.code(0);
    assert_eq!(run.stdout, include_str!("../../src/top_help.txt"));
}

/// On a terminal the page is clap's, wrapped to the terminal's width: the page rendered at
/// build time is only for pipes and files.
#[cfg(unix)]
#[test]
fn top_level_help_on_a_narrow_terminal_fits_it() {
    let (run, _) = TestEnv::new().cmd().args(["--help"]).run_on_pty(60, &[]);
    run.code(0);
    let text = &run.screen;
    assert!(text.contains("Global options:") && text.contains("130  interrupted"), "{text}");
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!((50..=60).contains(&widest), "{widest} columns on a 60-column terminal:\n{text}");
}

/// clap names the program after the file it was started as; the page rendered ahead of time
/// says `clarion`, so under another name clap renders it.
#[cfg(unix)]
#[test]
fn top_level_help_names_the_program_as_it_was_started() {
    let t = TestEnv::new();
    for (name, usage) in [
        ("clarion-dev", "Usage: clarion-dev [OPTIONS]"),
        ("/opt/tools/cl", "Usage: cl [OPTIONS]"),
        ("/usr/local/bin/clarion", "Usage: clarion [OPTIONS]"),
    ] {
        let page = |args: &[&str]| {
            let run = t.cmd().arg0(name).args(args).run();
            run.code(0);
            run.stdout
        };
        let full = page(&["--color", "auto", "--help"]);
        assert!(full.contains(usage), "started as {name}: {full}");
        assert_eq!(page(&["--help"]), full, "started as {name}");
        assert_eq!(page(&["-h"]), full, "started as {name}");
    }
}
