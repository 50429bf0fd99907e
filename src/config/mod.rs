//! The config directory, `config.toml` and `credentials.toml`, and how the profile,
//! the base URL and the token are chosen from flags, environment and files.

// The token type belongs to the HTTP client; config uses it (never the reverse).
pub(crate) use crate::api::auth::Token;

pub(crate) mod effective;
pub(crate) mod files;
mod keys;
pub(crate) mod load;
mod model;
mod resolve;
mod token;

pub(crate) use keys::{KEYS, Scope, key_spec, parse_value};
pub(crate) use load::{load_config, load_config_table, load_credentials};
pub(crate) use model::{ConfigFile, CredentialsFile, DEFAULT_API_URL, ProfileConfig, check_profile_name};
pub(crate) use resolve::{
    ConnFlags, ProfileOrigin, Settings, UrlOrigin, check_conn_env, check_profile_defined, config_dir, flag_or_profile,
    named_profile, resolve_in, select_profile,
};
pub(crate) use token::{ResolvedToken, check_token_destination, read_token_file, read_token_text, resolve_token};
