//! The API's base URL as clarion accepts it: parsed, then judged (https anywhere, plain http
//! only to this machine, no `/v1` of its own).

use super::auth::is_loopback;
use crate::error::UsageError;
use std::fmt;
use url::Url;

/// A base URL clarion will send a token to, as `parse_api_url` made it: https anywhere, plain
/// http only to this machine, no user name or password, no `/v1` of its own, no query or
/// fragment, and a path that ends in `/`. There is no other way to make one, so the client
/// can rely on it (plain http means loopback; joining a path keeps the base's prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiUrl(Url);

impl std::ops::Deref for ApiUrl {
    type Target = Url;
    fn deref(&self) -> &Url {
        &self.0
    }
}

impl fmt::Display for ApiUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A base URL clarion will send a token to: https anywhere, plain http only to this machine.
pub(crate) fn parse_api_url(raw: &str) -> Result<ApiUrl, UsageError> {
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        UsageError::with_hint(format!("invalid API URL {raw:?}: {e}"), "use a URL like https://api.clarionhealth.com")
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(UsageError::with_hint(
                format!("refusing plain http:// for {raw}: the token would cross the network unencrypted"),
                "use https://, or http:// only with 127.0.0.1, ::1 or localhost",
            ));
        }
        other => {
            return Err(UsageError::new(format!("invalid API URL {raw:?}: scheme {other}:// is not http or https")));
        }
    }
    if url.host().is_none() {
        return Err(UsageError::new(format!("invalid API URL {raw:?}: it has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UsageError::new(
            "the API URL must not carry a user name or password; the token is sent as a header",
        ));
    }
    // clarion adds /v1/...: a base that already ends in /v1 would send to /v1/v1/...
    if url
        .path_segments()
        .and_then(|mut s| s.rfind(|seg| !seg.is_empty()))
        .is_some_and(|last| last.eq_ignore_ascii_case("v1"))
    {
        return Err(UsageError::with_hint(
            format!("the API URL {raw:?} ends in /v1, which clarion adds itself"),
            "give the API's root, such as https://api.clarionhealth.com",
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(ApiUrl(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:4010",
            "http://localhost:1",
            "http://[::1]:1",
            "https://localhost",
            "https://api.example/gateway/",
        ] {
            assert!(parse_api_url(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("http://api.clarionhealth.com", "refusing plain http://"),
            ("http://127.0.0.1.example.com", "refusing plain http://"),
            ("ftp://x", "is not http or https"),
            ("https://u:p@x", "user name or password"),
            ("https://u@x", "user name or password"),
            ("https://api.example/v1", "ends in /v1"),
            ("https://api.example/v1/", "ends in /v1"),
            ("https://api.example/V1", "ends in /v1"),
            ("not a url", "invalid API URL"),
        ] {
            let err = parse_api_url(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    /// What the client relies on: the path ends in `/` (so joining keeps a gateway prefix), and
    /// nothing but scheme, host, port and path is left.
    #[test]
    fn the_base_is_normalised() {
        for (raw, want) in [
            ("https://api.example", "https://api.example/"),
            ("  https://api.example/gateway  ", "https://api.example/gateway/"),
            ("https://api.example/gateway/?x=1#top", "https://api.example/gateway/"),
            ("http://localhost:8080/a/b", "http://localhost:8080/a/b/"),
        ] {
            assert_eq!(parse_api_url(raw).unwrap().as_str(), want, "{raw}");
        }
        let base = parse_api_url("https://api.example/gateway").unwrap();
        assert_eq!(
            crate::api::sequences_url(&base).as_str(),
            "https://api.example/gateway/v1/sequence-manager/sequences"
        );
    }
}
