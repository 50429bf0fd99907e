//! What every command gets: the output writers, the global flags, the environment snapshot,
//! and the glue that turns them into settings and an API client.

use crate::api::Sequence;
use crate::api::{ApiClient, ClientOptions, RetryPolicy, Trace};
use crate::args::{GlobalArgs, OutputArgs};
use crate::config::{self, ConnFlags, ProfileOrigin, Settings};
use crate::env::Env;
use crate::error::BadResponse;
use crate::output::Ui;
use crate::render;
use std::path::{Path, PathBuf};

pub(crate) struct Ctx<'a> {
    pub ui: &'a Ui,
    pub global: &'a GlobalArgs,
    pub env: &'a Env,
    pub mode: Mode,
    pub config: &'a ConfigOnce,
}

/// The config directory and its config.toml, read at most once per run: the check of a named
/// profile (`app.rs`) and the command's own settings share one reading.
#[derive(Default)]
pub(crate) struct ConfigOnce(std::sync::OnceLock<(PathBuf, config::ConfigFile)>);

impl ConfigOnce {
    pub(crate) fn get(&self, env: &Env) -> anyhow::Result<(&Path, &config::ConfigFile)> {
        let (dir, cfg) = match self.0.get() {
            Some(read) => read,
            None => {
                let dir = config::config_dir(env)?;
                let cfg = config::load_config(&dir)?;
                self.0.get_or_init(|| (dir, cfg))
            }
        };
        Ok((dir, cfg))
    }
}

/// Where requests go: the API the settings name, or the sandbox embedded in this process
/// (`--sandbox` or CLARION_SANDBOX=1), which contacts no one and needs no token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mode {
    Api,
    /// `url` is the running sandbox's; None for a command that sends no request, which never
    /// starts it.
    Sandbox {
        url: Option<String>,
    },
}

/// The settings' URL under `--sandbox` when the sandbox isn't started (a dry run).
const SANDBOX_PLACEHOLDER_URL: &str = "http://127.0.0.1/";

/// The embedded sandbox accepts any token; this one only marks requests as clarion's.
const SANDBOX_TOKEN: &str = "sandbox";

impl Ctx<'_> {
    /// Whether commands go to the embedded sandbox (`--sandbox`), which contacts no one.
    pub(crate) fn is_sandbox(&self) -> bool {
        matches!(self.mode, Mode::Sandbox { .. })
    }

    /// Refuses a command that would change the user's real files under `--sandbox` (exit 2).
    pub(crate) fn refuse_under_sandbox(&self, what: &str) -> anyhow::Result<()> {
        if self.is_sandbox() {
            return Err(crate::error::UsageError::with_hint(
                format!("--sandbox: {what}; the local sandbox needs no login or settings"),
                "run it without --sandbox (and without CLARION_SANDBOX=1) to use your real settings",
            )
            .into());
        }
        Ok(())
    }

    pub(crate) fn conn_flags(&self) -> ConnFlags {
        ConnFlags {
            api_url: self.global.api_url.clone(),
            profile: self.global.profile.clone(),
            token_file: self.global.token_file.clone(),
            ca_cert: self.global.ca_cert.clone(),
        }
    }

    /// The config directory, its config.toml, the selected profile and what chose it, refused
    /// (exit 2) when it was chosen on purpose and isn't defined: what commands that read
    /// settings without connecting (`config get`, `auth status`, the sandbox's settings) start from.
    pub(crate) fn checked_profile(&self) -> anyhow::Result<(&Path, &config::ConfigFile, String, ProfileOrigin)> {
        let (dir, cfg) = self.config.get(self.env)?;
        let (profile, origin) = config::select_profile(self.global.profile.as_deref(), self.env, cfg);
        config::check_profile_defined(dir, cfg, &profile, origin)?;
        Ok((dir, cfg, profile, origin))
    }

    /// The config directory, its config.toml, and the selected profile, for commands that edit
    /// settings (no URL or token needed, and a profile that doesn't exist yet is fine).
    pub(crate) fn profile_files(&self) -> anyhow::Result<(&Path, &config::ConfigFile, String)> {
        let (dir, cfg) = self.config.get(self.env)?;
        let (profile, _) = config::select_profile(self.global.profile.as_deref(), self.env, cfg);
        Ok((dir, cfg, profile))
    }

    pub(crate) fn settings(&self) -> anyhow::Result<Settings> {
        let Mode::Sandbox { url } = &self.mode else {
            config::check_conn_env(self.env)?;
            let (dir, cfg) = self.config.get(self.env)?;
            return config::resolve_in(&self.conn_flags(), self.env, dir, cfg);
        };
        // A command that sends nothing (a dry run) doesn't start the sandbox: its URL stands
        // for "wherever the sandbox will listen", and is shown as the local sandbox.
        let url = url.as_deref().unwrap_or(SANDBOX_PLACEHOLDER_URL);
        // The profile still chooses what isn't about the connection (test_mode, retries), so a
        // pipeline tried on the sandbox asks for what it will ask for for real. Its URL, token,
        // token_command and CA are the real API's, and are not used.
        let (dir, cfg, profile, _) = self.checked_profile()?;
        let real = cfg.profiles.get(&profile).cloned().unwrap_or_default();
        let profile_config =
            config::ProfileConfig { test_mode: real.test_mode, retries: real.retries, ..Default::default() };
        Ok(Settings {
            dir: dir.to_path_buf(),
            profile,
            api_url: crate::api::parse_api_url(url)?,
            api_url_origin: config::UrlOrigin::Sandbox,
            profile_config,
            token_file: None,
            ca_cert: None,
        })
    }

    /// A client with the resolved token; fails with exit 4 before anything is sent when there
    /// is none, or when a stored token would go to a host other than its profile's.
    pub(crate) fn client(&self, settings: &Settings) -> anyhow::Result<ApiClient> {
        self.client_with_gate(settings, None)
    }

    /// A client whose requests all pause when any answer carries `Retry-After` (for batches).
    pub(crate) fn client_with_gate(
        &self,
        settings: &Settings,
        gate: Option<std::sync::Arc<crate::api::gate::PauseGate>>,
    ) -> anyhow::Result<ApiClient> {
        let token = if self.is_sandbox() {
            config::Token::new(SANDBOX_TOKEN).map_err(|why| anyhow::anyhow!("the sandbox token {why}"))?
        } else {
            let resolved = config::resolve_token(settings, self.env)?;
            for w in &resolved.warnings {
                self.ui.warn(w);
            }
            config::check_token_destination(settings, &resolved.origin)?;
            resolved.token
        };
        let extra_roots = match &settings.ca_cert {
            Some(path) => crate::tls::load_ca_certs(path)?,
            None => Vec::new(),
        };
        let trace = (self.global.verbose > 0).then(|| {
            let ui = self.ui.clone();
            Trace { level: self.global.verbose, sink: std::sync::Arc::new(move |line: &str| ui.info(line)) }
        });
        let retry = RetryPolicy {
            retries: config::flag_or_profile(self.global.retries.as_ref(), settings.profile_config.retries.as_ref())
                .map_or(crate::api::retry::DEFAULT_RETRIES, |(n, _)| n),
            ..RetryPolicy::default()
        };
        // A person waiting should know why it is slow; scripts see retries with -v.
        let notify = (self.global.verbose > 0 || self.ui.stderr_is_tty()).then(|| {
            let ui = self.ui.clone();
            std::sync::Arc::new(move |line: &str| ui.warn(line)) as std::sync::Arc<dyn Fn(&str) + Send + Sync>
        });
        let options = ClientOptions {
            extra_roots,
            trace,
            retry,
            request_timeout: self.global.request_timeout.unwrap_or(crate::api::DEFAULT_REQUEST_TIMEOUT),
            notify,
            gate,
        };
        ApiClient::new(settings.api_url.clone(), token, options)
    }

    /// Prints a sequence to stdout as the output flags ask.
    pub(crate) fn print_sequence(&self, seq: &Sequence, output: &OutputArgs) -> anyhow::Result<()> {
        let text = if output.quiet {
            match seq.id() {
                Some(id) => id.to_string(),
                None => {
                    return Err(
                        BadResponse { message: "the API's answer has no sequence id".into(), status: None }.into()
                    );
                }
            }
        } else if output.json || output.jq.is_some() {
            return self.print_json(&seq.to_value(), output.jq.as_deref());
        } else {
            let now = (!self.is_sandbox()).then(std::time::SystemTime::now);
            render::sequence_tables(&seq.data, self.ui.stdout_style(), now)
        };
        self.ui.out(&text)?;
        Ok(())
    }

    /// Waits for a sequence to end and prints it; an unsuccessful end is printed, then
    /// reported (exit 8). After a create (`known` is its answer), whatever ends the wait (the
    /// timeout, Ctrl-C, a failing look), the last known state is still printed, so the
    /// created sequence's id is never lost.
    pub(crate) async fn wait_and_print(
        &self,
        client: &ApiClient,
        id: u64,
        timing: crate::waiter::Timing,
        output: &OutputArgs,
        known: Option<Sequence>,
    ) -> anyhow::Result<()> {
        // -q is quiet: no progress on stderr, only errors.
        let mut view = (!output.quiet).then(|| render::progress::WaitView::new(self.ui, id));
        // `wait ID` prints a sequence only once it has ended; after a create, though, what is
        // known is printed whatever happens, since the id would otherwise be lost.
        let after_create = known.is_some();
        let mut last = known;
        let result = {
            let waiting = crate::waiter::wait(client, id, timing, |seq| {
                if let Some(v) = view.as_mut() {
                    v.update(seq);
                }
                last = Some(seq.clone());
            });
            tokio::select! {
                r = waiting => r,
                () = crate::interrupt::requested() => Err(crate::error::WaitInterrupted { id }.into()),
            }
        };
        drop(view);
        match result {
            Ok(seq) => {
                // An unsuccessful end is still the result: printed, then reported (exit 8).
                self.print_sequence(&seq, output)?;
                match crate::waiter::outcome(&seq) {
                    Some(false) => Err(crate::waiter::unsuccessful(id, &seq).into()),
                    _ => Ok(()),
                }
            }
            Err(e) => {
                if let Some(seq) = last.as_ref().filter(|_| after_create) {
                    self.print_sequence(seq, output)?;
                }
                Err(e)
            }
        }
    }

    /// Prints JSON to stdout: pretty, or through `--jq` when given.
    pub(crate) fn print_json(&self, value: &serde_json::Value, jq: Option<&str>) -> anyhow::Result<()> {
        match jq {
            Some(code) => {
                let out = crate::jq::apply(code, value)?;
                if !out.is_empty() {
                    self.ui.data(out.as_bytes())?;
                }
            }
            None => self.ui.out(&render::json_pretty(value))?,
        }
        Ok(())
    }
}
