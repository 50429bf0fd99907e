//! The flags several commands share (connection and global settings, output, input, wait
//! timing), their value parsers and shell completers, this command line as a hint repeats it,
//! and `Deferred`, the wrapper that has clap build a command group only when it is entered.

use crate::output::ColorChoice;
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Base URL of the API [env: CLARION_API_URL] [default: the profile's api_url, else https://api.clarionhealth.com]
    #[arg(long, global = true, help_heading = "Global options", value_name = "URL")]
    pub api_url: Option<String>,

    /// Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]
    #[arg(long, global = true, help_heading = "Global options", value_name = "NAME",
          add = clap_complete::ArgValueCandidates::new(profile_candidates))]
    pub profile: Option<String>,

    /// Read the API token from this file (never give a token itself as an argument: others can see it)
    #[arg(long, global = true, help_heading = "Global options", value_name = "PATH")]
    pub token_file: Option<std::path::PathBuf>,

    /// Also trust this CA certificate (PEM), e.g. a corporate proxy's [default: the profile's ca_cert]
    #[arg(long, global = true, help_heading = "Global options", value_name = "PATH")]
    pub ca_cert: Option<std::path::PathBuf>,

    /// Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx)
    /// [default: the profile's retries, else 3]
    #[arg(long, global = true, help_heading = "Global options", value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retries: Option<u32>,

    /// Seconds each attempt may take, connecting included [default: 30]
    #[arg(long, global = true, help_heading = "Global options", value_name = "SECONDS", value_parser = positive_seconds)]
    pub request_timeout: Option<std::time::Duration>,

    /// Show each request and response on stderr (-vv adds bodies); the token is always masked
    #[arg(short, long, global = true, help_heading = "Global options", action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Use a local sandbox started for this command instead of the real API (no token or config
    /// needed; state persists in the data directory) [env: CLARION_SANDBOX=1]
    #[arg(long, global = true, help_heading = "Global options", conflicts_with = "api_url")]
    pub sandbox: bool,

    /// When to use colour (NO_COLOR is honoured under auto)
    #[arg(long, global = true, help_heading = "Global options", value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

fn positive_seconds(raw: &str) -> Result<std::time::Duration, String> {
    match raw.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err("expected a number of seconds above 0, such as 30 or 0.5".into()),
    }
}

/// `--step`'s parser. Its error says what is wrong and where, but never repeats the value (as
/// clap's would): a step's config may hold a patient's number or name, which a CI log must not
/// get a second copy of.
#[derive(Clone)]
struct StepSpecParser;

impl clap::builder::TypedValueParser for StepSpecParser {
    type Value = crate::seqfile::StepSpec;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let invalid = |why: &str| {
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value for '--step <SPEC>': {why}\n"),
            )
            .with_cmd(cmd)
        };
        let raw = value.to_str().ok_or_else(|| invalid("not valid UTF-8"))?;
        crate::seqfile::parse_step_spec(raw).map_err(|why| invalid(&why))
    }
}

/// How a command prints the sequence it got back.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Print the sequence as JSON, exactly as the API sent it (every field, in its order)
    #[arg(long, conflicts_with = "quiet")]
    pub json: bool,

    /// Filter the JSON output with a jq expression (implies --json); strings print raw
    #[arg(long, value_name = "EXPR", conflicts_with = "quiet", value_parser = crate::jq::check)]
    pub jq: Option<String>,

    /// Print only the sequence id
    #[arg(short, long)]
    pub quiet: bool,
}

/// Where a sequence comes from: a file, flags, or both (shared by create and validate).
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Sequence file: TOML (.toml) or JSON (.json); `-` reads standard input
    #[arg(short, long, value_name = "PATH", add = files_ending_in(&["toml", "json", "jsonl", "ndjson"]))]
    pub file: Option<std::path::PathBuf>,

    /// Name of the sequence (replaces the file's)
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,

    /// Description of the sequence (replaces the file's)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Add a step: TYPE, TYPE@ORDER or either with :JSON_OBJECT (its config); repeatable.
    /// Without @ORDER it runs after every step before it (its order is one more than the
    /// largest so far)
    #[arg(long = "step", value_name = "SPEC", value_parser = StepSpecParser)]
    pub steps: Vec<crate::seqfile::StepSpec>,

    /// One sequence per row: -f is then a template whose strings hold placeholders such as
    /// {{ phone }}, filled from each row of FILE (CSV with a header row, or JSON Lines of flat
    /// objects); `-` reads standard input
    #[arg(long, value_name = "FILE", help_heading = "Template and rows", add = files_ending_in(&["csv", "jsonl", "ndjson"]))]
    pub rows: Option<std::path::PathBuf>,

    /// The rows' format [default: from the extension (.csv, .jsonl, .ndjson); csv for standard input]
    #[arg(long, value_name = "FORMAT", requires = "rows", help_heading = "Template and rows")]
    pub rows_format: Option<crate::rows::RowsFormat>,
}

impl InputArgs {
    /// What the flags add to (or put in place of) the file, as the loader takes it.
    pub fn overrides(&self, test_mode: Option<bool>) -> crate::seqfile::Overrides {
        crate::seqfile::Overrides {
            name: self.name.clone(),
            description: self.description.clone(),
            steps: self.steps.clone(),
            test_mode,
        }
    }

    /// One sequence per line: `--batch`, or a .jsonl/.ndjson file (create and validate agree).
    pub fn is_batch(&self, batch_flag: bool) -> bool {
        batch_flag
            || self
                .file
                .as_ref()
                .and_then(|f| f.extension())
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
    }
}

/// How long to wait for a sequence, and how often to look.
#[derive(Debug, Clone, Args)]
pub struct WaitTiming {
    /// Give up waiting after this long (exit 124): 90s, 10m, 1h, ...
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = crate::waiter::parse_duration)]
    pub timeout: std::time::Duration,

    /// Time between two looks at the sequence (at least 1s)
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = crate::waiter::parse_interval)]
    pub interval: std::time::Duration,
}

impl WaitTiming {
    pub fn get(&self) -> crate::waiter::Timing {
        crate::waiter::Timing { timeout: self.timeout, interval: self.interval }
    }
}

/// `--json` and `--jq` for commands whose only output format choice is JSON.
#[derive(Debug, Clone, Args)]
pub struct JsonArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,

    /// Filter the JSON output with a jq expression (implies --json); strings print raw
    #[arg(long, value_name = "EXPR", value_parser = crate::jq::check)]
    pub jq: Option<String>,
}

impl JsonArgs {
    pub fn wanted(&self) -> bool {
        self.json || self.jq.is_some()
    }
}

/// A config key: the registry's names become the help's and the shell completions' possible
/// values, while checking (and its near-miss message) stays with `config::key_spec`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ConfigKeyParser;

impl clap::builder::TypedValueParser for ConfigKeyParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(crate::config::KEYS.iter().map(|k| clap::builder::PossibleValue::new(k.name).help(k.help))))
    }
}

/// This command line, quoted for a POSIX shell, without the flag `drop` (with its value, if
/// `drop_value`) and with `add` at the end: what a hint tells a person to run next.
///
/// Only for a terminal, where the command is on the screen already: its arguments can hold a
/// patient's name or number (`--name`, `--step`), which a log must not get a second copy of.
/// Elsewhere the hint says `otherwise` instead.
pub(crate) fn this_command_line(
    ui: &crate::output::Ui,
    otherwise: &str,
    drop: Option<&str>,
    drop_value: bool,
    add: &[&str],
) -> String {
    if !ui.stderr_is_tty() {
        return otherwise.to_string();
    }
    let mut args: Vec<String> = vec!["clarion".into()];
    let mut given = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = given.next() {
        match drop {
            Some(flag) if arg == flag => {
                if drop_value {
                    given.next();
                }
            }
            Some(flag) if arg.strip_prefix(flag).is_some_and(|rest| rest.starts_with('=')) => {}
            _ => args.push(arg),
        }
    }
    args.extend(add.iter().map(|a| a.to_string()));
    shlex::try_join(args.iter().map(String::as_str)).unwrap_or_else(|_| args.join(" "))
}

/// Shell completion (`CLARION_COMPLETE=bash clarion`, see the README): the profiles defined in
/// config.toml and credentials.toml. A file that can't be read offers none.
fn profile_candidates() -> Vec<clap_complete::CompletionCandidate> {
    let env = crate::env::Env::capture();
    let Ok(dir) = crate::config::config_dir(&env) else { return Vec::new() };
    let mut names = std::collections::BTreeSet::new();
    if let Ok(cfg) = crate::config::load_config(&dir) {
        names.extend(cfg.profiles.into_keys());
    }
    if let Ok(creds) = crate::config::load_credentials(&dir) {
        names.extend(creds.profiles.into_keys());
    }
    names.into_iter().map(clap_complete::CompletionCandidate::new).collect()
}

/// Shell completion of a path: directories (to go into) and files with one of `extensions`.
fn files_ending_in(extensions: &'static [&'static str]) -> clap_complete::ArgValueCompleter {
    clap_complete::ArgValueCompleter::new(clap_complete::engine::PathCompleter::any().filter(move |p| {
        p.is_dir()
            || p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
    }))
}

/// A command group whose subcommands clap builds only when it is entered: `clarion --help`
/// and `clarion sequence show` then never build the flags of `sandbox serve` or `config set`.
/// The group's name and one-line help stay on the variant, so the top-level help is unchanged.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T: clap::FromArgMatches> clap::FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: clap::Subcommand> clap::Subcommand for Deferred<T> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_subcommands)
    }
    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_subcommands_for_update)
    }
    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}
