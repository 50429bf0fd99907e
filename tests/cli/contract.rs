//! Every kind of answer the sandbox gives validates against `contract/openapi.yaml`,
//! the project's copy of the API contract, read at test time.

use crate::support::*;
use serde_json::{Map, Value, json};

fn contract() -> Value {
    let path = repo_file("contract/openapi.yaml");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("the contract {} is needed: {e}", path.display()));
    serde_yaml_ng::from_str(&text).expect("openapi.yaml parses")
}

/// OpenAPI 3.0 schema objects to JSON Schema: `$ref`s into `$defs`, `nullable` into a null type.
/// Strict for the sandbox: every documented property required, nothing undocumented allowed.
fn convert(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, val) in m {
                match (k.as_str(), val) {
                    ("$ref", Value::String(r)) => {
                        out.insert(k.clone(), json!(r.replace("#/components/schemas/", "#/$defs/")));
                    }
                    ("nullable", _) | ("example", _) => {}
                    (k2, _) if k2.starts_with("x-") => {}
                    _ => {
                        out.insert(k.clone(), convert(val));
                    }
                }
            }
            if m.get("nullable") == Some(&json!(true))
                && let Some(Value::String(t)) = out.get("type").cloned()
            {
                out.insert("type".into(), json!([t, "null"]));
            }
            if let Some(Value::Object(props)) = out.get("properties").cloned() {
                let free = m.get("additionalProperties") == Some(&json!(true));
                if !free {
                    out.insert("required".into(), Value::Array(props.keys().map(|k| json!(k)).collect()));
                    out.insert("additionalProperties".into(), json!(false));
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(convert).collect()),
        other => other.clone(),
    }
}

/// The schema the contract gives for one answer; statuses it doesn't list get its Error schema.
fn schema_for(api: &Value, path: &str, method: &str, status: u16) -> (Value, bool) {
    let defs = convert(&api["components"]["schemas"]);
    let mut resp = api["paths"][path][method]["responses"][status.to_string()].clone();
    let listed = !resp.is_null();
    if let Some(r) = resp.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/responses/");
        resp = api["components"]["responses"][name].clone();
    }
    let body =
        if listed { convert(&resp["content"]["application/json"]["schema"]) } else { json!({"$ref": "#/$defs/Error"}) };
    let mut schema = body.as_object().cloned().unwrap_or_default();
    schema.insert("$defs".into(), defs);
    (Value::Object(schema), listed)
}

fn check(api: &Value, path: &str, method: &str, r: &HttpResponse, want_status: u16) -> bool {
    assert_eq!(r.status, want_status, "{method} {path}: {}", String::from_utf8_lossy(&r.body));
    let (schema, listed) = schema_for(api, path, method, r.status);
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let body = r.json();
    let errors: Vec<String> = validator.iter_errors(&body).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{method} {path} {}: {errors:#?}\nbody: {body}", r.status);
    listed
}

const COLL: &str = "/v1/sequence-manager/sequences";
const ITEM: &str = "/v1/sequence-manager/sequences/{id}";

#[test]
fn every_sandbox_answer_matches_the_contract() {
    let api = contract();
    let t = TestEnv::new();
    let sb = SandboxProc::start(&t, &["--speed", "6000", "--seed", "2", "--token", "tok_test_5ecret_Zx9q"]);
    let body = two_step_body(["completed", "completed"]);
    let mut unlisted = Vec::new();

    check(&api, COLL, "post", &post_sequence(&sb.url, &body, &[]).unwrap(), 200);
    check(&api, ITEM, "get", &get_sequence(&sb.url, "1"), 200);
    post_sequence(&sb.url, &two_step_body(["failed", "completed"]), &[]).unwrap();
    until_ended(&sb.url, "1");
    until_ended(&sb.url, "2");
    check(&api, ITEM, "get", &get_sequence(&sb.url, "1"), 200);
    check(&api, ITEM, "get", &get_sequence(&sb.url, "2"), 200);
    check(&api, ITEM, "get", &get_sequence(&sb.url, "99"), 404);
    let no_auth = http("GET", &format!("{}{COLL}/1", sb.url), &[], b"").unwrap();
    check(&api, ITEM, "get", &no_auth, 401);
    let bad = http("POST", &format!("{}{COLL}", sb.url), &[AUTH], br#"{"name":"x","steps":[{"type":"v"}]}"#).unwrap();
    check(&api, COLL, "post", &bad, 422);
    let wrong = http("POST", &format!("{}{COLL}", sb.url), &[("Authorization", "Bearer nope")], b"{}").unwrap();
    check(&api, COLL, "post", &wrong, 401);
    let replay = post_sequence(&sb.url, &body, &[("Idempotency-Key", "c")]).unwrap();
    check(&api, COLL, "post", &replay, 200);
    check(&api, COLL, "post", &post_sequence(&sb.url, &body, &[("Idempotency-Key", "c")]).unwrap(), 200);
    let put = http("PUT", &format!("{}{COLL}/1", sb.url), &[AUTH], b"").unwrap();
    if !check(&api, ITEM, "put", &put, 405) {
        unlisted.push(405);
    }

    let faulty = SandboxProc::start(&t, &["--fail-rate", "1", "--retry-after", "0"]);
    check(&api, COLL, "post", &post_sequence(&faulty.url, &body, &[]).unwrap(), 503);
    check(&api, ITEM, "get", &get_sequence(&faulty.url, "1"), 503);
    let limited = SandboxProc::start(&t, &["--rate-limit", "1"]);
    let answers: Vec<_> = (0..5).map(|_| get_sequence(&limited.url, "1")).collect();
    let r429 = answers.iter().find(|r| r.status == 429).expect("a 429");
    check(&api, ITEM, "get", r429, 429);
    let slow = SandboxProc::start(&t, &["--latency", "1000"]);
    let url = slow.url.clone();
    let b2 = body.clone();
    let first = std::thread::spawn(move || post_sequence(&url, &b2, &[("Idempotency-Key", "busy")]).unwrap());
    let second = post_sequence(&slow.url, &body, &[("Idempotency-Key", "busy")]).unwrap();
    let first = first.join().unwrap();
    let conflict = if first.status == 409 { first } else { second };
    check(&api, COLL, "post", &conflict, 409);
    // The contract lists no 405; its body still follows the Error schema.
    assert_eq!(unlisted, [405]);
}
