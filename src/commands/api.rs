//! `clarion api [METHOD] PATH`: any endpoint, with the profile's URL and token.

use crate::api::RawRequest;
use crate::context::Ctx;
use crate::error::UsageError;
use clap::Args;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};
use std::path::PathBuf;

/// Call any API endpoint with the profile's base URL and token
///
/// For endpoints clarion has no command for yet. The body is printed as received (pretty JSON
/// on a terminal); errors follow the exit code table. METHOD defaults to GET, or POST when a
/// body is given. -F key=value adds a string field, -F key:=json a JSON value.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  clarion api /v1/sequence-manager/sequences/42
  clarion api POST /v1/sequence-manager/sequences -F name=Reminder -F 'steps:=[{\"order\":1,\"type\":\"voice\"}]'
  clarion api POST /v1/sequence-manager/sequences --input body.json -H 'Idempotency-Key: k-1' -i")]
pub struct ApiArgs {
    /// [METHOD] PATH, e.g. GET /v1/sequence-manager/sequences/42
    #[arg(value_name = "ARGS", num_args = 1..=2, required = true)]
    pub args: Vec<String>,

    /// A JSON body field: key=value (a string) or key:=json (any JSON value); repeatable
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE", conflicts_with = "input")]
    pub fields: Vec<String>,

    /// Send this file as the body (`-` for standard input)
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Add a request header: 'Name: value'; repeatable
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Print the status line and response headers before the body
    #[arg(short, long)]
    pub include: bool,
}

fn field(raw: &str) -> Result<(String, Value), UsageError> {
    let (key, value) =
        raw.split_once('=').ok_or_else(|| UsageError::new(format!("-F {raw:?}: expected key=value or key:=json")))?;
    let (key, value) = match key.strip_suffix(':') {
        Some(k) => (
            k,
            serde_json::from_str(value)
                .map_err(|e| UsageError::new(format!("-F {raw:?}: the value is not JSON: {e}")))?,
        ),
        None => (key, Value::String(value.to_string())),
    };
    if key.is_empty() {
        return Err(UsageError::new(format!("-F {raw:?}: the key is empty")));
    }
    Ok((key.to_string(), value))
}

fn header(raw: &str) -> Result<(HeaderName, HeaderValue), UsageError> {
    let bad = || UsageError::new(format!("-H {raw:?}: expected 'Name: value'"));
    let (name, value) = raw.split_once(':').ok_or_else(bad)?;
    let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| bad())?;
    if name == reqwest::header::AUTHORIZATION {
        return Err(UsageError::with_hint(
            "-H Authorization: clarion sends the token itself",
            "choose the token with --profile, --token-file or CLARION_TOKEN",
        ));
    }
    // The message's framing and its destination are the HTTP client's: a wrong length leaves
    // part of the body on the connection as the next request (or waits for bytes that never
    // come), and another Host sends the token to another site served at the same address.
    use reqwest::header::{CONNECTION, CONTENT_LENGTH, HOST, TE, TRANSFER_ENCODING, UPGRADE};
    if [CONTENT_LENGTH, TRANSFER_ENCODING, HOST, CONNECTION, TE, UPGRADE].contains(&name) {
        return Err(UsageError::with_hint(
            format!("-H {name}: clarion sets this header itself, from the body and the URL"),
            "give the body with -F or --input, and the host in the API URL",
        ));
    }
    Ok((name, HeaderValue::from_str(value.trim()).map_err(|_| bad())?))
}

pub(crate) async fn run(args: ApiArgs, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let (method, path) = match args.args.as_slice() {
        [path] => (None, path.as_str()),
        [method, path] => (Some(method.as_str()), path.as_str()),
        _ => return Err(UsageError::new("expected [METHOD] PATH").into()),
    };
    let body = if !args.fields.is_empty() {
        let mut obj = Map::new();
        for f in &args.fields {
            let (k, v) = field(f)?;
            obj.insert(k, v);
        }
        Some(serde_json::to_vec(&Value::Object(obj))?)
    } else if let Some(input) = &args.input {
        use crate::{fs::read_bounded, seqfile::MAX_INPUT};
        let name = if input.as_os_str() == "-" { "<stdin>".to_string() } else { input.display().to_string() };
        let read = if input.as_os_str() == "-" {
            read_bounded(std::io::stdin().lock(), MAX_INPUT)
        } else {
            std::fs::File::open(input).and_then(|f| read_bounded(f, MAX_INPUT))
        };
        let bytes = read
            .map_err(|e| UsageError::new(format!("cannot read {name}: {}", crate::fs::io_reason(&e))))?
            .ok_or_else(|| UsageError::new(format!("{name}: larger than {} MiB; nothing was sent", MAX_INPUT >> 20)))?;
        Some(bytes)
    } else {
        None
    };
    let method = match method {
        Some(m) => reqwest::Method::from_bytes(m.to_ascii_uppercase().as_bytes())
            .map_err(|_| UsageError::new(format!("{m:?} is not an HTTP method")))?,
        None if body.is_some() => reqwest::Method::POST,
        None => reqwest::Method::GET,
    };
    let mut headers = HeaderMap::new();
    for h in &args.headers {
        let (name, value) = header(h)?;
        headers.append(name, value);
    }
    let settings = ctx.settings()?;
    // Judged before the token is even looked up, let alone sent.
    let url = crate::api::resolve_target(&settings.api_url, path)?;
    let client = ctx.client(&settings)?;
    let resp = client.raw(&RawRequest { method, url, body: body.map(Into::into), headers }).await?;

    if args.include {
        let mut head = format!("HTTP/1.1 {}\n", crate::error::status_text(resp.status));
        for (name, value) in &resp.headers {
            head.push_str(&format!("{name}: {}\n", crate::api::shown_header(name, value)));
        }
        ctx.ui.out(&head)?;
    }
    // Piped, the body is passed on byte for byte; on a terminal, JSON is shown pretty and
    // anything else escaped (`Ui::data`).
    let pretty = ctx.ui.stdout_style().tty.then(|| serde_json::from_slice::<Value>(&resp.body).ok()).flatten();
    match pretty {
        Some(v) => ctx.ui.out(&crate::render::json_pretty(&v))?,
        None if !resp.body.is_empty() => ctx.ui.data(&resp.body)?,
        None => {}
    }
    // The body was the result either way; the status still decides the exit code.
    crate::api::check_status(&resp)
}
