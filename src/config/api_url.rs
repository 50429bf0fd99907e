//! The API's base URL as clarion accepts it: parsed, then judged (https anywhere, plain http
//! only to this machine, no `/v1` of its own).

use crate::api::auth::is_loopback;
use crate::error::UsageError;
use url::Url;

/// A base URL clarion will send a token to: https anywhere, plain http only to this machine.
pub(crate) fn parse_api_url(raw: &str) -> Result<Url, UsageError> {
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
    Ok(url)
}
