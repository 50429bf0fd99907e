//! The one writer pair: stdout for data, stderr for progress, hints and errors.
//! Whether each is a terminal, and whether to colour it, is decided here once, and so is the
//! escaping of untrusted text (`untrusted.rs`): every stderr line is escaped, and raw data
//! on stdout is escaped when, and only when, stdout is a terminal.

use crate::env::Env;
use anstyle::{AnsiColor, Style};
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// How data written to stdout should look.
#[derive(Debug, Clone, Copy)]
pub struct OutStyle {
    /// Box drawing and column fitting: only for a person at a terminal.
    pub tty: bool,
    pub color: bool,
    /// The terminal's columns, when stdout is one: tables fit themselves to it.
    pub width: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct Ui {
    stdin_tty: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    stdout_color: bool,
    stderr_color: bool,
    stdout_width: Option<u16>,
}

impl Ui {
    pub fn new(choice: ColorChoice, env: &Env) -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let wants = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if env.get("NO_COLOR").is_some() || env.get("TERM") == Some("dumb") {
                    false
                } else {
                    tty || env.get("CLICOLOR_FORCE").is_some_and(|v| v != "0")
                }
            }
        };
        Ui {
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty,
            stderr_tty,
            stdout_color: wants(stdout_tty),
            stderr_color: wants(stderr_tty),
            stdout_width: if stdout_tty {
                terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0).filter(|w| *w > 0)
            } else {
                None
            },
        }
    }

    pub fn stdout_style(&self) -> OutStyle {
        OutStyle { tty: self.stdout_tty, color: self.stdout_color, width: self.stdout_width }
    }

    pub fn stderr_is_tty(&self) -> bool {
        self.stderr_tty
    }

    pub fn stdin_is_tty(&self) -> bool {
        self.stdin_tty
    }

    /// Asks a question on stderr and reads one line of answer from stdin (a terminal).
    pub fn ask(&self, question: &str) -> std::io::Result<String> {
        let mut err = std::io::stderr().lock();
        err.write_all(question.as_bytes())?;
        err.flush()?;
        drop(err);
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut line)?;
        Ok(line)
    }

    /// Writes clarion's own rendering to stdout (tables, JSON from `untrusted::json`, ids),
    /// whose untrusted parts were escaped as it was built; adds the final newline if missing.
    /// A closed pipe is an error the caller passes up, so that `clarion ... | head` stops quietly.
    pub fn out(&self, text: &str) -> std::io::Result<()> {
        let mut lock = std::io::stdout().lock();
        lock.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            lock.write_all(b"\n")?;
        }
        lock.flush()
    }

    /// Writes data from outside (a response body, `--jq` output) to stdout: byte for byte when
    /// piped, so scripts get exactly what the server sent; escaped on a terminal, so that it
    /// can't drive it. Adds a final newline on a terminal only.
    pub fn data(&self, bytes: &[u8]) -> std::io::Result<()> {
        if !self.stdout_tty {
            let mut lock = std::io::stdout().lock();
            lock.write_all(bytes)?;
            return lock.flush();
        }
        self.out(&crate::untrusted::escape_bytes(bytes))
    }

    fn err_line(&self, label: &str, style: Style, text: &str) {
        // Messages carry text from outside (server messages, file and profile names).
        let text = crate::untrusted::escape_line(text);
        let mut lock = std::io::stderr().lock();
        // A failing stderr leaves nowhere to report to.
        let _ = if self.stderr_color {
            writeln!(lock, "{style}{label}{style:#} {text}")
        } else {
            writeln!(lock, "{label} {text}")
        };
    }

    pub fn error(&self, text: &str) {
        self.err_line("error:", Style::new().bold().fg_color(Some(AnsiColor::Red.into())), text);
    }

    pub fn warn(&self, text: &str) {
        self.err_line("warning:", Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())), text);
    }

    pub fn hint(&self, text: &str) {
        self.err_line("hint:", Style::new().fg_color(Some(AnsiColor::Cyan.into())), text);
    }

    /// Progress and confirmations for a person: shown only when stderr is a terminal.
    pub fn status(&self, text: &str) {
        if self.stderr_tty {
            self.err_line("✓", Style::new().fg_color(Some(AnsiColor::Green.into())), text);
        }
    }

    /// A note for a person at a terminal; scripts don't need it.
    pub fn note_tty(&self, text: &str) {
        if self.stderr_tty {
            self.info(text);
        }
    }

    /// A plain note on stderr, whatever stderr is (servers log to files as well as terminals).
    pub fn info(&self, text: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{}", crate::untrusted::escape_line(text));
    }
}
