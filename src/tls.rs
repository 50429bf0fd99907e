//! TLS: the process-wide rustls crypto provider (ring: quick to build, no C toolchain quirks),
//! and the extra CA certificates a profile or `--ca-cert` names.

use crate::error::UsageError;
use std::path::Path;

pub fn ensure_crypto_provider() {
    // Err only means a provider is installed already, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Reads a PEM bundle of CA certificates.
pub(crate) fn load_ca_certs(path: &Path) -> anyhow::Result<Vec<reqwest::Certificate>> {
    let cannot = |why: String| UsageError::new(format!("cannot read the CA certificate {}: {why}", path.display()));
    let pem = std::fs::File::open(path)
        .and_then(|f| crate::fs::read_bounded(f, 4 * 1024 * 1024))
        .map_err(|e| cannot(crate::fs::io_reason(&e)))?
        .ok_or_else(|| cannot("larger than 4 MiB: not a certificate bundle".into()))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|_| UsageError::new(format!("{} is not a PEM certificate bundle", path.display())))?;
    if certs.is_empty() {
        return Err(UsageError::new(format!("{} holds no PEM certificate", path.display())).into());
    }
    Ok(certs)
}
