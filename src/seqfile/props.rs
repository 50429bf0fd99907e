//! Property tests: no input makes the loader panic, and whatever it accepts is a body the
//! contract accepts (checked by the sandbox's validator, written separately from this one).

use super::*;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn accepted_by_the_server(body: &Value) {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    if let Err(e) = crate::sandbox::validate::check(&bytes) {
        panic!("the loader accepted a body the contract refuses ({}): {body}", e.message);
    }
}

fn load(bytes: Vec<u8>, format: Option<Format>) -> Result<serde_json::Value, ValidationError> {
    let source = Source::from_bytes("p".into(), bytes, format)?;
    let parsed = parse_document(source)?;
    build_body(Some(&parsed), &Overrides::default())
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::String),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Documents shaped like sequence files, right and wrong in every field.
fn document() -> impl Strategy<Value = Value> {
    let step = (
        prop::option::of(prop_oneof![Just(json!("voice")), Just(json!("sms")), Just(json!("")), scalar()]),
        prop::option::of(prop_oneof![(0u64..5).prop_map(Value::from), scalar()]),
        prop::option::of(prop_oneof![
            prop::collection::btree_map("[a-z_]{1,8}", value(), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            scalar()
        ]),
        prop::option::of(("[a-z]{1,6}", scalar())),
    )
        .prop_map(|(ty, order, config, extra)| {
            let mut m = Map::new();
            if let Some(t) = ty {
                m.insert("type".into(), t);
            }
            if let Some(o) = order {
                m.insert("order".into(), o);
            }
            if let Some(c) = config {
                m.insert("config".into(), c);
            }
            if let Some((k, v)) = extra {
                m.insert(k, v);
            }
            Value::Object(m)
        });
    (
        prop::option::of(prop_oneof!["[ -~]{0,10}".prop_map(Value::String), scalar()]),
        prop::option::of(scalar()),
        prop::option::of(prop_oneof![prop::collection::vec(step, 0..4).prop_map(Value::Array), scalar()]),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(name, description, steps, test)| {
            let mut m = Map::new();
            for (k, v) in [
                ("name", name),
                ("description", description),
                ("steps", steps),
                ("is_test_mode", test.map(Value::Bool)),
            ] {
                if let Some(v) = v {
                    m.insert(k.into(), v);
                }
            }
            Value::Object(m)
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        for format in [None, Some(Format::Toml), Some(Format::Json)] {
            if let Ok(body) = load(bytes.clone(), format) {
                accepted_by_the_server(&body);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        for format in [Some(Format::Toml), Some(Format::Json)] {
            if let Ok(body) = load(text.clone().into_bytes(), format) {
                accepted_by_the_server(&body);
            }
        }
    }

    #[test]
    fn json_documents_are_accepted_only_when_valid(doc in document()) {
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        match load(text.into_bytes(), Some(Format::Json)) {
            Ok(body) => {
                accepted_by_the_server(&body);
                prop_assert_eq!(&body["name"], &doc["name"]);
                prop_assert_eq!(body["steps"].as_array().map(Vec::len), doc["steps"].as_array().map(Vec::len));
            }
            Err(e) => {
                prop_assert!(!e.problems.is_empty());
                // Located problems point inside the file.
                for p in &e.problems {
                    if let Some(line) = p.line { prop_assert!(line >= 1); }
                }
            }
        }
    }

    #[test]
    fn toml_documents_are_accepted_only_when_valid(doc in document()) {
        // Not every JSON document has a TOML form (nulls, mixed arrays); those are skipped.
        if let Ok(text) = toml::to_string(&doc)
            && let Ok(body) = load(text.into_bytes(), Some(Format::Toml))
        {
            accepted_by_the_server(&body);
            prop_assert_eq!(&body["name"], &doc["name"]);
        }
    }

    #[test]
    fn step_flags_never_panic(spec in "\\PC{0,60}", json_cfg in value()) {
        for raw in [spec.clone(), format!("sms:{json_cfg}"), format!("{spec}:{json_cfg}")] {
            if let Ok(step) = parse_step_spec(&raw) {
                let ov = Overrides { name: Some("n".into()), steps: vec![step], ..Default::default() };
                let body = build_body(None, &ov).map_err(|e| TestCaseError::fail(format!("{raw}: {e}")))?;
                accepted_by_the_server(&body);
            }
        }
    }
}
