//! What may carry a token where: the token type (never printed whole) and the origin rules.

use std::fmt;
use url::Url;

/// A bearer token. It has no `Display`, and its `Debug` is masked, so it can't leak by formatting.
#[derive(Clone)]
pub(crate) struct Token(String);

/// Why a text is not a usable token. Its `Display` completes a sentence that names where the
/// token came from: "CLARION_TOKEN is empty".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadToken {
    Empty,
    NotHeaderSafe,
}

impl std::fmt::Display for BadToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BadToken::Empty => "is empty",
            BadToken::NotHeaderSafe => {
                "contains characters that can't go in an HTTP header (spaces, control or non-ASCII characters)"
            }
        })
    }
}

impl Token {
    pub(crate) fn new(value: &str) -> Result<Self, BadToken> {
        let value = value.trim();
        if value.is_empty() {
            return Err(BadToken::Empty);
        }
        if !value.bytes().all(|b| (0x21..0x7f).contains(&b)) {
            return Err(BadToken::NotHeaderSafe);
        }
        Ok(Token(value.to_string()))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// For showing which token is in use: at most its last 4 characters, and none of a short one.
    pub(crate) fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() >= 12 {
            format!("****{}", chars[chars.len() - 4..].iter().collect::<String>())
        } else {
            "****".into()
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(****)")
    }
}

/// Whether two URLs have one origin: the same scheme, host and port (a default port counts as
/// given). The token goes only to its own origin.
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host() == b.host() && a.port_or_known_default() == b.port_or_known_default()
}

pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
