#!/usr/bin/env python3
"""Checks that the stages inside core/src depend only forward.

The stages, in order (DESIGN.md): model → parse (net beside it) → slurm →
index → validate → dataset → filter / manrs → render. Two leaf modules may be
used by every stage: `diag` (shared diagnostics: Location, Mode, warnings)
and `util` (shared utilities); `io` (the host-only file opener) sits beside
them and uses only them. `error` (the crate Error wrapping each stage's enum)
and `lib.rs` (re-exports) sit above everything.

A stage may reference itself and the stages before it. A reference is a path
that leaves the stage's module: `crate::X…`, `use crate::{X…, …}` (nested
groups too), `crate::Name` for a crate-root re-export (resolved through
lib.rs's `pub use` lines to the module it comes from), and `super::…` chains
that climb out of the stage. References inside `#[cfg(test)]` items (and
files included by a `#[cfg(test)] mod x;`), comments, doc comments and string
literals are not counted: unit tests and docs may reach anywhere.

Usage: scripts/check-layers.py [CORE_SRC]   (default: core/src beside this
script's folder). Prints each backward reference as FILE:LINE: STAGE -> X,
and exits 1 when there is one, or when a top-level module has no rank here.
`scripts/check-layers.py --self-test` checks the checker on a small tree.
"""
import os
import re
import sys

# Rank of each top-level module. A module may use the modules of lower rank
# and of rank 0 (the leaves); equal ranks may not use each other unless the
# pair is listed in SIBLINGS.
RANK = {
    "diag": 0,
    "util": 0,
    "io": 0,
    "model": 1,
    "parse": 2,
    "net": 2,
    "slurm": 3,
    "index": 4,
    "validate": 5,
    "dataset": 6,
    "filter": 7,
    "manrs": 7,
    "render": 8,
    "error": 9,
}
# Pairs (user, used) allowed although their ranks do not say so.
SIBLINGS = {("net", "parse"), ("manrs", "filter")}
# Modules that may use anything (the crate root's re-exports are in lib.rs).
TOP = {"error"}

IDENT = r"(?:r#)?[A-Za-z_][A-Za-z0-9_]*"
# `crate::` or a chain of `super::`, then either a name or a `{` group.
REF = re.compile(r"\b(crate|super)\s*::\s*")
CFG_TEST = re.compile(r"#\s*\[\s*cfg\s*\(\s*test\s*\)\s*\]")
CFG_TEST_MOD = re.compile(r"#\s*\[\s*cfg\s*\(\s*test\s*\)\s*\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;")


def blank(text, i, j):
    """Newlines of text[i:j], so that line numbers stay."""
    return "\n" * text.count("\n", i, j)


def strip_lexical(text):
    """Source text with comments, string and char literals blanked (newlines
    kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text, i, j))
            i = j
            continue
        word_start = i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
        m = re.match(r'(?:br|r)(#*)"', text[i:i + 12]) if c in "br" and word_start else None
        if m:
            end = '"' + m.group(1)
            j = text.find(end, i + len(m.group(0)))
            j = n if j < 0 else j + len(end)
            out.append(blank(text, i, j))
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(blank(text, i, j + 1))
            i = j + 1
            continue
        if c == "'":
            # A char literal ('x', '\n', '\u{1F600}'); a lifetime has no
            # closing quote right after its first character.
            if i + 2 < n and text[i + 1] != "\\" and text[i + 2] == "'":
                i += 3
                continue
            if i + 1 < n and text[i + 1] == "\\":
                j = text.find("'", i + 2)
                if 0 <= j <= i + 12:
                    i = j + 1
                    continue
        out.append(c)
        i += 1
    return "".join(out)


def strip_cfg_test(text):
    """Blanks each `#[cfg(test)]` attribute and the item after it: up to the
    matching close brace, or the first ';' before any '{'. Runs on text that
    strip_lexical already cleaned, so braces in strings do not count."""
    out = []
    pos = 0
    for m in CFG_TEST.finditer(text):
        if m.start() < pos:
            continue
        j, n, depth = m.end(), len(text), 0
        while j < n:
            ch = text[j]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    j += 1
                    break
            elif ch == ";" and depth == 0:
                j += 1
                break
            j += 1
        out.append(text[pos:m.start()])
        out.append(blank(text, m.start(), j))
        pos = j
    out.append(text[pos:])
    return "".join(out)


def group_items(text, start):
    """Parses a `{ … }` use group starting at text[start] == '{'. Returns
    (first path segments of each item, index after the closing brace)."""
    firsts = []
    depth, i, n = 0, start, len(text)
    item_start = start + 1
    while i < n:
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                firsts.append(text[item_start:i])
                i += 1
                break
        elif ch == "," and depth == 1:
            firsts.append(text[item_start:i])
            item_start = i + 1
        i += 1
    names = []
    for item in firsts:
        m = re.match(r"\s*(" + IDENT + r")", item)
        if m:
            names.append(m.group(1).removeprefix("r#"))
    return names, i


def crate_root_exports(lib_text):
    """Name → top-level module for each `pub use module::…::Name` (and
    groups) in lib.rs, so `crate::Name` resolves to where Name lives."""
    out = {}
    text = strip_cfg_test(strip_lexical(lib_text))
    for m in re.finditer(r"\bpub\s+use\s+(?:crate::)?(" + IDENT + r")\s*::([^;]*);", text):
        module, rest = m.group(1), m.group(2)
        for name in re.findall(r"(?:\bas\s+)?(" + IDENT + r")\s*(?=[,}]|$)", rest.strip()):
            out[name] = module
        for name in re.findall(r"\bas\s+(" + IDENT + r")", rest):
            out[name] = module
    return out


def module_path(rel):
    """The module path (list of names) of a file relative to core/src."""
    parts = rel[:-3].split(os.sep)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return parts


def references(text, modpath, exports):
    """(offset, top-level module) for each path in `text` that names a
    top-level module, from `crate::…` or a `super::…` chain."""
    for m in REF.finditer(text):
        # Only the start of a path: not `foo::crate`, not a later `super`.
        before = text[max(0, m.start() - 16):m.start()].rstrip()
        if before.endswith("::"):
            continue
        if m.group(1) == "crate":
            base, j = [], m.end()
        else:
            ups, j = 1, m.end()
            while True:
                s = re.match(r"super\s*::\s*", text[j:])
                if not s:
                    break
                ups, j = ups + 1, j + s.end()
            # Inside a file's own module: `super` climbs from the module
            # the file defines (inline `mod` blocks are not tracked, which
            # only makes the climb look shorter, never longer).
            if ups > len(modpath):
                continue
            base = modpath[:len(modpath) - ups]
        if base:
            # Still inside the top-level module `base[0]`.
            yield m.start(), base[0], None
            continue
        if text.startswith("{", j):
            names, _ = group_items(text, j)
        else:
            nm = re.match(IDENT, text[j:])
            names = [nm.group(0).removeprefix("r#")] if nm else []
        for name in names:
            if name in RANK:
                yield m.start(), name, None
            elif name in exports:
                yield m.start(), exports[name], name
            # Anything else is a crate-root item that is not a module
            # (a macro, a private helper of lib.rs): not a stage.


def test_only_files(src):
    """Files included only through `#[cfg(test)] mod x;`."""
    skip = set()
    for root, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                text = strip_lexical(f.read())
            here = root if name in ("mod.rs", "lib.rs") else os.path.join(root, name[:-3])
            for m in CFG_TEST_MOD.finditer(text):
                sub = m.group(1).removeprefix("r#")
                for cand in (os.path.join(here, sub + ".rs"), os.path.join(here, sub, "mod.rs")):
                    skip.add(os.path.normpath(cand))
                skip.add(os.path.normpath(os.path.join(here, sub)))
    return skip


def check(src, out=sys.stdout, err=sys.stderr):
    """Checks the tree under `src`; returns (exit code, findings)."""
    src = os.path.normpath(src)
    with open(os.path.join(src, "lib.rs"), encoding="utf-8") as f:
        exports = crate_root_exports(f.read())
    skip = test_only_files(src)
    findings = []
    unknown = set()
    for root, dirs, files in os.walk(src):
        dirs.sort()
        if os.path.normpath(root) in skip:
            dirs[:] = []
            continue
        for name in sorted(files):
            path = os.path.normpath(os.path.join(root, name))
            if not name.endswith(".rs") or path in skip:
                continue
            rel = os.path.relpath(path, src)
            if rel == "lib.rs":
                continue
            modpath = module_path(rel)
            user = modpath[0]
            if user not in RANK:
                unknown.add(user)
                continue
            with open(path, encoding="utf-8") as f:
                text = strip_cfg_test(strip_lexical(f.read()))
            for at, used, via in references(text, modpath, exports):
                if used == user or used not in RANK:
                    continue
                if user in TOP or (user, used) in SIBLINGS:
                    continue
                if RANK[used] < RANK[user] or RANK[used] == 0:
                    continue
                line = text.count("\n", 0, at) + 1
                what = f"{used} (crate::{via})" if via else used
                findings.append(f"core/src/{rel}:{line}: {user} -> {what}")
    for f in findings:
        print(f, file=out)
    out.flush()
    for u in sorted(unknown):
        print(f"core/src: module '{u}' has no rank in scripts/check-layers.py", file=err)
    if findings:
        print(f"{len(findings)} backward reference(s): a stage may use only the stages before it", file=err)
    if findings or unknown:
        return 1, findings + [f"unknown {u}" for u in sorted(unknown)]
    print("layers: every stage in core/src depends only forward", file=out)
    return 0, []


def self_test():
    """The checker finds what it should on a small tree, and nothing else."""
    import io
    import tempfile

    files = {
        "lib.rs": "pub mod model;\npub mod parse;\npub mod validate;\npub mod diag;\n"
                  "pub use validate::rov::RovState;\npub use model::{Asn, Prefix as P};\n",
        "diag.rs": "pub struct Location;\n",
        "model/mod.rs": (
            "pub mod rpsl;\nuse crate::diag::Location;\nuse crate::Asn;\n"
            "// crate::parse in a comment\n/// crate::validate in a doc comment\n"
            "const S: &str = \"crate::parse::x {\";\nconst R: &[u8] = br#\"crate::validate\"#;\n"
            "#[cfg(test)]\nmod tests { use crate::validate::rov; fn f() { let _ = \"}\"; } }\n"
            "fn g() -> crate::RovState { todo!() }\n"
        ),
        "model/rpsl.rs": "use crate::{diag::Location, model::{Asn, P}, parse::x};\nuse super::super::validate::y;\n",
        "parse/mod.rs": "#[cfg(test)]\nmod tests;\nuse crate::model::Asn;\n",
        "parse/tests.rs": "use crate::validate::z;\n",
        "validate/mod.rs": "pub mod rov;\nuse crate::{model, parse::x};\nuse crate::render::w;\n",
        "validate/rov.rs": "use super::super::parse;\npub enum RovState {}\n",
        "other.rs": "",
    }
    want = [
        "core/src/model/mod.rs:10: model -> validate (crate::RovState)",
        "core/src/model/rpsl.rs:1: model -> parse",
        "core/src/model/rpsl.rs:2: model -> validate",
        "core/src/validate/mod.rs:3: validate -> render",
        "unknown other",
    ]
    with tempfile.TemporaryDirectory() as d:
        for name, text in files.items():
            path = os.path.join(d, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        code, got = check(d, out=io.StringIO(), err=io.StringIO())
    if code != 1 or got != want:
        print(f"self-test failed: exit {code}\n got: {got}\nwant: {want}", file=sys.stderr)
        return 1
    print("check-layers self-test: ok")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "core", "src")
    return check(src)[0]


if __name__ == "__main__":
    sys.exit(main())
