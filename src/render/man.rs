//! Man pages: one per command (`clarion-sequence-create(1)`, ...), from the clap tree, with a
//! synopsis that names each option's value, an EXIT STATUS section and SEE ALSO links.

use clap::Command;
use roff::{Roff, bold, italic, roman};

/// Every page, as (file name, roff text): the command's own and its subcommands', depth first.
pub(crate) fn all_pages(root: Command) -> Vec<(String, String)> {
    let mut root = root.disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    collect(&root, None, &mut out);
    out
}

/// The page of the command at `path` (`["sequence", "create"]`), or None if there is none.
pub(crate) fn page_for(root: Command, path: &[String]) -> Option<String> {
    let name = std::iter::once("clarion".to_string()).chain(path.iter().cloned()).collect::<Vec<_>>().join("-");
    all_pages(root).into_iter().find(|(file, _)| *file == format!("{name}.1")).map(|(_, text)| text)
}

fn page_name(cmd: &Command) -> String {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name()).to_string()
}

fn collect(cmd: &Command, parent: Option<&Command>, out: &mut Vec<(String, String)>) {
    out.push((format!("{}.1", page_name(cmd)), page(cmd, parent)));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, Some(cmd), out);
    }
}

fn page(cmd: &Command, parent: Option<&Command>) -> String {
    let name = page_name(cmd);
    let mut r = Roff::new();
    let version = format!("clarion {}", env!("CARGO_PKG_VERSION"));
    r.control("TH", [name.to_uppercase().as_str(), "1", "", version.as_str(), "clarion manual"]);

    r.control("SH", ["NAME"]);
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    r.text([roman(format!("{name} - {about}"))]);

    r.control("SH", ["SYNOPSIS"]);
    r.text(synopsis(cmd));

    if let Some(long) = cmd.get_long_about().or(cmd.get_about()) {
        r.control("SH", ["DESCRIPTION"]);
        paragraphs(&mut r, &long.to_string());
    }

    let own: Vec<&clap::Arg> = cmd.get_arguments().filter(|a| !a.is_hide_set() && !a.is_global_set()).collect();
    if !own.is_empty() {
        r.control("SH", ["OPTIONS"]);
        options(&mut r, &own);
    }
    let global: Vec<&clap::Arg> = cmd.get_arguments().filter(|a| !a.is_hide_set() && a.is_global_set()).collect();
    if parent.is_none() && !global.is_empty() {
        r.control("SH", ["GLOBAL OPTIONS"]);
        options(&mut r, &global);
    }

    let subs: Vec<&Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    if !subs.is_empty() {
        r.control("SH", ["COMMANDS"]);
        for sub in &subs {
            r.control("TP", []);
            r.text([bold(page_name(sub)), roman("(1)")]);
            r.text([roman(sub.get_about().map(|a| a.to_string()).unwrap_or_default())]);
        }
    }

    // The top page's after-help is the exit-code table, which EXIT STATUS gives below.
    if let Some(after) = cmd.get_after_help().filter(|_| parent.is_some()) {
        examples(&mut r, &after.to_string());
    }
    exit_status(&mut r);
    see_also(&mut r, parent, &subs);
    r.to_roff()
}

/// EXAMPLES: a command's after-help, as written (`Examples:` is the section's title).
fn examples(r: &mut Roff, text: &str) {
    let body = text.strip_prefix("Examples:\n").or_else(|| text.strip_prefix("Example:\n")).unwrap_or(text);
    r.control("SH", ["EXAMPLES"]);
    r.control("nf", []);
    for line in body.lines() {
        r.text([roman(line.trim_start())]);
    }
    r.control("fi", []);
}

/// EXIT STATUS: the table `--help` ends with, one entry per code.
fn exit_status(r: &mut Roff) {
    r.control("SH", ["EXIT STATUS"]);
    for line in crate::error::EXIT_CODES_HELP.lines().skip(1) {
        if let Some((code, meaning)) = line.trim().split_once(char::is_whitespace) {
            r.control("TP", []);
            r.text([bold(code)]);
            r.text([roman(meaning.trim())]);
        }
    }
}

/// SEE ALSO: the parent's page, the top page, and the subcommands'.
fn see_also(r: &mut Roff, parent: Option<&Command>, subs: &[&Command]) {
    r.control("SH", ["SEE ALSO"]);
    let mut see: Vec<String> = Vec::new();
    if let Some(p) = parent {
        see.push(page_name(p));
        see.push("clarion".into());
    }
    see.extend(subs.iter().map(|s| page_name(s)));
    see.dedup();
    let mut links = Vec::new();
    for (i, s) in see.iter().enumerate() {
        if i > 0 {
            links.push(roman(", "));
        }
        links.push(bold(s.clone()));
        links.push(roman("(1)"));
    }
    r.text(links);
}

/// `clarion sequence create [-f PATH] [--name TEXT] ... [GLOBAL OPTIONS]`: every option with
/// the placeholder of its value, positionals, and the subcommand slot.
fn synopsis(cmd: &Command) -> Vec<roff::Inline> {
    let words = page_name(cmd).replace('-', " ");
    let mut line = vec![bold(words)];
    let mut has_global = false;
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        if arg.is_global_set() {
            has_global = true;
            continue;
        }
        if arg.is_positional() {
            continue;
        }
        let flag = match (arg.get_short(), arg.get_long()) {
            (_, Some(long)) => format!("--{long}"),
            (Some(short), None) => format!("-{short}"),
            (None, None) => continue,
        };
        line.push(roman(" ["));
        line.push(bold(flag));
        if arg.get_action().takes_values() {
            let value =
                arg.get_value_names().map(|v| v.join(" ")).unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
            line.push(roman(" "));
            line.push(italic(value));
        }
        line.push(roman("]"));
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let value =
            arg.get_value_names().map(|v| v.join(" ")).unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
        let many = matches!(arg.get_action(), clap::ArgAction::Append);
        let (l, r) = if arg.is_required_set() { (" <", ">") } else { (" [", "]") };
        line.push(roman(l));
        line.push(italic(value));
        line.push(roman(if many { format!("{r}...") } else { r.to_string() }));
    }
    if cmd.has_subcommands() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
    }
    if has_global {
        line.push(roman(" ["));
        line.push(italic("GLOBAL OPTIONS"));
        line.push(roman("]"));
    }
    line
}

fn options(r: &mut Roff, args: &[&clap::Arg]) {
    for arg in args {
        let mut head = Vec::new();
        if let Some(short) = arg.get_short() {
            head.push(bold(format!("-{short}")));
        }
        if let Some(long) = arg.get_long() {
            if !head.is_empty() {
                head.push(roman(", "));
            }
            head.push(bold(format!("--{long}")));
        }
        if arg.get_action().takes_values() {
            let value =
                arg.get_value_names().map(|v| v.join(" ")).unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
            head.push(roman(if head.is_empty() { "" } else { " " }));
            head.push(italic(value));
        }
        r.control("TP", []);
        r.text(head);
        let help = arg.get_long_help().or(arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
        paragraphs(r, &help);
    }
}

fn paragraphs(r: &mut Roff, text: &str) {
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            r.control("PP", []);
        }
        r.text([roman(para.replace('\n', " "))]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_per_command_with_placeholders_exit_status_and_links() {
        let pages = all_pages(crate::cli::Cli::full_command());
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        for want in ["clarion.1", "clarion-sequence.1", "clarion-sequence-create.1", "clarion-config-get.1"] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        let create =
            &pages.iter().find(|(n, _)| n == "clarion-sequence-create.1").map(|(_, t)| t.clone()).unwrap_or_default();
        assert!(create.contains("[\\fB\\-\\-name\\fR \\fITEXT\\fR]"), "{create}");
        assert!(create.contains(".SH \"EXIT STATUS\""), "{create}");
        assert!(create.contains("\\fBclarion\\-sequence\\fR(1)"), "{create}");
        // Every link names a page that exists.
        for (_, text) in &pages {
            for link in text.split("\\fB").skip(1).filter_map(|s| s.split_once("\\fR(1)")).map(|(n, _)| n) {
                let file = format!("{}.1", link.replace("\\-", "-"));
                assert!(names.contains(&file.as_str()), "a link to {file}, which doesn't exist");
            }
        }
    }
}
