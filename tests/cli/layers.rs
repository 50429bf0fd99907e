//! The source's shape, as DEVELOPERS.md states it: modules in layers, each using only the layers
//! below it, and no file importing a module that imports it back. The layers are read from
//! DEVELOPERS.md itself, so the document and the code can't drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A file's code without its comments, its test module or test-only items: what it imports
/// when built for users.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The first path segment after each occurrence of `prefix` (`crate::`, `super::`, `x::`),
/// braces opened: `use super::{a, b::c}` gives `a` and `b`.
fn segments_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        if let Some(inner) = rest.strip_prefix('{') {
            // Each top-level item's first identifier.
            let mut depth = 0;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    c if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            for item in items {
                let name: String = item.trim().chars().take_while(|c| is_ident(*c)).collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Modules a `mod.rs` (or `lib.rs`) declares, and which of them are test-only.
fn children(code: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut all, mut test_only) = (BTreeSet::new(), BTreeSet::new());
    let mut after_cfg_test = false;
    for line in code.lines().map(str::trim) {
        let decl = line.strip_prefix("pub(crate) ").or_else(|| line.strip_prefix("pub ")).unwrap_or(line);
        if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
            all.insert(name.to_string());
            if after_cfg_test {
                test_only.insert(name.to_string());
            }
        }
        after_cfg_test = line == "#[cfg(test)]";
    }
    (all, test_only)
}

/// The layers, top to bottom, from DEVELOPERS.md's "Intended layers" line.
fn layers() -> Vec<Vec<String>> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("DEVELOPERS.md")).unwrap();
    let start = doc.find("Intended layers").expect("DEVELOPERS.md states the layers");
    let para = &doc[start..];
    let para = &para[..para.find("\n\n").unwrap_or(para.len())];
    let line = &para[para.find("`main`").expect("the layers start at `main`")..];
    let line = &line[..line.find('.').unwrap_or(line.len())];
    line.split('→').map(|layer| layer.split('`').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>()).collect()
}

/// Top-level module → the top-level modules it uses (non-test code only).
fn top_level_uses() -> BTreeMap<String, BTreeSet<String>> {
    let root = src();
    let (_, test_only) = children(&code_of(&root.join("lib.rs")));
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        if path.is_dir() {
            for file in walk(&path) {
                files.push((stem.clone(), file));
            }
        } else if path.extension().is_some_and(|e| e == "rs") && stem != "lib" {
            files.push((stem, path));
        }
    }
    for (module, file) in files {
        if test_only.contains(&module) {
            continue;
        }
        let used = uses.entry(module.clone()).or_default();
        for name in segments_after(&code_of(&file), "crate::") {
            if name != module {
                used.insert(name);
            }
        }
    }
    uses
}

/// The `.rs` files under `dir`, leaving out modules a `mod.rs` declares `#[cfg(test)]`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let test_only = match std::fs::read_to_string(dir.join("mod.rs")) {
        Ok(_) => children(&code_of(&dir.join("mod.rs"))).1,
        Err(_) => BTreeSet::new(),
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        if test_only.contains(&stem) {
            continue;
        }
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let layers = layers();
    let layer_of: BTreeMap<&str, usize> =
        layers.iter().enumerate().flat_map(|(i, l)| l.iter().map(move |m| (m.as_str(), i))).collect();
    let uses = top_level_uses();
    let mut wrong = Vec::new();
    for module in uses.keys() {
        if !layer_of.contains_key(module.as_str()) {
            wrong.push(format!("`{module}` is in no layer of DEVELOPERS.md"));
        }
    }
    for module in layer_of.keys() {
        if !uses.contains_key(*module) {
            wrong.push(format!("DEVELOPERS.md names `{module}`, which src/ doesn't have"));
        }
    }
    // The clap tree is one thing: `cli` holds the commands, and `completions` and `man` read
    // the whole tree back.
    let tree = ["cli", "commands"];
    for (module, used) in &uses {
        let Some(&mine) = layer_of.get(module.as_str()) else { continue };
        for other in used {
            let Some(&theirs) = layer_of.get(other.as_str()) else { continue };
            if theirs <= mine && !(tree.contains(&module.as_str()) && tree.contains(&other.as_str())) {
                wrong.push(format!("`{module}` uses `{other}`, which is not below it"));
            }
        }
    }
    assert!(wrong.is_empty(), "the layers of DEVELOPERS.md and src/ disagree:\n{}", wrong.join("\n"));
}

/// Within one folder module, the files that import each other: `mod.rs` and its children.
fn folder_edges(dir: &Path, module_path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mod_code = code_of(&dir.join("mod.rs"));
    let (kids, test_only) = children(&mod_code);
    let kids: BTreeSet<String> = kids.difference(&test_only).cloned().collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let target = |name: &str| if kids.contains(name) { name.to_string() } else { "mod".to_string() };
    for kid in &kids {
        let path = if dir.join(format!("{kid}.rs")).exists() {
            dir.join(format!("{kid}.rs"))
        } else {
            dir.join(kid).join("mod.rs")
        };
        let code = code_of(&path);
        let e = edges.entry(kid.clone()).or_default();
        for name in segments_after(&code, "super::") {
            e.insert(target(&name));
        }
        for name in segments_after(&code, &format!("crate::{module_path}::")) {
            e.insert(target(&name));
        }
        e.remove(kid);
    }
    let e = edges.entry("mod".into()).or_default();
    for kid in &kids {
        if !segments_after(&mod_code, &format!("{kid}::")).is_empty() || mod_code.contains(&format!("use {kid};")) {
            e.insert(kid.clone());
        }
    }
    edges
}

fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_file_imports_a_module_that_imports_it_back() {
    let mut loops = Vec::new();
    let uses = top_level_uses();
    let mut top = uses.clone();
    // The clap tree's own loop (cli ↔ commands) is allowed; see the test above.
    top.entry("commands".into()).or_default().remove("cli");
    if let Some(c) = find_cycle(&top) {
        loops.push(c.join(" → "));
    }
    for dir in walk(&src()).iter().filter(|p| p.ends_with("mod.rs")).filter_map(|p| p.parent()) {
        let rel = dir.strip_prefix(src()).unwrap().to_string_lossy().replace(std::path::MAIN_SEPARATOR, "::");
        if rel.starts_with("commands") {
            continue;
        }
        if let Some(c) = find_cycle(&folder_edges(dir, &rel)) {
            loops.push(format!("{rel}: {}", c.join(" → ")));
        }
    }
    assert!(loops.is_empty(), "import loops (mod = the folder's mod.rs):\n{}", loops.join("\n"));
}

#[test]
fn the_checks_above_can_see_an_import() {
    assert_eq!(
        segments_after("use crate::{a::b, c, d::{e, f}};\nlet x = crate::g::h;", "crate::"),
        ["a", "c", "d", "g"]
    );
    assert_eq!(segments_after("my_crate::x; super::y", "crate::"), Vec::<String>::new());
    let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    e.entry("a".into()).or_default().insert("b".into());
    e.entry("b".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&e), Some(vec!["a".to_string(), "b".to_string(), "a".to_string()]));
}
