//! Writing config.toml and credentials.toml safely: one writer at a time (a lock file),
//! atomic replacement (temp file, fsync, rename), private modes whatever the umask, and the
//! user's own comments and layout kept (toml_edit).

use crate::error::{AuthError, UsageError};
use anyhow::Context as _;
use std::fs::File;
use std::io::Write as _;
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table};

pub(crate) const CONFIG_FILE: &str = "config.toml";
pub(crate) const CREDENTIALS_FILE: &str = "credentials.toml";
const LOCK_FILE: &str = ".lock";

/// Secrets are 0600; settings are not secret but must not be writable by others (a
/// `token_command` there runs as the user).
pub(crate) const CREDENTIALS_MODE: u32 = crate::fs::PRIVATE_FILE_MODE;
pub(crate) const CONFIG_MODE: u32 = 0o644;

use crate::fs::{ensure_private_dir, set_mode};

/// Replaces `path` with what `write` produces, or leaves it untouched: the new content goes to
/// a temporary file beside it (created with `mode`), is flushed to disk, then renamed over.
pub(crate) fn atomic_write(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.display();
    let mut tmp = tempfile::Builder::new()
        .prefix(".clarion-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write {name}: cannot create a temporary file beside it"))?;
    set_mode(tmp.path(), mode)?;
    write(tmp.as_file_mut())
        .and_then(|_| tmp.as_file_mut().sync_all())
        .with_context(|| format!("cannot write {name}"))?;
    // On error the temporary file is removed when `tmp` drops; the old file was never touched.
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot replace {name}"))?;
    if let Ok(d) = File::open(dir) {
        // Makes the rename itself durable; not every platform or filesystem allows it.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Refuses (exit 4, as ssh does) a config file or directory that another user could have
/// written: its settings choose where the token goes and which command prints it.
pub(crate) fn check_trusted(path: &Path) -> Result<(), AuthError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
        let shown = path.display();
        let owner = meta.uid();
        if owner != rustix::process::geteuid().as_raw() && owner != 0 {
            return Err(AuthError {
                message: format!("{shown} belongs to another user (uid {owner}): clarion will not use it"),
                hint: Some(
                    "make it yours (chown) or move it away; set CLARION_CONFIG_DIR to use another directory".into(),
                ),
            });
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(AuthError {
                message: format!("{shown} can be changed by other users (mode {mode:04o}): clarion will not use it"),
                hint: Some(format!("run: chmod go-w {shown}")),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Edits one TOML file in the config directory under the lock, keeping what the user wrote.
pub(crate) fn edit(
    dir: &Path,
    file: &str,
    mode: u32,
    change: impl FnOnce(&mut DocumentMut) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // A directory others can write could have its files swapped under this one.
    check_trusted(dir)?;
    check_trusted(&dir.join(file))?;
    ensure_private_dir(dir)?;
    let lock_path = dir.join(LOCK_FILE);
    let mut options = File::options();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, CREDENTIALS_MODE);
    let lock = options.open(&lock_path).with_context(|| format!("cannot open {}", lock_path.display()))?;
    // Two clarions editing at once would each write back what they read, losing the other's change.
    lock.lock().with_context(|| format!("cannot lock {}", lock_path.display()))?;
    let path = dir.join(file);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let name = path.display().to_string();
        let problem = crate::diagnostics::Problem::from_toml(&name, &text, e.span(), e.message());
        UsageError::with_hint(problem.to_string(), format!("fix {name} by hand first"))
    })?;
    change(&mut doc)?;
    let mut out = doc.to_string();
    if !text.starts_with('\n') {
        // Removing the first table leaves the blank line that separated it from the next.
        out = out.trim_start_matches('\n').to_string();
    }
    atomic_write(&path, mode, |f| f.write_all(out.as_bytes()))
}

/// The `[profiles.NAME]` table, created (as a header of its own) if missing.
pub(crate) fn profile_table<'d>(doc: &'d mut DocumentMut, profile: &str) -> anyhow::Result<&'d mut Table> {
    let profiles = doc.entry("profiles").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    let profiles = profiles.as_table_mut().ok_or_else(|| UsageError::new("`profiles` in the config is not a table"))?;
    let entry = profiles.entry(profile).or_insert_with(|| Item::Table(Table::new()));
    entry
        .as_table_mut()
        .ok_or_else(|| UsageError::new(format!("`profiles.{profile}` in the config is not a table")).into())
}

/// Sets `key` in `table` to `value`, keeping the layout around an old value: the comment lines
/// above its key and the comment after it (an insert would make a new key, without them).
pub(crate) fn set_value(table: &mut Table, key: &str, mut value: toml_edit::Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Removes `key` from a profile, and the profile itself if nothing is left in it.
/// Returns whether the key was there.
pub(crate) fn remove_profile_key(doc: &mut DocumentMut, profile: &str, key: &str) -> bool {
    let Some(profiles) = doc.get_mut("profiles").and_then(Item::as_table_mut) else { return false };
    let Some(table) = profiles.get_mut(profile).and_then(Item::as_table_mut) else { return false };
    let removed = table.remove(key).is_some();
    if table.is_empty() {
        profiles.remove(profile);
    }
    removed
}

/// A warning when the credentials file can be read by other users (as ssh warns about keys).
pub(crate) fn loose_mode_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Some(format!(
                "{} is readable by other users (mode {mode:04o}); run: chmod 600 {}",
                path.display(),
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_debris() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials.toml");
        std::fs::write(&path, "[profiles.a]\ntoken = \"old\"\n").unwrap();
        let err = atomic_write(&path, CREDENTIALS_MODE, |f| {
            f.write_all(b"[profiles.a]\ntok")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[profiles.a]\ntoken = \"old\"\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["credentials.toml"]);
    }

    #[test]
    fn edits_keep_comments_and_make_profile_headers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "# my settings\ndefault_profile = \"a\" # keep me\n").unwrap();
        edit(dir.path(), CONFIG_FILE, CONFIG_MODE, |doc| {
            profile_table(doc, "staging")?.insert("api_url", toml_edit::value("https://s.example"));
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(
            text,
            "# my settings\ndefault_profile = \"a\" # keep me\n\n[profiles.staging]\napi_url = \"https://s.example\"\n"
        );
        edit(dir.path(), CONFIG_FILE, CONFIG_MODE, |doc| {
            assert!(remove_profile_key(doc, "staging", "api_url"));
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(text, "# my settings\ndefault_profile = \"a\" # keep me\n");
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_exact() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("new/clarion");
        edit(&cfg, CREDENTIALS_FILE, CREDENTIALS_MODE, |_| Ok(())).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&cfg), 0o700);
        assert_eq!(mode(&cfg.join(CREDENTIALS_FILE)), 0o600);
        std::fs::set_permissions(cfg.join(CREDENTIALS_FILE), std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(loose_mode_warning(&cfg.join(CREDENTIALS_FILE)).unwrap().contains("mode 0644"));
        edit(&cfg, CREDENTIALS_FILE, CREDENTIALS_MODE, |_| Ok(())).unwrap();
        assert_eq!(mode(&cfg.join(CREDENTIALS_FILE)), 0o600, "tightened on write");
        assert!(loose_mode_warning(&cfg.join(CREDENTIALS_FILE)).is_none());
    }
}
