//! The process-wide rustls crypto provider (ring: quick to build, no C toolchain quirks).

pub fn ensure_crypto_provider() {
    // Err only means a provider is installed already, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
