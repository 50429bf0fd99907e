//! The one writer pair: stdout for data, stderr for progress, hints and errors.
//! Whether each is a terminal, and whether to colour it, is decided here once, and so is the
//! escaping of untrusted text (`untrusted.rs`): every stderr line is escaped, and raw data
//! on stdout is escaped when, and only when, stdout is a terminal.

use crate::env::Env;
use anstyle::{AnsiColor, Style};
use std::io::{self, IsTerminal, Write};

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
        let newline: &[u8] = if text.ends_with('\n') { b"" } else { b"\n" };
        write_stdout(&[text.as_bytes(), newline])
    }

    /// Writes data from outside (a response body, `--jq` output) to stdout: byte for byte when
    /// piped, so scripts get exactly what the server sent; escaped on a terminal, so that it
    /// can't drive it. Adds a final newline on a terminal only.
    pub fn data(&self, bytes: &[u8]) -> std::io::Result<()> {
        if !self.stdout_tty {
            return write_stdout(&[bytes]);
        }
        self.out(&crate::untrusted::escape_bytes(bytes))
    }

    fn err_line(&self, label: &str, style: Style, text: &str) {
        // Messages carry text from outside (server messages, file and profile names).
        let text = crate::untrusted::escape_line(text);
        let line =
            if self.stderr_color { format!("{style}{label}{style:#} {text}\n") } else { format!("{label} {text}\n") };
        // A failing stderr leaves nowhere to report to.
        let _ = write_stderr(line.as_bytes());
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
        let _ = write_stderr(format!("{}\n", crate::untrusted::escape_line(text)).as_bytes());
    }
}

/// Writes `parts` to stdout, all of them, then flushes: the one way bytes reach stdout.
pub fn write_stdout(parts: &[&[u8]]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    for part in parts {
        write_all_waiting(&mut lock, part, || until_writable(&stdout))?;
    }
    flush_waiting(&mut lock, || until_writable(&stdout))
}

/// A clap help page, version or usage error, coloured as `clap::Error::print` would colour it
/// (the same `anstream` decision), but written through the waiting writers here.
pub fn print_clap(mut e: clap::Error) -> io::Result<()> {
    inert_argv(&mut e);
    let styled = e.render().ansi().to_string();
    let as_chosen = |choice| {
        let mut s = anstream::AutoStream::new(Vec::new(), choice);
        s.write_all(styled.as_bytes()).map(|()| s.into_inner())
    };
    if e.use_stderr() {
        write_stderr(&as_chosen(anstream::AutoStream::choice(&io::stderr()))?)
    } else {
        write_stdout(&[&as_chosen(anstream::AutoStream::choice(&io::stdout()))?])
    }
}

/// The command line as clap's errors quote it, made safe: an argument is text from outside
/// (pasted, or from a script's variables), so its control characters are escaped as every
/// stderr line's are. (`--step`'s parser quotes nothing: see `args::StepSpecParser`.)
fn inert_argv(e: &mut clap::Error) {
    use clap::error::{ContextKind, ContextValue};
    let kinds: Vec<ContextKind> = e.context().map(|(k, _)| k).collect();
    for kind in kinds {
        let safe = match e.get(kind) {
            Some(ContextValue::String(v)) => ContextValue::String(crate::untrusted::escape_line(v).into_owned()),
            Some(ContextValue::Strings(vs)) => {
                ContextValue::Strings(vs.iter().map(|v| crate::untrusted::escape_line(v).into_owned()).collect())
            }
            _ => continue,
        };
        e.insert(kind, safe);
    }
}

fn write_stderr(bytes: &[u8]) -> io::Result<()> {
    let stderr = io::stderr();
    let mut lock = stderr.lock();
    write_all_waiting(&mut lock, bytes, || until_writable(&stderr))
}

/// `write_all`, except that a full non-blocking stream is waited on (`wait`) instead of being
/// an error. A parent may leave O_NONBLOCK set on a pipe or terminal it shares with clarion
/// (Node's `child_process`, and CI runners built on it, do): there `write_all` fails with EAGAIN
/// partway through, and a script would get half its data and an error.
fn write_all_waiting(w: &mut impl Write, mut bytes: &[u8], mut wait: impl FnMut() -> io::Result<()>) -> io::Result<()> {
    while !bytes.is_empty() {
        match w.write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => wait()?,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// `flush`, waiting as `write_all_waiting` does (stdout buffers what it was given).
fn flush_waiting(w: &mut impl Write, mut wait: impl FnMut() -> io::Result<()>) -> io::Result<()> {
    loop {
        match w.flush() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => wait()?,
            done => return done,
        }
    }
}

/// Returns once `stream` can take more bytes, or has failed (the next write then says how).
#[cfg(unix)]
fn until_writable(stream: &impl std::os::fd::AsFd) -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags, poll};
    let mut fds = [PollFd::new(stream, PollFlags::OUT)];
    loop {
        match poll(&mut fds, None) {
            Err(rustix::io::Errno::INTR) => {}
            done => return done.map(drop).map_err(io::Error::from),
        }
    }
}

#[cfg(not(unix))]
fn until_writable<T>(_: &T) -> io::Result<()> {
    std::thread::yield_now();
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Read;

    fn nonblocking(fd: impl std::os::fd::AsFd) -> rustix::io::Result<()> {
        use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
        fcntl_setfl(&fd, fcntl_getfl(&fd)? | OFlags::NONBLOCK)
    }

    /// Everything the pipe holds now, without waiting for more.
    fn drain(r: &mut io::PipeReader) -> Vec<u8> {
        let mut all = Vec::new();
        let mut buf = [0u8; 65536];
        loop {
            match r.read(&mut buf) {
                Ok(0) => return all,
                Ok(n) => all.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return all,
                Err(e) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn a_full_nonblocking_pipe_is_waited_on_not_given_up() {
        let (mut r, mut w) = io::pipe().unwrap();
        nonblocking(&w).unwrap();
        nonblocking(&r).unwrap();
        let filler = [b'x'; 4096];
        let mut filled = 0;
        loop {
            match w.write(&filler) {
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) => panic!("{e}"),
            }
        }
        // The wait makes room, as the reader at the other end would.
        let mut received = Vec::new();
        let mut waits = 0;
        let text = b"clarion 1.0.0\n".repeat(1000);
        write_all_waiting(&mut w, &text, || {
            waits += 1;
            received.extend(drain(&mut r));
            Ok(())
        })
        .unwrap();
        received.extend(drain(&mut r));
        assert!(waits > 0, "the pipe was full, so the first write must have been refused");
        assert_eq!(received.len(), filled + text.len());
        assert!(received.ends_with(&text));
    }

    #[test]
    fn a_writable_stream_is_not_waited_on() {
        let (_r, w) = io::pipe().unwrap();
        until_writable(&w).unwrap();
    }
}
