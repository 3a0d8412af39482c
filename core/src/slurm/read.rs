//! Reading a SLURM file: JSON tree → checked [`Slurm`] (RFC 8416 §3,
//! draft-ietf-sidrops-aspa-slurm §2–3). The rules are listed in the module
//! documentation of [`crate::slurm`].

use super::json::{Locator, Node, Seg};
use super::{
    AspaAssertion, AspaFilter, BgpsecAssertion, BgpsecFilter, ParsedSlurm, PrefixAssertion,
    PrefixFilter, Slurm, SlurmError, SlurmOptions,
};
use crate::diag::{Location, Mode};
use crate::model::{Asn, Prefix, Vrp};
use crate::util::base64;

const FILTERS: &str = "validationOutputFilters";
const ASSERTIONS: &str = "locallyAddedAssertions";

type Members<'n> = Vec<(&'n str, &'n Node)>;

pub(super) fn read(input: &[u8], opts: &SlurmOptions) -> Result<ParsedSlurm, SlurmError> {
    if input.len() > opts.limits.max_bytes {
        return Err(SlurmError::Limit {
            location: Location::default(),
            message: format!(
                "input of {} bytes is over {} bytes",
                input.len(),
                opts.limits.max_bytes
            ),
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let node: Node = serde_json::from_slice(input).map_err(json_error)?;
    let mut r = Reader {
        loc: Locator::new(input),
        opts,
        warnings: Vec::new(),
        warning_count: 0,
        skipped: 0,
        quiet: false,
    };
    let slurm = r.document(&node)?;
    Ok(ParsedSlurm {
        slurm,
        warnings: r.warnings,
        warning_count: r.warning_count,
        skipped: r.skipped,
    })
}

fn json_error(e: serde_json::Error) -> SlurmError {
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    SlurmError::Json {
        location: Location {
            line: e.line(),
            column: e.column(),
        },
        message,
    }
}

/// `path` with one more step.
fn at(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

/// A value for messages: numbers and short strings as written.
fn describe(node: &Node) -> String {
    match node {
        Node::Number(n) => n.to_string(),
        Node::String(s) if s.chars().count() <= 60 => format!("{s:?}"),
        other => other.type_name().to_owned(),
    }
}

/// Finds the member spelled any of `names`; two spellings given is an
/// error (a duplicate of one spelling was already rejected).
fn pick<'n>(
    r: &Reader<'_>,
    members: &Members<'n>,
    path: &[Seg],
    names: &[&str],
) -> Result<Option<(&'n str, &'n Node)>, SlurmError> {
    let mut found: Option<(&'n str, &'n Node)> = None;
    for &(name, node) in members {
        if names.contains(&name) {
            if let Some((first, _)) = found {
                return Err(r.invalid(
                    &at(path, Seg::key(name)),
                    format!("both {first:?} and {name:?} given; use one"),
                ));
            }
            found = Some((name, node));
        }
    }
    Ok(found)
}

struct Reader<'a> {
    loc: Locator<'a>,
    opts: &'a SlurmOptions,
    warnings: Vec<SlurmError>,
    warning_count: usize,
    skipped: usize,
    /// Set while reading an entry whose problems can only become uncounted
    /// warnings (lenient mode, warning list full): they are not located,
    /// which would cost a walk over the input each.
    quiet: bool,
}

impl Reader<'_> {
    fn lenient(&self) -> bool {
        self.opts.mode == Mode::Lenient
    }

    fn invalid(&self, path: &[Seg], message: impl Into<String>) -> SlurmError {
        let location = if self.quiet {
            Location::default()
        } else {
            self.loc.locate(path)
        };
        SlurmError::Invalid {
            location,
            message: message.into(),
        }
    }

    fn limit(&self, path: &[Seg], message: impl std::fmt::Display) -> SlurmError {
        SlurmError::Limit {
            location: self.loc.locate(path),
            message: message.to_string(),
        }
    }

    fn warn(&mut self, e: SlurmError) {
        self.warning_count += 1;
        if self.warnings.len() < self.opts.max_warnings {
            self.warnings.push(e);
        }
    }

    /// A rule strict mode enforces and lenient mode only reports.
    fn relax(&mut self, e: SlurmError) -> Result<(), SlurmError> {
        if self.lenient() {
            self.warn(e);
            Ok(())
        } else {
            Err(e)
        }
    }

    /// The members of an object. A known member given twice is an error;
    /// a member not in `allowed` is an error in strict mode and ignored
    /// (with a warning) in lenient mode.
    fn members<'n>(
        &mut self,
        node: &'n Node,
        path: &[Seg],
        what: &str,
        allowed: &[&str],
    ) -> Result<Members<'n>, SlurmError> {
        let Node::Object(m) = node else {
            return Err(self.invalid(
                path,
                format!("{what} must be an object, found {}", node.type_name()),
            ));
        };
        let mut seen = vec![0usize; allowed.len()];
        let mut out = Vec::with_capacity(m.len().min(allowed.len()));
        for (name, value) in m {
            match allowed.iter().position(|a| a == name) {
                Some(i) => {
                    let n = seen.get(i).copied().unwrap_or(0);
                    if n > 0 {
                        return Err(self.invalid(
                            &at(path, Seg::Key(name.clone(), n)),
                            format!("member {name:?} given twice"),
                        ));
                    }
                    if let Some(s) = seen.get_mut(i) {
                        *s += 1;
                    }
                    out.push((name.as_str(), value));
                }
                None => {
                    let expected = allowed
                        .iter()
                        .map(|a| format!("{a:?}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let e = self.invalid(
                        &at(path, Seg::key(name)),
                        format!("unknown member {name:?} in {what} (expected {expected})"),
                    );
                    self.relax(e)?;
                }
            }
        }
        Ok(out)
    }

    fn document(&mut self, node: &Node) -> Result<Slurm, SlurmError> {
        let top = self.members(
            node,
            &[],
            "a SLURM file",
            &["slurmVersion", FILTERS, ASSERTIONS],
        )?;
        let version = match pick(self, &top, &[], &["slurmVersion"])? {
            None => return Err(self.invalid(&[], "missing member \"slurmVersion\"")),
            Some((_, Node::Number(n))) if n.as_u64() == Some(1) => 1u8,
            Some((_, Node::Number(n))) if n.as_u64() == Some(2) => 2u8,
            Some((_, other)) => {
                return Err(self.invalid(
                    &[Seg::key("slurmVersion")],
                    format!(
                        "slurmVersion must be the number 1 or 2, found {}",
                        describe(other)
                    ),
                ))
            }
        };
        let [pf, bf, af] = self.section(
            &top,
            FILTERS,
            version,
            ["prefixFilters", "bgpsecFilters", "aspaFilters"],
        )?;
        let [pa, ba, aa] = self.section(
            &top,
            ASSERTIONS,
            version,
            ["prefixAssertions", "bgpsecAssertions", "aspaAssertions"],
        )?;
        let total: usize = [pf, bf, af, pa, ba, aa]
            .iter()
            .map(|l| l.map_or(0, <[Node]>::len))
            .sum();
        if total > self.opts.limits.max_entries {
            return Err(self.limit(
                &[],
                format_args!(
                    "{total} entries, more than {}",
                    self.opts.limits.max_entries
                ),
            ));
        }
        let p = |s: &str, l: &str| vec![Seg::key(s), Seg::key(l)];
        Ok(Slurm {
            version,
            prefix_filters: self.entries(pf, &p(FILTERS, "prefixFilters"), Self::prefix_filter)?,
            bgpsec_filters: self.entries(bf, &p(FILTERS, "bgpsecFilters"), Self::bgpsec_filter)?,
            aspa_filters: self.entries(af, &p(FILTERS, "aspaFilters"), Self::aspa_filter)?,
            prefix_assertions: self.entries(
                pa,
                &p(ASSERTIONS, "prefixAssertions"),
                Self::prefix_assertion,
            )?,
            bgpsec_assertions: self.entries(
                ba,
                &p(ASSERTIONS, "bgpsecAssertions"),
                Self::bgpsec_assertion,
            )?,
            aspa_assertions: self.entries(
                aa,
                &p(ASSERTIONS, "aspaAssertions"),
                Self::aspa_assertion,
            )?,
        })
    }

    /// One of the two sections; returns its three lists (the ASPA one only
    /// when present). Missing members follow [`Reader::relax`].
    fn section<'n>(
        &mut self,
        top: &Members<'n>,
        name: &str,
        version: u8,
        lists: [&str; 3],
    ) -> Result<[Option<&'n [Node]>; 3], SlurmError> {
        let Some((_, node)) = pick(self, top, &[], &[name])? else {
            let e = self.invalid(&[], format!("missing member {name:?}"));
            self.relax(e)?;
            return Ok([None, None, None]);
        };
        let path = [Seg::key(name)];
        let members = self.members(node, &path, &format!("{name:?}"), &lists)?;
        let mut out = [None, None, None];
        for (i, list) in lists.iter().enumerate() {
            let found = pick(self, &members, &path, &[list])?;
            let aspa = i == 2;
            match found {
                None if aspa && version == 1 => {}
                None => {
                    let rule = if aspa {
                        "draft-ietf-sidrops-aspa-slurm §2"
                    } else {
                        "RFC 8416 §3.2"
                    };
                    let e = self.invalid(
                        &path,
                        format!("missing member {list:?} in {name:?} ({rule})"),
                    );
                    self.relax(e)?;
                }
                Some((_, value)) => {
                    let lpath = at(&path, Seg::key(list));
                    if aspa && version == 1 {
                        let e = self.invalid(&lpath, format!("{list:?} needs \"slurmVersion\": 2"));
                        self.relax(e)?;
                    }
                    let Node::Array(items) = value else {
                        return Err(self.invalid(
                            &lpath,
                            format!("{list:?} must be an array, found {}", value.type_name()),
                        ));
                    };
                    if let Some(slot) = out.get_mut(i) {
                        *slot = Some(items.as_slice());
                    }
                }
            }
        }
        Ok(out)
    }

    /// Reads each entry of a list; in lenient mode an invalid entry is
    /// skipped with a warning (limits still fail).
    fn entries<T>(
        &mut self,
        list: Option<&[Node]>,
        path: &[Seg],
        read: fn(&mut Self, &Node, &[Seg]) -> Result<T, SlurmError>,
    ) -> Result<Vec<T>, SlurmError> {
        let list = list.unwrap_or_default();
        let mut out = Vec::with_capacity(list.len());
        self.loc.enter_list(path);
        for (i, node) in list.iter().enumerate() {
            self.quiet = self.lenient() && self.warnings.len() >= self.opts.max_warnings;
            let result = read(self, node, &at(path, Seg::Index(i)));
            self.quiet = false;
            match result {
                Ok(v) => out.push(v),
                Err(e) if self.lenient() && !e.is_limit() => {
                    self.warn(e);
                    self.skipped += 1;
                }
                Err(e) => {
                    self.loc.leave_list();
                    return Err(e);
                }
            }
        }
        self.loc.leave_list();
        Ok(out)
    }

    // ---- entries -------------------------------------------------------

    fn prefix_filter(&mut self, node: &Node, path: &[Seg]) -> Result<PrefixFilter, SlurmError> {
        let m = self.members(node, path, "a prefix filter", &["prefix", "asn", "comment"])?;
        let prefix = self.opt(&m, path, "prefix", Self::prefix)?;
        let asn = self.opt(&m, path, "asn", Self::asn)?;
        let comment = self.opt(&m, path, "comment", Self::comment)?;
        if prefix.is_none() && asn.is_none() {
            return Err(self.invalid(
                path,
                "a prefix filter needs \"prefix\", \"asn\" or both (RFC 8416 §3.3.1)",
            ));
        }
        Ok(PrefixFilter {
            prefix,
            asn,
            comment,
        })
    }

    fn bgpsec_filter(&mut self, node: &Node, path: &[Seg]) -> Result<BgpsecFilter, SlurmError> {
        let m = self.members(node, path, "a BGPsec filter", &["asn", "SKI", "comment"])?;
        let asn = self.opt(&m, path, "asn", Self::asn)?;
        let ski = self.opt(&m, path, "SKI", Self::ski)?;
        let comment = self.opt(&m, path, "comment", Self::comment)?;
        if ski.is_none() && asn.is_none() {
            return Err(self.invalid(
                path,
                "a BGPsec filter needs \"asn\", \"SKI\" or both (RFC 8416 §3.3.2)",
            ));
        }
        Ok(BgpsecFilter { asn, ski, comment })
    }

    fn aspa_filter(&mut self, node: &Node, path: &[Seg]) -> Result<AspaFilter, SlurmError> {
        let m = self.members(
            node,
            path,
            "an ASPA filter",
            &["customerAsn", "customerAsid", "comment"],
        )?;
        let customer = self.required(&m, path, &["customerAsn", "customerAsid"], Self::asn)?;
        let comment = self.opt(&m, path, "comment", Self::comment)?;
        Ok(AspaFilter { customer, comment })
    }

    fn prefix_assertion(
        &mut self,
        node: &Node,
        path: &[Seg],
    ) -> Result<PrefixAssertion, SlurmError> {
        let m = self.members(
            node,
            path,
            "a prefix assertion",
            &["prefix", "asn", "maxPrefixLength", "comment"],
        )?;
        let prefix = self.required(&m, path, &["prefix"], Self::prefix)?;
        let asn = self.required(&m, path, &["asn"], Self::asn)?;
        let max_length = match pick(self, &m, path, &["maxPrefixLength"])? {
            None => None,
            Some((name, value)) => {
                let mpath = at(path, Seg::key(name));
                let n = match value {
                    Node::Number(n) => n.as_u64(),
                    _ => None,
                };
                let Some(n) = n else {
                    return Err(self.invalid(
                        &mpath,
                        format!(
                            "maxPrefixLength must be a whole number, found {}",
                            describe(value)
                        ),
                    ));
                };
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                let vrp = Vrp::with_max_length(prefix, n, asn)
                    .map_err(|e| self.invalid(&mpath, format!("maxPrefixLength: {e}")))?;
                Some(vrp.max_length)
            }
        };
        let comment = self.opt(&m, path, "comment", Self::comment)?;
        Ok(PrefixAssertion {
            prefix,
            asn,
            max_length,
            comment,
        })
    }

    fn bgpsec_assertion(
        &mut self,
        node: &Node,
        path: &[Seg],
    ) -> Result<BgpsecAssertion, SlurmError> {
        let m = self.members(
            node,
            path,
            "a BGPsec assertion",
            &["asn", "SKI", "routerPublicKey", "comment"],
        )?;
        let asn = self.required(&m, path, &["asn"], Self::asn)?;
        let ski = self.required(&m, path, &["SKI"], Self::ski)?;
        let public_key = self.required(&m, path, &["routerPublicKey"], Self::public_key)?;
        let comment = self.opt(&m, path, "comment", Self::comment)?;
        Ok(BgpsecAssertion {
            asn,
            ski,
            public_key,
            comment,
        })
    }

    fn aspa_assertion(&mut self, node: &Node, path: &[Seg]) -> Result<AspaAssertion, SlurmError> {
        const PROVIDERS: [&str; 3] = ["providerAsns", "providers", "providerSet"];
        let m = self.members(
            node,
            path,
            "an ASPA assertion",
            &[
                "customerAsn",
                "customerAsid",
                "providerAsns",
                "providers",
                "providerSet",
                "comment",
            ],
        )?;
        let customer = self.required(&m, path, &["customerAsn", "customerAsid"], Self::asn)?;
        if customer == Asn::ZERO {
            let cpath = pick(self, &m, path, &["customerAsn", "customerAsid"])?
                .map_or_else(|| path.to_vec(), |(n, _)| at(path, Seg::key(n)));
            return Err(self.invalid(
                &cpath,
                "an ASPA customer cannot be AS0 (draft-ietf-sidrops-aspa-profile)",
            ));
        }
        let Some((pname, pnode)) = pick(self, &m, path, &PROVIDERS)? else {
            return Err(self.invalid(path, "missing member \"providerAsns\" in an ASPA assertion"));
        };
        let ppath = at(path, Seg::key(pname));
        let Node::Array(items) = pnode else {
            return Err(self.invalid(
                &ppath,
                format!(
                    "{pname} must be an array of AS numbers, found {}",
                    pnode.type_name()
                ),
            ));
        };
        if items.len() > self.opts.limits.max_providers {
            return Err(self.limit(
                &ppath,
                format_args!(
                    "{} providers, more than {}",
                    items.len(),
                    self.opts.limits.max_providers
                ),
            ));
        }
        if items.is_empty() {
            return Err(self.invalid(
                &ppath,
                format!("{pname} is empty (an ASPA needs at least one provider)"),
            ));
        }
        let mut providers = Vec::with_capacity(items.len());
        for (j, item) in items.iter().enumerate() {
            providers.push(self.asn(item, &at(&ppath, Seg::Index(j)), "provider")?);
        }
        if let Some(j) = providers.iter().position(|&p| p == customer) {
            return Err(self.invalid(
                &at(&ppath, Seg::Index(j)),
                format!("the customer {customer} is listed among its own providers"),
            ));
        }
        if let Some(j) = providers
            .windows(2)
            .position(|w| matches!(w, [a, b] if a >= b))
        {
            let e = self.invalid(
                &at(&ppath, Seg::Index(j + 1)),
                format!("{pname} must be in ascending order without duplicates (draft-ietf-sidrops-aspa-slurm §3.2)"),
            );
            self.relax(e)?;
            providers.sort_unstable();
            providers.dedup();
        }
        let comment = self.opt(&m, path, "comment", Self::comment)?;
        Ok(AspaAssertion {
            customer,
            providers,
            comment,
        })
    }

    // ---- members -------------------------------------------------------

    /// An optional member read by `read`.
    fn opt<T>(
        &mut self,
        m: &Members<'_>,
        path: &[Seg],
        name: &str,
        read: fn(&mut Self, &Node, &[Seg], &str) -> Result<T, SlurmError>,
    ) -> Result<Option<T>, SlurmError> {
        match pick(self, m, path, &[name])? {
            None => Ok(None),
            Some((n, node)) => read(self, node, &at(path, Seg::key(n)), n).map(Some),
        }
    }

    /// A required member (any of the spellings `names`) read by `read`.
    fn required<T>(
        &mut self,
        m: &Members<'_>,
        path: &[Seg],
        names: &[&str],
        read: fn(&mut Self, &Node, &[Seg], &str) -> Result<T, SlurmError>,
    ) -> Result<T, SlurmError> {
        match pick(self, m, path, names)? {
            None => {
                let first = names.first().copied().unwrap_or_default();
                Err(self.invalid(path, format!("missing member {first:?}")))
            }
            Some((n, node)) => read(self, node, &at(path, Seg::key(n)), n),
        }
    }

    fn asn(&mut self, node: &Node, path: &[Seg], name: &str) -> Result<Asn, SlurmError> {
        match node {
            Node::Number(n) => {
                if let Some(v) = n.as_u64().and_then(|v| u32::try_from(v).ok()) {
                    return Ok(Asn::new(v));
                }
            }
            Node::String(s) if self.lenient() => {
                if let Ok(a) = Asn::parse(s) {
                    let e = self.invalid(
                        path,
                        format!("{name} {s:?} written as a string; RFC 8416 wants a number"),
                    );
                    self.warn(e);
                    return Ok(a);
                }
            }
            _ => {}
        }
        Err(self.invalid(
            path,
            format!(
                "{name} must be an AS number (a whole number from 0 to 4294967295), found {}",
                describe(node)
            ),
        ))
    }

    fn string<'n>(
        &mut self,
        node: &'n Node,
        path: &[Seg],
        name: &str,
    ) -> Result<&'n str, SlurmError> {
        let Node::String(s) = node else {
            return Err(self.invalid(
                path,
                format!("{name} must be a string, found {}", node.type_name()),
            ));
        };
        if s.len() > self.opts.limits.max_string_len {
            return Err(self.limit(
                path,
                format_args!(
                    "{name} of {} bytes, longer than {}",
                    s.len(),
                    self.opts.limits.max_string_len
                ),
            ));
        }
        Ok(s)
    }

    fn comment(&mut self, node: &Node, path: &[Seg], name: &str) -> Result<String, SlurmError> {
        self.string(node, path, name).map(str::to_owned)
    }

    fn prefix(&mut self, node: &Node, path: &[Seg], name: &str) -> Result<Prefix, SlurmError> {
        let s = self.string(node, path, name)?;
        Prefix::parse(s).map_err(|e| self.invalid(path, e.to_string()))
    }

    fn ski(&mut self, node: &Node, path: &[Seg], name: &str) -> Result<String, SlurmError> {
        self.base64(node, path, name, Some(20))
    }

    fn public_key(&mut self, node: &Node, path: &[Seg], name: &str) -> Result<String, SlurmError> {
        self.base64(node, path, name, None)
    }

    /// A base64url string (RFC 8416 §3.3.2, §3.4.2); `len` is the decoded
    /// length required.
    fn base64(
        &mut self,
        node: &Node,
        path: &[Seg],
        name: &str,
        len: Option<usize>,
    ) -> Result<String, SlurmError> {
        let s = self.string(node, path, name)?.to_owned();
        let what = len.map(|n| format!("{n} bytes in ")).unwrap_or_default();
        let rule =
            format!("{name} must be {what}base64url without padding (RFC 8416, RFC 4648 §5)");
        match base64::decode(&s) {
            None => {
                let e = self.invalid(path, format!("{rule}; {} is not base64", describe(node)));
                self.relax(e)?;
            }
            Some((bytes, dev)) => {
                let mut problems = Vec::new();
                if dev.standard_alphabet {
                    problems.push("uses the standard alphabet (+ /)".to_owned());
                }
                if dev.padded {
                    problems.push("has = padding".to_owned());
                }
                if dev.non_canonical {
                    problems.push("has non-zero trailing bits".to_owned());
                }
                if let Some(n) = len.filter(|&n| n != bytes.len()) {
                    problems.push(format!("decodes to {} bytes, not {n}", bytes.len()));
                }
                if !problems.is_empty() {
                    let e = self.invalid(
                        path,
                        format!("{rule}; {} {}", describe(node), problems.join(", ")),
                    );
                    self.relax(e)?;
                }
            }
        }
        Ok(s)
    }
}
