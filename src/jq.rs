//! `--jq EXPR`: jq filters over JSON output, with jaq. Strings print raw (like `jq -r`),
//! other values as compact JSON, one per line.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

/// A compiled jq filter, to run over many inputs.
pub struct Jq {
    filter: jaq_core::Filter<data::JustLut<Val>>,
}

/// Compiles `code`, for clap: a bad expression is a usage error before anything is sent.
pub fn check(code: &str) -> Result<String, String> {
    Jq::compile(code).map(|_| code.to_string())
}

/// Runs `code` over `input` once.
pub fn apply(code: &str, input: &serde_json::Value) -> anyhow::Result<String> {
    Jq::compile(code).map_err(|e| anyhow::anyhow!("--jq: {e}"))?.apply(input)
}

impl Jq {
    pub fn compile(code: &str) -> Result<Jq, String> {
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
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
        let filter = Compiler::default().with_funs(funs).compile(modules).map_err(|errs| {
            let msgs: Vec<String> = errs
                .into_iter()
                .flat_map(|(_, e)| e)
                .map(|(name, undefined)| format!("undefined {} `{name}`", describe(&undefined)))
                .collect();
            format!("invalid jq expression: {}", msgs.join("; "))
        })?;
        Ok(Jq { filter })
    }

    /// The lines to print for one input, or the filter's runtime error.
    pub fn apply(&self, input: &serde_json::Value) -> anyhow::Result<String> {
        let bytes = serde_json::to_vec(input)?;
        let val =
            jaq_json::read::parse_single(&bytes).map_err(|e| anyhow::anyhow!("--jq: cannot read the input: {e:?}"))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut out = String::new();
        for v in self.filter.id.run((ctx, val)).map(unwrap_valr) {
            match v {
                Ok(Val::TStr(s)) | Ok(Val::BStr(s)) => out.push_str(&String::from_utf8_lossy(&s)),
                Ok(other) => out.push_str(&other.to_string()),
                Err(e) => return Err(anyhow::anyhow!("--jq: {e}")),
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
}
