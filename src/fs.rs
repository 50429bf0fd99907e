//! The ground floor for files: reading with a bound, saying why a read failed, and creating
//! what is the user's alone (0700 directories, 0600 files) whatever the umask. Config, the
//! journal and the sandbox's data directory all use it.

use anyhow::Context as _;
use std::path::Path;

/// A file for the user alone: credentials, a batch journal.
pub(crate) const PRIVATE_FILE_MODE: u32 = 0o600;
const DIR_MODE: u32 = 0o700;

/// Reads at most `limit` bytes; `Ok(None)` when there is more than that.
pub(crate) fn read_bounded(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, limit + 1), &mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// An I/O error as a reader of the message would put it.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Options that create a file for the user alone (0600, within the umask: follow with
/// `set_mode` to be exact): a journal, the sandbox's database.
pub(crate) fn private_file_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE_MODE);
    options
}

/// Creates a directory private to the user (0700) if it is missing: the config directory, and
/// the sandbox's, whose database holds the phone numbers its sequences were given.
pub(crate) fn ensure_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir).with_context(|| format!("cannot create the directory {}", dir.display()))?;
    // The umask may have taken bits away, never added them; set the mode exactly anyway.
    set_mode(dir, DIR_MODE)?;
    Ok(())
}

/// Sets `path`'s mode exactly: creating with a mode leaves the umask's say, and an older file
/// may be looser.
pub(crate) fn set_mode(path: &Path, mode: u32) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot set the permissions of {}", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}
