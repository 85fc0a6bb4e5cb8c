//! The web crate's modules must form layers: basics at the bottom, features above them, the
//! router on top. This reads every `use` and every `crate::…`/`super::…` path in `src/`,
//! follows re-exports to the module that defines the name, and fails on any circle of
//! modules, naming it. A parent declaring a child (`mod x;`) is not a dependency; a parent
//! using its child's items, or a child its parent's, is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`admin::documents`, `""` for the crate root) → its source without comments.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).expect("under src").with_extension("");
            let mut parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            let source = std::fs::read_to_string(&path).expect("readable source");
            out.insert(parts.join("::"), without_comments_and_tests(&source));
        }
    }
    out
}

/// The source without `//` comments and without `#[cfg(test)]` modules (tests may reach
/// anywhere).
fn without_comments_and_tests(source: &str) -> String {
    let code: String = source
        .lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string ("https://…") only shortens the string; no path appears.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    match code.find("#[cfg(test)]\nmod tests") {
        Some(at) => code[..at].to_owned(),
        None => code,
    }
}

/// The paths one `use` tree names, each as its segments (`crate::a::{b, c::d}` → two).
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    fn walk(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        let mut depth = 0;
        let mut start = 0;
        let mut parts = Vec::new();
        for (i, c) in tree.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&tree[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&tree[start..]);
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            match (part.find('{'), part.rfind('}')) {
                (Some(open), Some(close)) => {
                    let mut next = prefix.to_vec();
                    next.extend(part[..open].split("::").filter(|s| !s.is_empty()).map(str::to_owned));
                    walk(&next, &part[open + 1..close], out);
                }
                _ => {
                    let name = part.split(" as ").next().unwrap_or(part);
                    let mut path = prefix.to_vec();
                    path.extend(name.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
                    if let Some(alias) = part.split(" as ").nth(1) {
                        path.push(format!("as {alias}"));
                    }
                    out.push(path);
                }
            }
        }
    }
    let compact: String = tree.chars().filter(|c| !c.is_whitespace() || *c == ' ').collect();
    let compact = compact.replace(" as ", "\u{1}").replace(' ', "").replace('\u{1}', " as ");
    let mut out = Vec::new();
    walk(&[], &compact, &mut out);
    out
}

/// Every `use` statement of a source: (is a re-export, tree).
fn use_statements(source: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("use ") {
        let before = &rest[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let lead = before[line_start..].trim();
        let is_statement = lead.is_empty() || lead.starts_with("pub");
        let after = &rest[at + 4..];
        let Some(end) = after.find(';') else { break };
        if is_statement && (lead.is_empty() || lead == "pub" || lead.starts_with("pub(")) {
            out.push((lead.starts_with("pub"), after[..end].to_owned()));
            rest = &after[end..];
        } else {
            rest = after;
        }
    }
    out
}

/// The module a path starting at `module` lands in, following re-exports; `None` for other
/// crates.
fn resolve(
    module: &str,
    path: &[String],
    names: &BTreeSet<String>,
    reexports: &BTreeMap<(String, String), Vec<String>>,
    depth: usize,
) -> Option<String> {
    let mut base: Vec<String> =
        if module.is_empty() { Vec::new() } else { module.split("::").map(str::to_owned).collect() };
    let mut segments = path.iter().filter(|s| !s.starts_with("as ")).peekable();
    match segments.peek().map(|s| s.as_str()) {
        Some("crate") => base.clear(),
        Some("super") => {
            while segments.peek().map(|s| s.as_str()) == Some("super") {
                base.pop();
                segments.next();
            }
        }
        Some("self") => {}
        // A path may start at a child module (`use app::App;`, `public::home`).
        Some(first) => {
            let mut child = base.clone();
            child.push(first.to_owned());
            if !names.contains(&child.join("::")) {
                return None;
            }
        }
        None => return None,
    }
    let rest: Vec<String> = segments.filter(|s| !matches!(s.as_str(), "crate" | "self")).cloned().collect();
    let mut full = base;
    let mut landed = full.join("::");
    for segment in rest {
        full.push(segment.clone());
        let candidate = full.join("::");
        if names.contains(&candidate) {
            landed = candidate;
            continue;
        }
        if depth < 8
            && let Some(target) = reexports.get(&(landed.clone(), segment))
        {
            return resolve(&landed, target, names, reexports, depth + 1).or(Some(landed));
        }
        break;
    }
    Some(landed)
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut reexports = BTreeMap::new();
    for (module, source) in &modules {
        for (public, tree) in use_statements(source) {
            if !public {
                continue;
            }
            for path in expand_use(&tree) {
                let alias = path.iter().find_map(|s| s.strip_prefix("as ").map(str::to_owned));
                let Some(name) = alias.or_else(|| path.iter().rev().find(|s| !s.starts_with("as ")).cloned())
                else {
                    continue;
                };
                reexports.insert((module.clone(), name), path);
            }
        }
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, source) in &modules {
        let mut paths: Vec<Vec<String>> =
            use_statements(source).iter().flat_map(|(_, tree)| expand_use(tree)).collect();
        let children: Vec<String> = names
            .iter()
            .filter_map(|name| {
                let rest = if module.is_empty() {
                    Some(name.as_str())
                } else {
                    name.strip_prefix(&format!("{module}::"))
                };
                rest.filter(|r| !r.is_empty() && !r.contains("::")).map(|r| format!("{r}::"))
            })
            .collect();
        let starts = ["crate::".to_owned(), "super::".to_owned()].into_iter().chain(children);
        let found: Vec<usize> = starts
            .flat_map(|start| source.match_indices(&start).map(|(at, _)| at).collect::<Vec<_>>())
            .collect();
        for at in found {
            let preceded =
                source[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            if preceded {
                continue;
            }
            let path: String =
                source[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            if path.ends_with("::") {
                continue; // `crate::{…}`: a `use` tree, read above.
            }
            paths.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect());
        }
        let targets = edges.entry(module.clone()).or_default();
        for path in paths {
            if let Some(target) = resolve(module, &path, &names, &reexports, 0)
                && target != *module
            {
                targets.insert(target);
            }
        }
    }
    edges
}

/// Strongly connected components of more than one module (Tarjan).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, v: &'a str) {
        let n = state.index.len();
        state.index.insert(v, n);
        state.low.insert(v, n);
        state.stack.push(v);
        state.on_stack.insert(v);
        let edges = state.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !state.index.contains_key(w) {
                visit(state, w);
                let low = state.low[v].min(state.low[w]);
                state.low.insert(v, low);
            } else if state.on_stack.contains(w) {
                let low = state.low[v].min(state.index[w]);
                state.low.insert(v, low);
            }
        }
        if state.low[v] == state.index[v] {
            let mut component = Vec::new();
            while let Some(w) = state.stack.pop() {
                state.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn the_web_modules_form_no_circle() {
    let edges = graph();
    let found = circles(&edges);
    let described: Vec<String> = found
        .iter()
        .map(|circle| {
            let inside: BTreeSet<&String> = circle.iter().collect();
            let arrows: Vec<String> = circle
                .iter()
                .flat_map(|from| {
                    edges[from]
                        .iter()
                        .filter(|to| inside.contains(to))
                        .map(move |to| format!("{from} → {to}"))
                })
                .collect();
            format!("[{}]: {}", circle.join(", "), arrows.join("; "))
        })
        .collect();
    assert!(found.is_empty(), "module circles:\n{}", described.join("\n"));
}

#[test]
fn the_checker_sees_a_circle_and_follows_re_exports() {
    let mut edges = BTreeMap::new();
    edges.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    edges.insert("b".to_owned(), BTreeSet::from(["a".to_owned()]));
    edges.insert("c".to_owned(), BTreeSet::new());
    assert_eq!(circles(&edges), vec![vec!["a".to_owned(), "b".to_owned()]]);

    let names = BTreeSet::from(["".to_owned(), "app".to_owned(), "views".to_owned()]);
    let mut reexports = BTreeMap::new();
    reexports.insert(("".to_owned(), "App".to_owned()), vec!["app".to_owned(), "App".to_owned()]);
    let path: Vec<String> = ["crate", "App"].map(str::to_owned).to_vec();
    assert_eq!(resolve("views", &path, &names, &reexports, 0).as_deref(), Some("app"));
    let grouped = expand_use("crate::{App, views::{Ctx, Layout as L}}");
    assert_eq!(grouped.len(), 3);
    assert!(use_statements("pub(crate) use crate::x::Y;\nfn f() { let used = 1; }").len() == 1);
}

/// The graph, for reading: `cargo test -p portico-web --test module_graph -- --ignored --nocapture`.
#[test]
#[ignore = "prints the graph"]
fn print_the_module_graph() {
    for (module, targets) in graph() {
        let name = if module.is_empty() { "(root)" } else { module.as_str() };
        println!(
            "{name} → {}",
            targets.iter().map(|t| if t.is_empty() { "(root)" } else { t }).collect::<Vec<_>>().join(", ")
        );
    }
}
