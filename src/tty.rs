//! Asking for a secret on the terminal. Echo goes off *before* the prompt is shown, so a key
//! typed at any moment is never displayed, and it comes back on however the read ends,
//! Ctrl-C included.

/// Asks on the terminal and reads a line without showing it. `Err` of kind `Interrupted`
/// when the user pressed Ctrl-C (the terminal is as it was either way).
#[cfg(unix)]
pub(crate) fn prompt_hidden(prompt: &str) -> std::io::Result<String> {
    use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, Termios, tcgetattr, tcsetattr};
    use std::fs::File;
    use std::io::{Read, Write};

    struct Restore<'a>(&'a File, Termios);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            let _ = tcsetattr(self.0, OptionalActions::Now, &self.1);
        }
    }

    let tty = File::options().read(true).write(true).open("/dev/tty")?;
    let original = tcgetattr(&tty)?;
    let mut hidden = original.clone();
    // Byte at a time, unechoed, and Ctrl-C as a byte rather than a signal: a signal would end
    // the process before the terminal's echo could be turned back on.
    hidden.local_modes.remove(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG | LocalModes::IEXTEN);
    hidden.special_codes[SpecialCodeIndex::VMIN] = 1;
    hidden.special_codes[SpecialCodeIndex::VTIME] = 0;
    tcsetattr(&tty, OptionalActions::Now, &hidden)?;
    let _restore = Restore(&tty, original);
    (&tty).write_all(prompt.as_bytes())?;
    (&tty).flush()?;
    let mut line: Vec<u8> = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if (&tty).read(&mut byte)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        match byte[0] {
            // Ctrl-C
            0x03 => {
                let _ = (&tty).write_all(b"\r\n");
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            // Ctrl-D on an empty line: no token is coming.
            0x04 if line.is_empty() => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            b'\r' | b'\n' => break,
            // Backspace: one character, however many bytes it has.
            0x7f | 0x08 => while line.pop().is_some_and(|b| b & 0xc0 == 0x80) {},
            // Ctrl-U: start again.
            0x15 => line.clear(),
            // An escape sequence (an arrow key, a paste's bracketing, Alt-something): none of it
            // is the token, and keeping its printable tail would store a corrupted one.
            0x1b => skip_escape(&tty)?,
            b if b < 0x20 => {}
            b => line.push(b),
        }
    }
    // The Enter key was not echoed either: move to the next line for what follows.
    (&tty).write_all(b"\r\n")?;
    String::from_utf8(line).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// Reads the rest of an escape sequence whose ESC was just read: a CSI (`ESC [` ... up to a
/// final byte `@` to `~`), an SS3 (`ESC O` and one byte), or ESC and one byte.
#[cfg(unix)]
fn skip_escape(mut tty: &std::fs::File) -> std::io::Result<()> {
    use std::io::Read;
    let mut next = || -> std::io::Result<Option<u8>> {
        let mut byte = [0u8; 1];
        Ok((tty.read(&mut byte)? == 1).then_some(byte[0]))
    };
    match next()? {
        Some(b'[') => {
            while let Some(b) = next()? {
                if (0x40..=0x7e).contains(&b) {
                    break;
                }
            }
        }
        Some(b'O') => {
            next()?;
        }
        _ => {}
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn prompt_hidden(prompt: &str) -> std::io::Result<String> {
    rpassword::prompt_password(prompt)
}
