//! Asking for a secret on the terminal. Echo goes off *before* the prompt is shown, so a key
//! typed at any moment is never displayed, and it comes back on however the read ends.

#[cfg(unix)]
pub fn prompt_hidden(prompt: &str) -> std::io::Result<String> {
    use rustix::termios::{LocalModes, OptionalActions, Termios, tcgetattr, tcsetattr};
    use std::fs::File;
    use std::io::{BufRead, Write};

    struct Restore<'a>(&'a File, Termios);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            let _ = tcsetattr(self.0, OptionalActions::Now, &self.1);
        }
    }

    let tty = File::options().read(true).write(true).open("/dev/tty")?;
    let original = tcgetattr(&tty)?;
    let mut hidden = original.clone();
    hidden.local_modes.remove(LocalModes::ECHO);
    // The Enter key still moves to a new line, so what follows doesn't join the prompt.
    hidden.local_modes.insert(LocalModes::ECHONL);
    tcsetattr(&tty, OptionalActions::Now, &hidden)?;
    let _restore = Restore(&tty, original);
    (&tty).write_all(prompt.as_bytes())?;
    (&tty).flush()?;
    let mut line = String::new();
    std::io::BufReader::new(&tty).read_line(&mut line)?;
    Ok(line)
}

#[cfg(not(unix))]
pub fn prompt_hidden(prompt: &str) -> std::io::Result<String> {
    rpassword::prompt_password(prompt)
}
