//! `--jq EXPR`: jq filters over JSON output, with jaq. Strings print raw (like `jq -r`),
//! other values as compact JSON, one per line.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

/// A compiled jq filter, to run over many inputs.
pub(crate) struct Jq {
    filter: jaq_core::Filter<data::JustLut<Val>>,
    /// `$ENV`'s variables, read once: a filter runs once per line of a batch or a wait. (Kept
    /// as text: jaq's values can't cross to the printer thread.)
    env: Vec<(String, String)>,
}

/// Compiles `code`, for clap: a bad expression is a usage error before anything is sent.
pub(crate) fn check(code: &str) -> Result<String, String> {
    Jq::compile(code).map(|_| code.to_string())
}

/// Runs `code` over `input` once.
pub(crate) fn apply(code: &str, input: &serde_json::Value) -> anyhow::Result<String> {
    Jq::compile(code).map_err(|e| anyhow::anyhow!("--jq: {e}"))?.apply(input)
}

/// What jq users reach for that jaq's standard library leaves out: `@csv` and `@tsv` (as jq
/// writes them), and `env` as `$ENV` (so both leave out the token, see `env_object`).
const EXTRA_DEFS: &str = r#"
def @csv: if type == "array" then map(
    if type == "string" then "\"" + (split("\"") | join("\"\"")) + "\""
    elif type == "number" or type == "boolean" then tostring
    elif . == null then ""
    else error("\(type) (\(tojson)) is not valid in a csv row") end
  ) | join(",") else error("\(type) (\(tojson)) cannot be csv-formatted, only an array can be") end;
def @tsv: if type == "array" then map(
    if type == "string" then split("\\") | join("\\\\") | split("\t") | join("\\t")
      | split("\n") | join("\\n") | split("\r") | join("\\r")
    elif type == "number" or type == "boolean" then tostring
    elif . == null then ""
    else error("\(type) (\(tojson)) is not valid in a tsv row") end
  ) | join("\t") else error("\(type) (\(tojson)) cannot be tsv-formatted, only an array can be") end;
def env: $ENV;
"#;

/// Environment variables that must never reach stdout, even when asked for by name.
const SECRET_VARS: &[&str] = &["CLARION_TOKEN", "CLARION_SANDBOX_TOKEN"];

/// The environment, without clarion's secrets.
fn env_vars() -> Vec<(String, String)> {
    std::env::vars_os()
        .filter(|(k, _)| !SECRET_VARS.iter().any(|s| k == s))
        .map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned()))
        .collect()
}

/// `$ENV` as jq sees it.
fn env_object(vars: &[(String, String)]) -> Val {
    Val::obj(vars.iter().map(|(k, v)| (Val::from(k.clone()), Val::from(v.clone()))).collect())
}

/// A runtime error's text, at most a few lines' worth: jq quotes whole values in its errors,
/// and a whole sequence on one line helps no one. The start and the end are kept.
fn shorten(message: &str) -> String {
    const MAX: usize = 200;
    let chars: Vec<char> = message.chars().collect();
    if chars.len() <= MAX {
        return message.to_string();
    }
    let head: String = chars[..150].iter().collect();
    let tail: String = chars[chars.len() - 40..].iter().collect();
    format!("{head} … {tail}")
}

impl Jq {
    pub(crate) fn compile(code: &str) -> Result<Jq, String> {
        let extra = jaq_core::load::parse(EXTRA_DEFS, |p| p.defs()).into_iter().flatten();
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs()).chain(extra);
        // `env` is ours (above): jaq's would hand out the token.
        let funs =
            jaq_core::funs().chain(jaq_std::funs().filter(|(name, _, _)| *name != "env")).chain(jaq_json::funs());
        let arena = Arena::default();
        let column = |at: &str| {
            let offset = (at.as_ptr() as usize).saturating_sub(code.as_ptr() as usize).min(code.len());
            code[..offset].chars().count() + 1
        };
        let modules = Loader::new(defs).load(&arena, File { code, path: () }).map_err(|errs| {
            let mut msgs = Vec::new();
            for (_, err) in errs {
                match err {
                    jaq_core::load::Error::Io(e) => msgs.extend(e.into_iter().map(|(_, m)| m)),
                    jaq_core::load::Error::Lex(e) => msgs.extend(
                        e.into_iter().map(|(exp, at)| format!("expected {} at column {}", exp.as_str(), column(at))),
                    ),
                    jaq_core::load::Error::Parse(e) => msgs.extend(
                        e.into_iter().map(|(exp, at)| format!("expected {} at column {}", exp.as_str(), column(at))),
                    ),
                }
            }
            format!("invalid jq expression: {}", msgs.join("; "))
        })?;
        let filter =
            Compiler::default().with_funs(funs).with_global_vars(["$ENV"]).compile(modules).map_err(|errs| {
                let msgs: Vec<String> = errs
                    .into_iter()
                    .flat_map(|(_, e)| e)
                    .map(|(name, undefined)| format!("undefined {} `{name}`", describe(&undefined)))
                    .collect();
                format!("invalid jq expression: {}", msgs.join("; "))
            })?;
        Ok(Jq { filter, env: env_vars() })
    }

    /// The lines to print for one input, or the filter's runtime error.
    pub(crate) fn apply(&self, input: &serde_json::Value) -> anyhow::Result<String> {
        let bytes = serde_json::to_vec(input)?;
        let val =
            jaq_json::read::parse_single(&bytes).map_err(|e| anyhow::anyhow!("--jq: cannot read the input: {e:?}"))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([env_object(&self.env)]));
        let mut out = String::new();
        for v in self.filter.id.run((ctx, val)).map(unwrap_valr) {
            match v {
                Ok(Val::TStr(s)) | Ok(Val::BStr(s)) => out.push_str(&String::from_utf8_lossy(&s)),
                Ok(other) => out.push_str(&other.to_string()),
                Err(e) => return Err(anyhow::anyhow!("--jq: {}", shorten(&e.to_string()))),
            }
            out.push('\n');
        }
        Ok(out)
    }
}

fn describe(u: &jaq_core::compile::Undefined) -> String {
    use jaq_core::compile::Undefined;
    match u {
        Undefined::Mod => "module".into(),
        Undefined::Var => "variable".into(),
        Undefined::Label => "label".into(),
        Undefined::Filter(arity) => format!("filter (with {arity} arguments)"),
        _ => "name".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_raw_others_json_one_per_line() {
        let v = json!({"id": 42, "status": "completed", "steps": [{"type": "voice"}, {"type": "sms"}], "n": null});
        assert_eq!(apply(".status", &v).unwrap(), "completed\n");
        assert_eq!(apply(".id", &v).unwrap(), "42\n");
        assert_eq!(apply(".steps[].type", &v).unwrap(), "voice\nsms\n");
        assert_eq!(apply(".steps[0]", &v).unwrap(), "{\"type\":\"voice\"}\n");
        assert_eq!(apply(".n", &v).unwrap(), "null\n");
        assert_eq!(apply("[.steps[] | select(.type == \"sms\")] | length", &v).unwrap(), "1\n");
        assert_eq!(apply("empty", &v).unwrap(), "");
    }

    #[test]
    fn bad_expressions_are_reported() {
        assert!(check(".status").is_ok());
        let e = check(".steps[").unwrap_err();
        assert!(e.starts_with("invalid jq expression: expected"), "{e}");
        let e = check("nosuchfilter").unwrap_err();
        assert!(e.contains("undefined filter"), "{e}");
        assert!(apply(".id | keys", &json!({"id": 1})).unwrap_err().to_string().starts_with("--jq:"));
    }

    #[test]
    fn format_strings_and_variables_jq_users_reach_for() {
        let v = json!({"name": "Say \"hi\", Bob", "n": 3, "tab": "a\tb\\c\nd", "ok": true, "none": null});
        assert_eq!(apply("[.name, .n, .ok, .none] | @csv", &v).unwrap(), "\"Say \"\"hi\"\", Bob\",3,true,\n");
        assert_eq!(apply("[.tab, .n] | @tsv", &v).unwrap(), "a\\tb\\\\c\\nd\t3\n");
        assert!(apply("[{}] | @csv", &v).unwrap_err().to_string().contains("is not valid in a csv row"));
        assert!(apply(".n | @tsv", &v).unwrap_err().to_string().contains("only an array can be"));
        assert_eq!(apply(".name | @sh", &v).unwrap(), "'Say \"hi\", Bob'\n");
        assert_eq!(apply(".n | @json", &v).unwrap(), "3\n");
        assert_eq!(apply(".n | @text", &v).unwrap(), "3\n");
        assert_eq!(apply("\"hi\" | @base64 | ., @base64d", &v).unwrap(), "aGk=\nhi\n");
        assert_eq!(apply("\"a b&c\" | @uri", &v).unwrap(), "a%20b%26c\n");
        assert_eq!(apply("$ENV | type", &v).unwrap(), "object\n");
        assert_eq!(apply("env == $ENV", &v).unwrap(), "true\n");
    }

    #[test]
    fn runtime_errors_never_quote_a_whole_document() {
        let big = json!({"steps": (0..200).map(|i| json!({"type": format!("step-{i}")})).collect::<Vec<_>>()});
        let e = apply(".steps | .foo", &big).unwrap_err().to_string();
        assert!(e.chars().count() < 230, "{e}");
        assert!(e.contains("cannot index") && e.ends_with("with \"foo\""), "{e}");
    }
}
