//! The policy parser: `import`, `export`, `default` (RFC 2622 §6), their
//! `mp-*` forms with `afi` lists (RFC 4012 §2.5), and `import-via` /
//! `export-via` (draft-ietf-grow-rpsl-via). Structured policies
//! (`{ … }`, `refine`, `except`) are flattened into their terms.

use super::typed::parse_set_name;
use crate::model::rpsl::{Afi, Peer, Policy, PolicyKind, PolicyLine, PolicyTerm};
use crate::model::Asn;
use crate::parse::rpsl::{RpslError, RpslErrorKind};

/// Deepest `{ … }` nesting of a structured policy accepted.
pub const MAX_POLICY_DEPTH: usize = 32;

/// Most terms kept from one policy line.
const MAX_TERMS: usize = 100_000;

/// Most bytes of term text (filters are shared by the clauses of a factor
/// and copied into each term) kept from one policy line.
const MAX_TERM_BYTES: usize = 16 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Word,
    LBrace,
    RBrace,
    Semi,
}

/// Splits a value into words, braces and semicolons; `<…>` (AS-path
/// regular expressions) and `"…"` are single words.
fn tokenize(s: &str, out: &mut Vec<(Tok, usize, usize)>) -> Result<(), String> {
    let b = s.as_bytes();
    out.clear();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'{' => {
                out.push((Tok::LBrace, i, i + 1));
                i += 1;
            }
            b'}' => {
                out.push((Tok::RBrace, i, i + 1));
                i += 1;
            }
            b';' => {
                out.push((Tok::Semi, i, i + 1));
                i += 1;
            }
            _ => {
                let start = i;
                while let Some(&c) = b.get(i) {
                    match c {
                        b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}' | b';' => break,
                        b'<' | b'"' => {
                            let close = if c == b'<' { b'>' } else { b'"' };
                            let rest = b.get(i + 1..).unwrap_or_default();
                            match memchr::memchr(close, rest) {
                                Some(j) => i += j + 2,
                                None => return Err(format!("unterminated {}", char::from(c))),
                            }
                        }
                        _ => i += 1,
                    }
                }
                out.push((Tok::Word, start, i));
            }
        }
    }
    Ok(())
}

/// A token buffer reused across [`parse_policy`] calls on a thread (an
/// aut-num has thousands of policy lines); kept only while small.
type Tokens = Vec<(Tok, usize, usize)>;

/// Largest token buffer kept for reuse.
const KEEP_TOKENS: usize = 4096;

thread_local! {
    static TOKENS: std::cell::RefCell<Tokens> = const { std::cell::RefCell::new(Vec::new()) };
}

fn is_kw(word: &str, kw: &str) -> bool {
    word.eq_ignore_ascii_case(kw)
}

fn parse_afi(word: &str) -> Option<Afi> {
    let w = word.to_ascii_lowercase();
    let base = w.split('.').next().unwrap_or("");
    let sub = w.split_once('.').map(|(_, s)| s);
    if !matches!(sub, None | Some("unicast") | Some("multicast")) {
        return None;
    }
    match base {
        "ipv4" => Some(Afi::Ipv4),
        "ipv6" => Some(Afi::Ipv6),
        "any" => Some(Afi::Any),
        _ => None,
    }
}

/// The peer of a peering's text (see [`PolicyTerm::peer`]) and the rest,
/// from the peering's first two words and its text.
fn parse_peer(first: &str, second: Option<&str>, text: &str) -> (Peer, String) {
    let compound = first.starts_with('(')
        || second.is_some_and(|w| is_kw(w, "and") || is_kw(w, "or") || is_kw(w, "except"));
    if compound {
        return (Peer::Expr(text.to_owned()), String::new());
    }
    let rest = text.get(first.len()..).unwrap_or("").trim().to_owned();
    let peer = if is_kw(first, "any") || is_kw(first, "as-any") {
        Peer::Any
    } else if first.len() > 2
        && first.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("as"))
        && first
            .get(2..)
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    {
        match Asn::parse(first) {
            Ok(a) => Peer::Asn(a),
            Err(_) => Peer::Expr(first.to_owned()),
        }
    } else {
        match parse_set_name(first) {
            Ok(n) => Peer::Set(n),
            Err(_) => Peer::Expr(first.to_owned()),
        }
    };
    (peer, rest)
}

/// Whether a word is an AS number or an as-set name (a mediator).
fn looks_like_as(w: &str) -> bool {
    w.len() > 2 && w.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("as"))
}

fn too_many_terms(line: usize) -> RpslError {
    RpslError::at(
        line,
        0,
        RpslErrorKind::Limit("too many policy terms".into()),
    )
}

/// Parses the policy expression of one `aut-num` policy line: afi list,
/// terms (peer, peering, action, filter) and the `via` mediator. Errors name
/// the line. The same as [`parse_policy`] on the line's kind, text and line.
///
/// ```
/// use routeguard::parse::rpsl::{self, parse_policy_line, TypedObject};
/// let text = "aut-num: AS64500\nimport: from AS64501 accept ANY\nsource: TEST\n";
/// let Some(Ok(TypedObject::AutNum(a))) = rpsl::objects_str(text).typed().next() else {
///     unreachable!()
/// };
/// let policy = parse_policy_line(&a.policy[0]).unwrap();
/// assert_eq!((policy.terms.len(), policy.line), (1, 2));
/// ```
pub fn parse_policy_line(line: &PolicyLine<'_>) -> Result<Policy, RpslError> {
    parse_policy(line.kind, &line.text, line.line)
}

/// Parses one policy attribute value (cleaned as [`crate::model::rpsl::Attribute::value`]).
///
/// Every `from …`/`to …` clause becomes a [`PolicyTerm`] carrying the
/// filter of its factor; `{ … }` blocks, `refine` and `except` are
/// flattened (their terms are extracted in order, nesting at most
/// [`MAX_POLICY_DEPTH`]). `protocol X` / `into Y` are skipped. Errors: a
/// clause without `accept`/`announce` (except `default`, whose `networks` is
/// optional), an unexpected word, unbalanced braces, an unknown `afi`, no
/// term at all.
pub fn parse_policy(kind: PolicyKind, value: &str, line: usize) -> Result<Policy, RpslError> {
    let reused = TOKENS.try_with(|cell| {
        let Ok(mut toks) = cell.try_borrow_mut() else {
            return parse_policy_in(kind, value, line, &mut Vec::new());
        };
        let r = parse_policy_in(kind, value, line, &mut toks);
        if toks.capacity() > KEEP_TOKENS {
            *toks = Vec::new();
        }
        r
    });
    match reused {
        Ok(r) => r,
        Err(_) => parse_policy_in(kind, value, line, &mut Vec::new()),
    }
}

/// [`parse_policy`] with a token buffer.
fn parse_policy_in(
    kind: PolicyKind,
    value: &str,
    line: usize,
    toks: &mut Tokens,
) -> Result<Policy, RpslError> {
    let err = |m: String| {
        RpslError::at(
            line,
            0,
            RpslErrorKind::Syntax(format!("{}: {m}", kind.name())),
        )
    };
    tokenize(value, toks).map_err(err)?;
    let toks: &Tokens = toks;
    let word = |i: usize| -> &str {
        toks.get(i)
            .filter(|t| t.0 == Tok::Word)
            .and_then(|t| value.get(t.1..t.2))
            .unwrap_or("")
    };
    let span = |a: usize, b: usize| -> &str {
        // Text of tokens a..b (exclusive).
        match (toks.get(a), b.checked_sub(1).and_then(|l| toks.get(l))) {
            (Some(s), Some(e)) if a < b => value.get(s.1..e.2).unwrap_or("").trim(),
            _ => "",
        }
    };
    let is_via = matches!(kind, PolicyKind::ImportVia | PolicyKind::ExportVia);
    let (clause_kw, filter_kw): (&str, &str) = match kind {
        PolicyKind::Import | PolicyKind::MpImport | PolicyKind::ImportVia => ("from", "accept"),
        PolicyKind::Export | PolicyKind::MpExport | PolicyKind::ExportVia => ("to", "announce"),
        _ => ("to", "networks"),
    };
    let is_default = matches!(kind, PolicyKind::Default | PolicyKind::MpDefault);
    let mut afi = Vec::new();
    // Most lines have one term (a larger first allocation costs more).
    let mut terms: Vec<PolicyTerm> = Vec::with_capacity(1);
    let mut via = String::new();
    let mut depth = 0usize;
    let mut copied = 0usize;
    let n = toks.len();
    let mut i = 0;
    let stop_peering = |w: &str| {
        is_kw(w, "action") || is_kw(w, filter_kw) || is_kw(w, clause_kw) || is_kw(w, "networks")
    };
    while i < n {
        let Some(&(t, _, _)) = toks.get(i) else { break };
        match t {
            Tok::LBrace => {
                depth += 1;
                if depth > MAX_POLICY_DEPTH {
                    return Err(RpslError::at(
                        line,
                        0,
                        RpslErrorKind::Limit(format!(
                            "policy nesting deeper than {MAX_POLICY_DEPTH}"
                        )),
                    ));
                }
                i += 1;
                continue;
            }
            Tok::RBrace => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| err("unbalanced '}'".into()))?;
                i += 1;
                continue;
            }
            Tok::Semi => {
                i += 1;
                continue;
            }
            Tok::Word => {}
        }
        let w = word(i);
        if is_kw(w, "protocol") || is_kw(w, "into") {
            i += 2;
            continue;
        }
        if is_kw(w, "refine") || is_kw(w, "except") {
            i += 1;
            continue;
        }
        if is_kw(w, "afi") {
            i += 1;
            loop {
                let a = word(i);
                if a.is_empty() {
                    return Err(err("afi without a family".into()));
                }
                let mut more = a.ends_with(',');
                for part in a.split(',').filter(|p| !p.is_empty()) {
                    afi.push(parse_afi(part).ok_or_else(|| err(format!("unknown afi {part:?}")))?);
                }
                i += 1;
                if word(i).starts_with(',') {
                    more = true;
                    if word(i) == "," {
                        i += 1;
                    }
                }
                if !more {
                    break;
                }
            }
            continue;
        }
        if !is_kw(w, clause_kw) {
            if is_via {
                // The mediator list before the first clause.
                let s = i;
                while i < n
                    && toks.get(i).is_some_and(|t| t.0 == Tok::Word)
                    && !is_kw(word(i), clause_kw)
                    && !is_kw(word(i), "afi")
                {
                    i += 1;
                }
                let v = span(s, i);
                if !via.is_empty() {
                    via.push(' ');
                }
                via.push_str(v);
                continue;
            }
            return Err(err(format!("unexpected {w:?} (expected {clause_kw:?})")));
        }
        // One factor: clauses (their terms are pushed at once; the filter
        // is filled in after it is read), then the filter.
        let factor_start = terms.len();
        while is_kw(word(i), clause_kw) {
            i += 1;
            let s = i;
            while i < n && toks.get(i).is_some_and(|t| t.0 == Tok::Word) && !stop_peering(word(i)) {
                i += 1;
            }
            if s == i {
                return Err(err(format!("{clause_kw:?} without a peering")));
            }
            let text = span(s, i);
            let second = (s + 1 < i).then(|| word(s + 1));
            let (peer, peering) = parse_peer(word(s), second, text);
            let mut action = String::new();
            if is_kw(word(i), "action") {
                i += 1;
                let s = i;
                while i < n
                    && !(toks.get(i).is_some_and(|t| t.0 == Tok::Word)
                        && stop_peering(word(i))
                        && !is_kw(word(i), "action"))
                {
                    // A via mediator (`AS6777 from …`) right after `;`.
                    if is_via
                        && i > s
                        && toks.get(i - 1).is_some_and(|t| t.0 == Tok::Semi)
                        && looks_like_as(word(i))
                    {
                        break;
                    }
                    i += 1;
                }
                action = span(s, i).to_owned();
            }
            copied += peering.len() + action.len();
            if terms.len() >= MAX_TERMS || copied > MAX_TERM_BYTES {
                return Err(too_many_terms(line));
            }
            terms.push(PolicyTerm {
                peer,
                peering,
                action,
                filter: String::new(),
            });
            // import-via/export-via: another mediator, then another clause.
            if is_via && !is_kw(word(i), clause_kw) {
                let s = i;
                let mut j = i;
                while j < n
                    && j - s < 16
                    && toks.get(j).is_some_and(|t| t.0 == Tok::Word)
                    && !stop_peering(word(j))
                {
                    j += 1;
                }
                if j > s && is_kw(word(j), clause_kw) {
                    via.push(' ');
                    via.push_str(span(s, j));
                    i = j;
                }
            }
        }
        let mut filter = "";
        if is_kw(word(i), filter_kw) {
            i += 1;
            let s = i;
            let mut fdepth = 0usize;
            while let Some(&(t, _, _)) = toks.get(i) {
                match t {
                    Tok::LBrace => fdepth += 1,
                    Tok::RBrace => {
                        if fdepth == 0 {
                            break;
                        }
                        fdepth -= 1;
                    }
                    Tok::Semi if fdepth == 0 => break,
                    Tok::Word if fdepth == 0 => {
                        let w = word(i);
                        if is_kw(w, "refine") || is_kw(w, "except") || is_kw(w, clause_kw) {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            filter = span(s, i);
            if filter.is_empty() {
                return Err(err(format!("{filter_kw:?} without a filter")));
            }
        } else if !is_default {
            return Err(err(format!("missing {filter_kw:?}")));
        }
        let factor = terms.get_mut(factor_start..).unwrap_or_default();
        copied = copied.saturating_add(filter.len().saturating_mul(factor.len()));
        if copied > MAX_TERM_BYTES {
            return Err(too_many_terms(line));
        }
        for t in factor {
            t.filter = filter.to_owned();
        }
    }
    if depth != 0 {
        return Err(err("unbalanced '{'".into()));
    }
    if terms.is_empty() {
        return Err(err("no policy term".into()));
    }
    Ok(Policy {
        kind,
        afi,
        terms,
        via,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(kind: PolicyKind, v: &str) -> Policy {
        parse_policy(kind, v, 1).unwrap()
    }

    #[test]
    fn simple_import_export() {
        let l = p(PolicyKind::Import, "from AS14 accept AS14");
        assert_eq!(l.terms.len(), 1);
        assert_eq!(l.terms[0].peer, Peer::Asn(Asn::new(14)));
        assert_eq!(l.terms[0].filter, "AS14");
        let l = p(
            PolicyKind::MpExport,
            "afi ipv6.unicast to AS400802 announce ANY",
        );
        assert_eq!(l.afi, vec![Afi::Ipv6]);
        assert_eq!(l.terms[0].filter, "ANY");
        let l = p(PolicyKind::MpImport, "afi ipv4.unicast, ipv6.unicast from AS-FOO 192.0.2.1 at 192.0.2.2 action pref=10; accept <^AS1+ {1,2}$>");
        assert_eq!(l.afi, vec![Afi::Ipv4, Afi::Ipv6]);
        assert!(matches!(&l.terms[0].peer, Peer::Set(s) if s.name == "AS-FOO"));
        assert_eq!(l.terms[0].peering, "192.0.2.1 at 192.0.2.2");
        assert_eq!(l.terms[0].action, "pref=10;");
        assert_eq!(l.terms[0].filter, "<^AS1+ {1,2}$>");
    }

    #[test]
    fn multiple_clauses_and_structure() {
        let l = p(
            PolicyKind::Import,
            "from AS1 action pref=1; from AS2 action pref=2; med=0; accept AS-X",
        );
        assert_eq!(l.terms.len(), 2);
        assert_eq!(l.terms[1].action, "pref=2; med=0;");
        assert_eq!(l.terms[1].filter, "AS-X");
        let l = p(PolicyKind::Import, "protocol BGP4 into OSPF { from AS1 accept { 192.0.2.0/24^+ }; from AS2 accept ANY; } refine { from AS-ANY accept NOT AS3 }");
        assert_eq!(l.terms.len(), 3);
        assert_eq!(l.terms[0].filter, "{ 192.0.2.0/24^+ }");
        assert_eq!(l.terms[2].peer, Peer::Any);
        let l = p(PolicyKind::Default, "to AS1 action pref=10; networks ANY");
        assert_eq!(l.terms[0].filter, "ANY");
        let l = p(PolicyKind::Default, "to AS1");
        assert_eq!(l.terms[0].filter, "");
        let l = p(
            PolicyKind::ImportVia,
            "AS6777 from AS15562 action pref = 2; accept AS-SNIJDERS",
        );
        assert_eq!(l.via, "AS6777");
        assert_eq!(l.terms[0].peer, Peer::Asn(Asn::new(15562)));
        let l = p(PolicyKind::Import, "from AS1 OR AS2 accept ANY");
        assert_eq!(l.terms[0].peer, Peer::Expr("AS1 OR AS2".into()));
    }

    #[test]
    fn errors() {
        for v in [
            "",
            "from AS1",
            "from AS1 accept",
            "accept ANY",
            "{ from AS1 accept ANY",
            "from AS1 accept ANY }",
            "afi ipv9 from AS1 accept ANY",
            "from accept ANY",
        ] {
            assert!(parse_policy(PolicyKind::Import, v, 3).is_err(), "{v}");
        }
        let deep = format!("{}from AS1 accept ANY{}", "{".repeat(40), "}".repeat(40));
        assert!(matches!(
            parse_policy(PolicyKind::Import, &deep, 1).unwrap_err().kind,
            RpslErrorKind::Limit(_)
        ));
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn shared_filters_are_bounded() {
        // 20,000 clauses sharing a 2 KB filter would copy 40 MB.
        let v = format!(
            "{} accept {}",
            "from AS1 ".repeat(20_000),
            "AS-X OR ".repeat(250) + "AS-Y"
        );
        let e = parse_policy(PolicyKind::Import, &v, 7).unwrap_err();
        assert!(matches!(e.kind, RpslErrorKind::Limit(_)));
        assert_eq!(e.line(), 7);
    }
}
