//! The source's shape, as DEVELOPERS.md states it: modules in layers, each using only the layers
//! below it, and no file importing a module that imports it back. The layers are read from
//! DEVELOPERS.md itself, so the document and the code can't drift apart.
//!
//! Imports are found by reading the code as tokens (strings, characters and comments set
//! aside), without the items marked `#[cfg(test)]`, and every `crate::`, `self::` and
//! `super::` path (and a `mod.rs`'s paths through its own children) is resolved to the module
//! it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The code without its string and character literals (emptied) and its comments (removed).
fn strip_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !chars.get(i.wrapping_sub(1)).is_some_and(|p| is_ident(*p))
        {
            // r"..." and r#"..."#: they end at a quote followed by as many #s.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            while i < chars.len() && !(chars[i] == '"' && chars[i + 1..].iter().take(hashes).all(|c| *c == '#')) {
                i += 1;
            }
            i += 1 + hashes;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            // '\n', '\'', '\u{1b}': the escaped character, then on to the closing quote.
            i += 3;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The code without the items marked `#[cfg(test)]` (a module, a function, an impl, a use):
/// each is cut to its matching closing brace, or to its `;`.
fn strip_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at + "#[cfg(test)]".len()..];
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, c) in item.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// A file's code as it is built for users: no literals, comments or test-only items.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap().replace("\r\n", "\n");
    strip_test_items(&strip_literals(&text))
}

/// Child modules a `mod.rs` (or `lib.rs`) declares, for users' builds (whatever their
/// visibility), and the files they are in.
fn children(dir: &Path, code: &str) -> BTreeMap<String, PathBuf> {
    let mut kids = BTreeMap::new();
    for line in code.lines().map(str::trim) {
        let mut decl = line;
        if let Some(r) = decl.strip_prefix("pub") {
            decl = match r.strip_prefix('(') {
                Some(r) => r.split_once(')').map_or(r, |(_, r)| r),
                None => r,
            }
            .trim_start();
        }
        if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
            let file = dir.join(format!("{name}.rs"));
            let path = if file.exists() { file } else { dir.join(name).join("mod.rs") };
            assert!(path.exists(), "mod {name} in {} has no file (a #[path] module?)", dir.display());
            kids.insert(name.to_string(), path);
        }
    }
    kids
}

/// One source file: its module path (`["batch", "input"]`), whether it is a folder's
/// `mod.rs`, and its code.
struct File {
    module: Vec<String>,
    is_mod: bool,
    code: String,
    kids: BTreeSet<String>,
}

/// Every file of the library, found by following `mod` declarations from `lib.rs`.
fn files() -> Vec<File> {
    fn visit(dir: &Path, path: &Path, module: Vec<String>, is_mod: bool, out: &mut Vec<File>) {
        let code = code_of(path);
        let kids = if is_mod { children(dir, &code) } else { BTreeMap::new() };
        for (name, kid_path) in &kids {
            let kid_is_mod = kid_path.ends_with("mod.rs");
            let kid_dir = if kid_is_mod { dir.join(name) } else { dir.to_path_buf() };
            let mut m = module.clone();
            m.push(name.clone());
            visit(&kid_dir, kid_path, m, kid_is_mod, out);
        }
        out.push(File { module, is_mod, code, kids: kids.into_keys().collect() });
    }
    let mut out = Vec::new();
    visit(&src(), &src().join("lib.rs"), Vec::new(), true, &mut out);
    out
}

/// The names `lib.rs` re-exports (`pub use cli::Cli;`), and the modules they come from.
fn root_reexports() -> BTreeMap<String, String> {
    let code = code_of(&src().join("lib.rs"));
    let mut map = BTreeMap::new();
    for stmt in code.split(';') {
        let Some(tree) = stmt.trim().strip_prefix("pub use ") else { continue };
        let Some((module, names)) = tree.split_once("::") else { continue };
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            map.insert(name.trim().to_string(), module.trim().to_string());
        }
    }
    map
}

/// The path `code` starts with, as segments; a group `{a, b::c}` gives one path per item.
fn path_at(code: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = code;
    loop {
        let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
        if name.is_empty() {
            break;
        }
        rest = &rest[name.len()..];
        segments.push(name);
        match rest.strip_prefix("::") {
            Some(r) => rest = r.trim_start(),
            None => return vec![segments],
        }
        if let Some(inner) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut items = vec![String::new()];
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(String::new()),
                    _ => {}
                }
                if let Some(last) = items.last_mut()
                    && !(c == ',' && depth == 0)
                {
                    last.push(c);
                }
            }
            return items
                .iter()
                .flat_map(|item| path_at(item.trim_start()))
                .map(|tail| segments.iter().cloned().chain(tail).collect())
                .collect();
        }
    }
    vec![segments]
}

/// The module paths a file names, made absolute (`crate`, `self` and `super` resolved).
fn imports(file: &File, reexports: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    // Where `self` is: a folder's mod.rs is its folder's module; a file is its own module.
    let here = &file.module;
    let mut out = Vec::new();
    let code = &file.code;
    for (at, _) in code.match_indices("::") {
        // The path's first segment ends here; find where it starts.
        let start = code[..at].rfind(|c: char| !is_ident(c)).map_or(0, |i| i + 1);
        if code[..start].ends_with("::") {
            continue;
        }
        let path = path_at(&code[start..]);
        for p in path {
            let Some(first) = p.first() else { continue };
            let mut abs: Vec<String> = match first.as_str() {
                "crate" => Vec::new(),
                "self" => here.clone(),
                "super" => here.clone(),
                kid if file.is_mod && file.kids.contains(kid) => here.clone(),
                _ => continue,
            };
            let mut segs = p.iter().peekable();
            if matches!(first.as_str(), "crate" | "self") {
                segs.next();
            }
            while segs.peek().is_some_and(|s| *s == "super") {
                segs.next();
                abs.pop();
            }
            abs.extend(segs.cloned());
            // `crate::Cli`: a name the root re-exports stands for its module.
            if let Some(module) = abs.first().and_then(|n| reexports.get(n)) {
                abs[0] = module.clone();
            }
            out.push(abs);
        }
    }
    out
}

/// Top-level module → the top-level modules it uses.
fn top_level_uses() -> BTreeMap<String, BTreeSet<String>> {
    let reexports = root_reexports();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files() {
        let Some(top) = file.module.first() else { continue };
        let used = uses.entry(top.clone()).or_default();
        for abs in imports(&file, &reexports) {
            if let Some(first) = abs.first()
                && first != top
            {
                used.insert(first.clone());
            }
        }
    }
    uses.insert("main".into(), ["app".to_string()].into());
    uses
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
            let Some(&theirs) = layer_of.get(other.as_str()) else {
                wrong.push(format!("`{module}` uses `{other}`, which is in no layer"));
                continue;
            };
            if theirs <= mine && !(tree.contains(&module.as_str()) && tree.contains(&other.as_str())) {
                wrong.push(format!("`{module}` uses `{other}`, which is not below it"));
            }
        }
    }
    assert!(wrong.is_empty(), "the layers of DEVELOPERS.md and src/ disagree:\n{}", wrong.join("\n"));
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
    let mut top = top_level_uses();
    // The clap tree's own loop (cli ↔ commands) is allowed; see the test above.
    top.entry("commands".into()).or_default().remove("cli");
    if let Some(c) = find_cycle(&top) {
        loops.push(c.join(" → "));
    }
    // Within each folder: its mod.rs ("mod") and its children, as files.
    let reexports = root_reexports();
    let files = files();
    for folder in files.iter().filter(|f| f.is_mod && !f.module.is_empty()) {
        let depth = folder.module.len();
        let node = |abs: &[String]| -> Option<String> {
            if abs.len() <= depth || abs[..depth] != folder.module[..] {
                return None;
            }
            Some(if folder.kids.contains(&abs[depth]) { abs[depth].clone() } else { "mod".into() })
        };
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in files.iter().filter(|f| f.module.len() >= depth && f.module[..depth] == folder.module[..]) {
            let Some(me) = (if file.module.len() == depth { Some("mod".to_string()) } else { node(&file.module) })
            else {
                continue;
            };
            for abs in imports(file, &reexports) {
                if let Some(target) = node(&abs)
                    && target != me
                {
                    edges.entry(me.clone()).or_default().insert(target);
                }
            }
        }
        if let Some(c) = find_cycle(&edges) {
            loops.push(format!("{}: {}", folder.module.join("::"), c.join(" → ")));
        }
    }
    assert!(loops.is_empty(), "import loops (mod = the folder's mod.rs):\n{}", loops.join("\n"));
}

#[test]
fn the_checks_above_can_see_an_import() {
    let file = |module: &[&str], is_mod: bool, code: &str| File {
        module: module.iter().map(|s| s.to_string()).collect(),
        is_mod,
        code: strip_test_items(&strip_literals(code)),
        kids: ["input".to_string()].into(),
    };
    let re: BTreeMap<String, String> = [("Cli".to_string(), "cli".to_string())].into();
    let seen = |f: &File| imports(f, &re).iter().map(|p| p.join("::")).collect::<Vec<_>>();
    let f = file(&["batch", "journal"], false, "use crate::{a::b, c, d::{e, f}};\nlet x = crate::g::h;");
    assert_eq!(seen(&f), ["a::b", "c", "d::e", "d::f", "g::h"]);
    let f =
        file(&["batch", "journal"], false, "use super::super::render::x; use super::input::Lines; use super::Thing;");
    assert_eq!(seen(&f), ["render::x", "batch::input::Lines", "batch::Thing"]);
    let f = file(&["batch"], true, "let v = input::line(); use self::input::X; use crate::Cli;");
    assert_eq!(seen(&f), ["batch::input::line", "batch::input::X", "cli"]);
    let f = file(&["items"], false, "let s = (\"http://h\", crate::batch::f()); // crate::render\n/* crate::x */");
    assert_eq!(seen(&f), ["batch::f"]);
    let f =
        file(&["a"], false, "#[cfg(test)]\nmod helpers { use crate::b; }\nuse crate::c;\n#[cfg(test)]\nuse crate::d;");
    assert_eq!(seen(&f), ["c"]);
    assert!(seen(&file(&["a"], false, "my_crate::x; let t = '\\''; 'a';")).is_empty());
    let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    e.entry("a".into()).or_default().insert("b".into());
    e.entry("b".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&e), Some(vec!["a".to_string(), "b".to_string(), "a".to_string()]));
}
