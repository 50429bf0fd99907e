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
/// Strict for the sandbox's answers: every documented property required, nothing undocumented
/// allowed.
fn convert(v: &Value) -> Value {
    convert_with(v, true)
}

/// For what clarion sends: required as the contract says, nothing undocumented allowed.
fn convert_request(v: &Value) -> Value {
    convert_with(v, false)
}

fn convert_with(v: &Value, all_required: bool) -> Value {
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
                        out.insert(k.clone(), convert_with(val, all_required));
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
                    if all_required {
                        out.insert("required".into(), Value::Array(props.keys().map(|k| json!(k)).collect()));
                    }
                    out.insert("additionalProperties".into(), json!(false));
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| convert_with(x, all_required)).collect()),
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
    let db = t.work().join("contract.sqlite3");
    let busy = SandboxProc::start(&t, &["--db", db.to_str().unwrap()]);
    hold_key_in_flight(&db, "busy", &body);
    check(&api, COLL, "post", &post_sequence(&busy.url, &body, &[("Idempotency-Key", "busy")]).unwrap(), 409);
    let reused = post_sequence(&sb.url, &two_step_body(["failed", "failed"]), &[("Idempotency-Key", "c")]).unwrap();
    check(&api, COLL, "post", &reused, 422);
    assert_eq!(reused.json()["error"]["code"], "idempotency_key_reused");
    for bad_key in ["", "has space", &"k".repeat(256)] {
        let r = post_sequence(&sb.url, &body, &[("Idempotency-Key", bad_key)]).unwrap();
        check(&api, COLL, "post", &r, 400);
    }
    let mut huge = body.clone();
    huge["description"] = json!("x".repeat(3 * 1024 * 1024));
    let too_large = post_sequence(&sb.url, &huge, &[]).unwrap();
    check(&api, COLL, "post", &too_large, 413);
    assert_eq!(too_large.json()["error"]["code"], "payload_too_large");
    // The rules the contract adds to the page (x-assumed), as the sandbox enforces them.
    // (Unique orders are in the contract's words only: JSON Schema can't say it.)
    for (bad, field, in_schema) in [
        (json!({"name": " ", "steps": [{"order": 1, "type": "voice"}]}), "name", true),
        (json!({"name": "x", "steps": [{"order": 1, "type": ""}]}), "steps[0].type", true),
        (
            json!({"name": "x", "steps": [{"order": 1, "type": "v"}, {"order": 1, "type": "w"}]}),
            "steps[1].order",
            false,
        ),
        (json!({"name": "x", "steps": [{"order": 9223372036854775808u64, "type": "v"}]}), "steps[0].order", true),
    ] {
        let r = post_sequence(&sb.url, &bad, &[]).unwrap();
        check(&api, COLL, "post", &r, 422);
        assert!(r.json()["error"]["message"].as_str().unwrap().starts_with(field), "{}", r.json());
        if in_schema {
            assert!(!jsonschema::is_valid(&request_schema(&api), &bad), "the contract refuses it too: {bad}");
        }
    }
    // The contract lists no 405; its body still follows the Error schema.
    assert_eq!(unlisted, [405]);
}

/// The contract's schema for a create's body, as JSON Schema.
fn request_schema(api: &Value) -> Value {
    let defs = convert_request(&api["components"]["schemas"]);
    let mut schema =
        convert_request(&api["paths"][COLL]["post"]["requestBody"]["content"]["application/json"]["schema"])
            .as_object()
            .cloned()
            .unwrap();
    schema.insert("$defs".into(), defs);
    Value::Object(schema)
}

/// Checks one request clarion sent against the contract: its method and path, its headers,
/// and (for a create) its body.
fn check_request(api: &Value, r: &Recorded) {
    assert_eq!(r.header("authorization").map(|a| a.starts_with("Bearer ")), Some(true), "{r:?}");
    let path = r.path.split('?').next().unwrap();
    if r.method == "POST" && path == COLL {
        assert_eq!(r.header("content-type"), Some("application/json"));
        let validator = jsonschema::validator_for(&request_schema(api)).expect("a valid schema");
        let body = r.json();
        let errors: Vec<String> =
            validator.iter_errors(&body).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "POST {path}: {errors:#?}\nbody: {body}");
        let key_schema = api["paths"][COLL]["post"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Idempotency-Key")
            .unwrap()["schema"]
            .clone();
        if let Some(key) = r.header("idempotency-key") {
            assert!(jsonschema::is_valid(&key_schema, &json!(key)), "Idempotency-Key {key:?} breaks the contract");
        }
    } else if r.method == "GET" {
        let id = path.strip_prefix(&format!("{COLL}/")).unwrap_or_else(|| panic!("GET {path} is not in the contract"));
        let id_schema = api["paths"][ITEM]["get"]["parameters"][0]["schema"].clone();
        let id: Value = serde_json::from_str(id).unwrap_or_else(|_| panic!("id {id:?} is not an integer"));
        assert!(jsonschema::is_valid(&id_schema, &id), "id {id} breaks the contract");
    } else {
        panic!("{} {path} is not in the contract", r.method);
    }
}

#[test]
fn every_request_clarion_sends_matches_the_contract() {
    let api = contract();
    let t = TestEnv::new();
    let mut done = sample_sequence(7);
    done["status"] = json!("completed");
    let stub = Stub::fixed(Canned::json(200, &envelope(done)));
    let example = repo_file("examples/appointment-reminder.toml");
    t.write("b.jsonl", "{\"name\":\"a\",\"steps\":[{\"type\":\"voice\"},{\"type\":\"sms\",\"order\":9}]}\n{\"name\":\"b\",\"description\":\"d\",\"steps\":[{\"type\":\"email\",\"config\":{\"x\":[1]}}]}\n");
    let runs: Vec<Vec<String>> = vec![
        vec!["sequence".into(), "create".into(), "-f".into(), example.display().to_string()],
        vec![
            "sequence".into(),
            "create".into(),
            "-f".into(),
            example.display().to_string(),
            "--test-mode".into(),
            "--wait".into(),
        ],
        vec![
            "sequence".into(),
            "create".into(),
            "--name".into(),
            "n".into(),
            "--step".into(),
            "voice".into(),
            "--idempotency-key".into(),
            "my-key_1".into(),
        ],
        vec!["sequence".into(), "create".into(), "-f".into(), "b.jsonl".into(), "--live".into()],
        vec!["sequence".into(), "show".into(), "7".into()],
        vec!["sequence".into(), "wait".into(), "7".into()],
        vec!["api".into(), "/v1/sequence-manager/sequences/7".into()],
        vec![
            "api".into(),
            "POST".into(),
            COLL.into(),
            "-F".into(),
            "name=x".into(),
            "-F".into(),
            "steps:=[{\"order\":1,\"type\":\"voice\"}]".into(),
        ],
    ];
    for args in &runs {
        t.authed(&stub.url).args(args).run().ok();
    }
    let requests = stub.requests();
    assert_eq!(requests.len(), 10);
    for r in &requests {
        check_request(&api, r);
    }
}
