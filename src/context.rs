//! What every command gets: the output writers, the global flags, the environment snapshot,
//! and the glue that turns them into settings and an API client.

use crate::api::ApiClient;
use crate::api::Sequence;
use crate::cli::{GlobalArgs, OutputArgs};
use crate::config::{self, ConnFlags, Settings};
use crate::env::Env;
use crate::error::BadResponse;
use crate::output::Ui;
use crate::render;

pub struct Ctx<'a> {
    pub ui: &'a Ui,
    pub global: &'a GlobalArgs,
    pub env: &'a Env,
    /// Base URL of the embedded sandbox when `--sandbox` is on: it replaces config and token.
    pub sandbox_url: Option<String>,
}

/// The embedded sandbox accepts any token; this one only marks requests as clarion's.
const SANDBOX_TOKEN: &str = "sandbox";

impl Ctx<'_> {
    pub fn settings(&self) -> anyhow::Result<Settings> {
        if let Some(url) = &self.sandbox_url {
            return Ok(Settings {
                dir: std::path::PathBuf::new(),
                profile: "sandbox".into(),
                api_url: config::parse_api_url(url)?,
                api_url_origin: config::Origin::Sandbox,
                profile_config: Default::default(),
            });
        }
        let flags = ConnFlags { api_url: self.global.api_url.clone(), profile: self.global.profile.clone() };
        Ok(config::resolve(&flags, self.env)?)
    }

    /// A client with the resolved token; fails with exit 4 before anything is sent when there is none.
    pub fn client(&self, settings: &Settings) -> anyhow::Result<ApiClient> {
        if self.sandbox_url.is_some() {
            let token = config::Token::new(SANDBOX_TOKEN).map_err(anyhow::Error::msg)?;
            return ApiClient::new(settings.api_url.clone(), Some(token));
        }
        let (token, _origin) = config::resolve_token(settings, self.env)?;
        ApiClient::new(settings.api_url.clone(), Some(token))
    }

    /// Prints a sequence to stdout as the output flags ask.
    pub fn print_sequence(&self, seq: &Sequence, output: &OutputArgs) -> anyhow::Result<()> {
        let text = if output.quiet {
            match seq.id() {
                Some(id) => id.to_string(),
                None => return Err(BadResponse { message: "the API's answer has no sequence id".into() }.into()),
            }
        } else if output.json {
            render::json_pretty(&seq.to_value())
        } else {
            render::sequence_tables(&seq.data, self.ui.stdout_style())
        };
        self.ui.out(&text)?;
        Ok(())
    }
}
