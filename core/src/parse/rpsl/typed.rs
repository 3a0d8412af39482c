//! Typed views of RPSL objects: routes, aut-nums, sets, contacts,
//! maintainers, organisations, IRTs and address ranges.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use std::borrow::Cow;

use super::lex::{lower_name, RawObject};
use super::policy::parse_policy;
use crate::model::rpsl::{
    Attribute, AutNum, Contact, InetNum, Irt, Member, Mntner, ObjectClass, Organisation,
    PolicyKind, RangeOp, RouteObject, RpslObject, SetKind, SetName, SetObject, TypedObject,
};
use crate::model::{Asn, Prefix};
use crate::parse::{ParseError, ParseErrorKind};

fn invalid(line: usize, field: &'static str, message: String) -> ParseError {
    ParseError::at(line, 1, ParseErrorKind::InvalidField { field, message })
}

/// One attribute as the typed conversion reads it: an owned
/// [`crate::model::rpsl::Attribute`] or a cleaned [`RawAttribute`].
pub(crate) trait AttrView {
    /// The name (lowercased for owned attributes, as written for raw ones:
    /// compare with [`AttrView::is`]).
    fn name(&self) -> &[u8];
    /// The cleaned value.
    fn value(&self) -> &str;
    /// The 1-based line.
    fn line(&self) -> usize;
    /// Whether the name is `name` (lowercase), ignoring ASCII case.
    #[inline]
    fn is(&self, name: &str) -> bool {
        self.name().eq_ignore_ascii_case(name.as_bytes())
    }
    /// The value split into list items (see [`Attribute::items`]).
    #[inline]
    fn items(&self) -> Items<'_> {
        Items { rest: self.value() }
    }
}

/// The list items of a value: split on commas and whitespace (Unicode
/// whitespace included, as [`Attribute::items`] does), empty items
/// dropped. Bytes are compared directly; only non-ASCII characters are
/// decoded.
#[derive(Clone, Debug)]
pub(crate) struct Items<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Items<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        while !self.rest.is_empty() {
            let (end, sep) = item_end(self.rest);
            let item = self.rest.get(..end).unwrap_or_default();
            self.rest = self.rest.get(end + sep..).unwrap_or_default();
            if !item.is_empty() {
                return Some(item);
            }
        }
        None
    }
}

/// The offset and byte length of the first separator (a comma or a
/// whitespace character) of `s`, or `(s.len(), 0)`.
#[inline]
fn item_end(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if matches!(c, b',' | b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                return (i, 1);
            }
            i += 1;
        } else {
            match s.get(i..).and_then(|t| t.chars().next()) {
                Some(ch) if ch.is_whitespace() => return (i, ch.len_utf8()),
                Some(ch) => i += ch.len_utf8(),
                None => i += 1,
            }
        }
    }
    (b.len(), 0)
}

impl AttrView for Attribute {
    #[inline]
    fn name(&self) -> &[u8] {
        self.name.as_bytes()
    }
    #[inline]
    fn value(&self) -> &str {
        &self.value
    }
    #[inline]
    fn line(&self) -> usize {
        self.line
    }
}

/// A raw attribute with its cleaned value (borrowed when one line).
#[derive(Clone, Debug)]
pub(crate) struct CleanAttr<'a> {
    name: &'a [u8],
    value: Cow<'a, str>,
    line: usize,
}

impl AttrView for CleanAttr<'_> {
    #[inline]
    fn name(&self) -> &[u8] {
        self.name
    }
    #[inline]
    fn value(&self) -> &str {
        &self.value
    }
    #[inline]
    fn line(&self) -> usize {
        self.line
    }
}

/// An object as the typed conversion reads it.
pub(crate) trait ObjView {
    /// The attribute type.
    type A: AttrView;
    /// The attributes, in order (never empty).
    fn attrs(&self) -> &[Self::A];
    /// The 1-based line of the first attribute.
    fn line(&self) -> usize;
    /// The owned object (for [`TypedObject::Other`]).
    fn to_owned_object(&self) -> RpslObject;

    /// The class name, lowercased.
    fn class_name(&self) -> String {
        self.attrs()
            .first()
            .map_or_else(String::new, |a| lower_name(a.name()))
    }
    /// The typed class.
    #[inline]
    fn class(&self) -> ObjectClass {
        let name = self.attrs().first().map_or(&[][..], |a| a.name());
        ObjectClass::from_name(std::str::from_utf8(name).unwrap_or_default())
    }
    /// The first value of an attribute.
    #[inline]
    fn get(&self, name: &str) -> Option<&str> {
        self.attrs().iter().find(|a| a.is(name)).map(|a| a.value())
    }
    /// Every value of an attribute, in order.
    #[inline]
    fn get_all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.attrs()
            .iter()
            .filter(move |a| a.is(name))
            .map(|a| a.value())
    }
}

impl ObjView for RpslObject {
    type A = Attribute;
    #[inline]
    fn attrs(&self) -> &[Attribute] {
        &self.attributes
    }
    #[inline]
    fn line(&self) -> usize {
        self.line
    }
    fn to_owned_object(&self) -> RpslObject {
        self.clone()
    }
}

/// A raw object's attributes, cleaned, without owned copies.
struct CleanObject<'a> {
    attrs: Vec<CleanAttr<'a>>,
    line: usize,
}

impl<'a> ObjView for CleanObject<'a> {
    type A = CleanAttr<'a>;
    #[inline]
    fn attrs(&self) -> &[CleanAttr<'a>] {
        &self.attrs
    }
    #[inline]
    fn line(&self) -> usize {
        self.line
    }
    fn to_owned_object(&self) -> RpslObject {
        RpslObject {
            attributes: self
                .attrs
                .iter()
                .map(|a| Attribute {
                    name: lower_name(a.name),
                    value: a.value.clone().into_owned(),
                    line: a.line,
                })
                .collect(),
            line: self.line,
        }
    }
}

/// The policy kind of an attribute name, case-insensitively.
#[inline]
fn policy_kind(name: &[u8]) -> Option<PolicyKind> {
    // Every policy attribute name starts with `i`, `e`, `m` or `d`.
    if !matches!(
        name.first(),
        Some(b'i' | b'e' | b'm' | b'd' | b'I' | b'E' | b'M' | b'D')
    ) {
        return None;
    }
    PolicyKind::ALL
        .into_iter()
        .find(|k| k.name().as_bytes().eq_ignore_ascii_case(name))
}

fn missing<V: ObjView + ?Sized>(obj: &V, attribute: &'static str) -> ParseError {
    ParseError::at(
        obj.line(),
        1,
        ParseErrorKind::MissingAttribute {
            class: obj.class_name(),
            attribute,
        },
    )
}

/// The attribute's first value and its line, or a missing-attribute error.
fn required<'a, V: ObjView + ?Sized>(
    obj: &'a V,
    name: &'static str,
) -> Result<(&'a str, usize), ParseError> {
    obj.attrs()
        .iter()
        .find(|a| a.is(name))
        .map(|a| (a.value(), a.line()))
        .ok_or_else(|| missing(obj, name))
}

/// Every list item of every value of an attribute.
fn list<V: ObjView + ?Sized>(obj: &V, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for a in obj.attrs().iter().filter(|a| a.is(name)) {
        out.extend(a.items().map(str::to_owned));
    }
    out
}

/// Every value of an attribute, whole.
fn values<V: ObjView + ?Sized>(obj: &V, name: &str) -> Vec<String> {
    obj.get_all(name).map(str::to_owned).collect()
}

/// The first item of an attribute.
fn first_item<V: ObjView + ?Sized>(obj: &V, name: &str) -> Option<String> {
    obj.get(name)
        .and_then(|v| v.split_whitespace().next())
        .map(str::to_owned)
}

fn source<V: ObjView + ?Sized>(obj: &V) -> String {
    obj.get("source")
        .and_then(|s| s.split_whitespace().next())
        .map(str::to_ascii_uppercase)
        .unwrap_or_default()
}

/// Parses a set name: `AS-FOO`, hierarchical `AS65000:AS-FOO`, scoped
/// `RIPE::AS-FOO`. Components are letters, digits, `-`, `_` and `.`.
pub fn parse_set_name(s: &str) -> Result<SetName, ParseErrorKind> {
    let bad = |why: &str| ParseErrorKind::InvalidField {
        field: "set name",
        message: format!("{s:?}: {why}"),
    };
    let (source, name) = match s.split_once("::") {
        Some((src, name)) => {
            if src.is_empty()
                || !src
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(bad("malformed source scope"));
            }
            (Some(src.to_ascii_uppercase()), name)
        }
        None => (None, s),
    };
    if name.is_empty() {
        return Err(bad("empty name"));
    }
    for comp in name.split(':') {
        if comp.is_empty()
            || !comp
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        {
            return Err(bad("malformed component"));
        }
    }
    Ok(SetName {
        source,
        name: name.to_owned(),
    })
}

/// Parses a range operator (the text after `^`): `-`, `+`, `n`, `n-m`.
fn parse_range_op(op: &str, max: u8) -> Option<RangeOp> {
    match op {
        "-" => Some(RangeOp::Minus),
        "+" => Some(RangeOp::Plus),
        _ => {
            let num = |t: &str| -> Option<u8> {
                if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                t.parse::<u8>().ok().filter(|n| *n <= max)
            };
            match op.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (num(a)?, num(b)?);
                    (a <= b).then_some(RangeOp::Range(a, b))
                }
                None => num(op).map(RangeOp::Length),
            }
        }
    }
}

/// Whether a word is a set name rather than an AS number.
fn looks_like_set(s: &str) -> bool {
    let name = s.rsplit("::").next().unwrap_or(s);
    name.split(':').any(|c| {
        let u = c.as_bytes();
        u.len() > 3
            && u.get(2) == Some(&b'-')
            && (u.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"as"))
                || u.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"rs")))
            || c.len() > 5
                && c.get(..5).is_some_and(|p| {
                    p.eq_ignore_ascii_case("prng-")
                        || p.eq_ignore_ascii_case("fltr-")
                        || p.eq_ignore_ascii_case("rtrs-")
                })
    })
}

/// Parses one `members:`/`mp-members:` item of an as-set or route-set.
pub fn parse_member(item: &str, kind: SetKind) -> Result<Member, ParseErrorKind> {
    let bad = |why: &str| ParseErrorKind::InvalidField {
        field: "members",
        message: format!("{item:?}: {why}"),
    };
    if ["ANY", "AS-ANY", "RS-ANY"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(item))
    {
        return Ok(Member::Any);
    }
    let (body, op) = match item.split_once('^') {
        Some((b, o)) => (b, Some(o)),
        None => (item, None),
    };
    if body.contains('/') {
        if kind != SetKind::RouteSet {
            return Err(bad("a prefix is not an as-set member"));
        }
        let p = Prefix::parse(body).map_err(|e| bad(&e.to_string()))?;
        let op = match op {
            Some(o) => {
                parse_range_op(o, p.family().max_len()).ok_or_else(|| bad("bad range operator"))?
            }
            None => RangeOp::None,
        };
        return Ok(Member::Prefix(p, op));
    }
    let op = match op {
        Some(o) => {
            if kind != SetKind::RouteSet {
                return Err(bad("range operators only apply in route-sets"));
            }
            parse_range_op(o, 128).ok_or_else(|| bad("bad range operator"))?
        }
        None => RangeOp::None,
    };
    let is_asn = body.len() > 2
        && body.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("as"))
        && !body.contains(':')
        && body
            .get(2..)
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    if is_asn {
        let a = Asn::parse(body).map_err(|e| bad(&e.to_string()))?;
        return Ok(match op {
            RangeOp::None => Member::Asn(a),
            op => Member::AsnRange(a, op),
        });
    }
    let name =
        parse_set_name(body).map_err(|_| bad("neither an AS number, a prefix nor a set name"))?;
    if !looks_like_set(body) {
        return Err(bad("neither an AS number, a prefix nor a set name"));
    }
    Ok(Member::Set(name, op))
}

/// Converts an object to its typed view. Classes without a type give
/// [`TypedObject::Other`]. Fails on a missing or malformed primary key, a
/// route with host bits, a malformed member or set name. Policy lines that
/// cannot be parsed are kept with no terms (never an error).
pub fn typed(obj: &RpslObject) -> Result<TypedObject, ParseError> {
    typed_view(obj)
}

/// [`typed`] of a raw object, straight from its attributes: exactly
/// `typed(&raw.to_object()?)` (the same value or the same error), without
/// the owned [`RpslObject`] (values are borrowed from the input unless
/// they span several lines; only the typed fields are copied).
pub fn typed_raw(raw: &RawObject<'_>) -> Result<TypedObject, ParseError> {
    let mut attrs = Vec::with_capacity(16);
    let mut it = raw.attributes();
    let mut err = None;
    while let Some(a) = it.next_attr(&mut err) {
        attrs.push(CleanAttr {
            name: a.name,
            value: a.text(),
            line: a.line,
        });
    }
    if let Some(e) = err {
        return Err(e);
    }
    if attrs.is_empty() {
        return Err(ParseError::at(
            raw.line,
            1,
            ParseErrorKind::Syntax("empty object".into()),
        ));
    }
    typed_view(&CleanObject {
        attrs,
        line: raw.line,
    })
}

/// [`typed`] over either view of an object.
pub(crate) fn typed_view<V: ObjView + ?Sized>(obj: &V) -> Result<TypedObject, ParseError> {
    Ok(match obj.class() {
        ObjectClass::Route | ObjectClass::Route6 => TypedObject::Route(route(obj)?),
        ObjectClass::AutNum => TypedObject::AutNum(aut_num(obj)?),
        ObjectClass::AsSet => TypedObject::Set(set(obj, SetKind::AsSet)?),
        ObjectClass::RouteSet => TypedObject::Set(set(obj, SetKind::RouteSet)?),
        ObjectClass::Mntner => TypedObject::Mntner(mntner(obj)?),
        ObjectClass::Person | ObjectClass::Role => TypedObject::Contact(contact(obj)?),
        ObjectClass::Organisation => TypedObject::Organisation(organisation(obj)?),
        ObjectClass::Irt => TypedObject::Irt(irt(obj)?),
        ObjectClass::Inetnum | ObjectClass::Inet6num => TypedObject::InetNum(inetnum(obj)?),
        _ => TypedObject::Other(obj.to_owned_object()),
    })
}

/// Checks only the primary key of a typed class (lenient validation):
/// what [`typed`] checks of the key, without members or other values.
pub(crate) fn check_primary_key<V: ObjView + ?Sized>(obj: &V) -> Result<(), ParseError> {
    match obj.class() {
        ObjectClass::Route | ObjectClass::Route6 => {
            let key: &'static str = if obj.class() == ObjectClass::Route {
                "route"
            } else {
                "route6"
            };
            let (p, line) = required(obj, key)?;
            let prefix = parse_route_prefix(p).map_err(|e| invalid(line, key, e.to_string()))?;
            if prefix.is_ipv4() != (obj.class() == ObjectClass::Route) {
                return Err(invalid(
                    line,
                    key,
                    format!("{p:?} is of the wrong address family"),
                ));
            }
            let (o, oline) = required(obj, "origin")?;
            Asn::parse(o).map_err(|e| invalid(oline, "origin", e.to_string()))?;
        }
        ObjectClass::AutNum => {
            let (k, line) = required(obj, "aut-num")?;
            Asn::parse(k).map_err(|e| invalid(line, "aut-num", e.to_string()))?;
        }
        ObjectClass::AsSet | ObjectClass::RouteSet => {
            let key: &'static str = if obj.class() == ObjectClass::AsSet {
                "as-set"
            } else {
                "route-set"
            };
            let (k, line) = required(obj, key)?;
            parse_set_name(k).map_err(|e| ParseError::at(line, 1, e))?;
        }
        ObjectClass::Inetnum | ObjectClass::Inet6num => {
            inetnum(obj)?;
        }
        _ => {
            typed_view(obj)?;
        }
    }
    Ok(())
}

fn set_names<V: ObjView + ?Sized>(obj: &V, name: &'static str) -> Result<Vec<SetName>, ParseError> {
    let mut out = Vec::new();
    for a in obj.attrs().iter().filter(|a| a.is(name)) {
        for item in a.items() {
            out.push(parse_set_name(item).map_err(|k| ParseError::at(a.line(), 1, k))?);
        }
    }
    Ok(out)
}

fn route<V: ObjView + ?Sized>(obj: &V) -> Result<RouteObject, ParseError> {
    let class = obj.class();
    let key: &'static str = if class == ObjectClass::Route {
        "route"
    } else {
        "route6"
    };
    let (p, line) = required(obj, key)?;
    let prefix = parse_route_prefix(p).map_err(|e| invalid(line, key, e.to_string()))?;
    if prefix.is_ipv4() != (class == ObjectClass::Route) {
        return Err(invalid(
            line,
            key,
            format!("{p:?} is of the wrong address family"),
        ));
    }
    let (o, oline) = required(obj, "origin")?;
    let origin = Asn::parse(o).map_err(|e| invalid(oline, "origin", e.to_string()))?;
    let mut holes = Vec::new();
    for a in obj
        .attrs()
        .iter()
        .filter(|a| a.is("holes") || a.is("mp-holes"))
    {
        for item in a.items() {
            holes.push(Prefix::parse(item).map_err(|e| invalid(a.line(), "holes", e.to_string()))?);
        }
    }
    let max_length = match obj.attrs().iter().find(|a| a.is("max-length")) {
        Some(a) => Some(
            a.value()
                .parse::<u8>()
                .ok()
                .filter(|m| *m >= prefix.len() && *m <= prefix.family().max_len())
                .ok_or_else(|| invalid(a.line(), "max-length", format!("{:?}", a.value())))?,
        ),
        None => None,
    };
    Ok(RouteObject {
        prefix,
        origin,
        member_of: set_names(obj, "member-of")?,
        mnt_by: list(obj, "mnt-by"),
        holes,
        max_length,
        descr: values(obj, "descr"),
        source: source(obj),
    })
}

fn aut_num<V: ObjView + ?Sized>(obj: &V) -> Result<AutNum, ParseError> {
    let (k, line) = required(obj, "aut-num")?;
    let asn = Asn::parse(k).map_err(|e| invalid(line, "aut-num", e.to_string()))?;
    let mut policy = Vec::new();
    for a in obj.attrs() {
        if let Some(kind) = policy_kind(a.name()) {
            let p = parse_policy(kind, a.value(), a.line()).unwrap_or_else(|_| {
                crate::model::rpsl::PolicyLine {
                    kind,
                    afi: Vec::new(),
                    terms: Vec::new(),
                    via: String::new(),
                    text: a.value().to_owned(),
                    line: a.line(),
                }
            });
            policy.push(p);
        }
    }
    Ok(AutNum {
        asn,
        as_name: obj.get("as-name").unwrap_or_default().to_owned(),
        descr: values(obj, "descr"),
        policy,
        member_of: set_names(obj, "member-of")?,
        admin_c: list(obj, "admin-c"),
        tech_c: list(obj, "tech-c"),
        abuse_c: first_item(obj, "abuse-c"),
        org: first_item(obj, "org"),
        mnt_by: list(obj, "mnt-by"),
        source: source(obj),
    })
}

fn set<V: ObjView + ?Sized>(obj: &V, kind: SetKind) -> Result<SetObject, ParseError> {
    let key: &'static str = match kind {
        SetKind::AsSet => "as-set",
        SetKind::RouteSet => "route-set",
    };
    let (k, line) = required(obj, key)?;
    let name = parse_set_name(k).map_err(|e| ParseError::at(line, 1, e))?;
    if name.source.is_some() {
        return Err(invalid(
            line,
            key,
            format!("{k:?}: a set's own name has no source scope"),
        ));
    }
    let mut members = Vec::new();
    for a in obj.attrs() {
        let is_members = a.is("members") || (a.is("mp-members") && kind == SetKind::RouteSet);
        if !is_members {
            continue;
        }
        for item in a.items() {
            members.push(parse_member(item, kind).map_err(|e| ParseError::at(a.line(), 1, e))?);
        }
    }
    Ok(SetObject {
        kind,
        name,
        members,
        mbrs_by_ref: list(obj, "mbrs-by-ref"),
        member_of: set_names(obj, "member-of")?,
        mnt_by: list(obj, "mnt-by"),
        admin_c: list(obj, "admin-c"),
        tech_c: list(obj, "tech-c"),
        source: source(obj),
    })
}

fn mntner<V: ObjView + ?Sized>(obj: &V) -> Result<Mntner, ParseError> {
    let (k, _) = required(obj, "mntner")?;
    let auth_schemes = obj
        .get_all("auth")
        .filter_map(|v| v.split_whitespace().next())
        .map(str::to_ascii_uppercase)
        .collect();
    Ok(Mntner {
        name: k.to_owned(),
        auth_schemes,
        upd_to: list(obj, "upd-to"),
        admin_c: list(obj, "admin-c"),
        tech_c: list(obj, "tech-c"),
        mnt_by: list(obj, "mnt-by"),
        source: source(obj),
    })
}

fn contact<V: ObjView + ?Sized>(obj: &V) -> Result<Contact, ParseError> {
    let class = obj.class();
    let key: &'static str = if class == ObjectClass::Person {
        "person"
    } else {
        "role"
    };
    let (k, _) = required(obj, key)?;
    Ok(Contact {
        class,
        name: k.to_owned(),
        nic_hdl: obj.get("nic-hdl").unwrap_or_default().to_owned(),
        email: values(obj, "e-mail"),
        abuse_mailbox: values(obj, "abuse-mailbox"),
        phone: values(obj, "phone"),
        mnt_by: list(obj, "mnt-by"),
        source: source(obj),
    })
}

fn organisation<V: ObjView + ?Sized>(obj: &V) -> Result<Organisation, ParseError> {
    let (k, _) = required(obj, "organisation")?;
    Ok(Organisation {
        id: k.to_owned(),
        name: obj.get("org-name").unwrap_or_default().to_owned(),
        org_type: first_item(obj, "org-type"),
        abuse_c: first_item(obj, "abuse-c"),
        email: values(obj, "e-mail"),
        mnt_by: list(obj, "mnt-by"),
        source: source(obj),
    })
}

fn irt<V: ObjView + ?Sized>(obj: &V) -> Result<Irt, ParseError> {
    let (k, _) = required(obj, "irt")?;
    Ok(Irt {
        name: k.to_owned(),
        abuse_mailbox: values(obj, "abuse-mailbox"),
        email: values(obj, "e-mail"),
        mnt_by: list(obj, "mnt-by"),
        source: source(obj),
    })
}

/// An IPv4 address allowing leading zeros in octets (`192.0.02.255`).
fn parse_v4_loose(s: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut n = 0;
    for part in s.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let slot = octets.get_mut(n)?;
        *slot = part.parse::<u8>().ok()?;
        n += 1;
    }
    (n == 4).then(|| Ipv4Addr::from(octets))
}

/// A route prefix: strict (no host bits), but IPv4 octets may carry
/// leading zeros (`192.0.02.0/24`, as IRRd accepts).
pub(crate) fn parse_route_prefix(s: &str) -> Result<Prefix, crate::model::ModelError> {
    match Prefix::parse(s) {
        Ok(p) => Ok(p),
        Err(e) => {
            let loose = s.split_once('/').and_then(|(a, l)| {
                let a = parse_v4_loose(a)?;
                let l = l.parse::<u8>().ok().filter(|_| l.len() <= 2)?;
                Some(Prefix::new(IpAddr::V4(a), l))
            });
            match loose {
                Some(r) => r,
                None => Err(e),
            }
        }
    }
}

/// An IPv4 (leading zeros allowed) or IPv6 address.
fn parse_addr_loose(s: &str) -> Option<IpAddr> {
    if s.contains(':') {
        s.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
    } else {
        parse_v4_loose(s).map(IpAddr::V4)
    }
}

/// LACNIC's abbreviated IPv4 prefix: `24.232.16/24` (missing octets are 0).
fn parse_v4_abbrev(s: &str) -> Option<Prefix> {
    let (addr, len) = s.split_once('/')?;
    let len: u8 = len.parse().ok().filter(|l| *l <= 32)?;
    let mut octets = [0u8; 4];
    for (n, part) in addr.split('.').enumerate() {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let slot = octets.get_mut(n)?;
        *slot = part.parse::<u8>().ok()?;
    }
    Prefix::new(IpAddr::V4(Ipv4Addr::from(octets)), len).ok()
}

/// The first and last address of a prefix.
fn prefix_range(p: &Prefix) -> (IpAddr, IpAddr) {
    let first = p.addr();
    let last = match first {
        IpAddr::V4(a) => {
            let host = u32::MAX.checked_shr(u32::from(p.len())).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(a) | host))
        }
        IpAddr::V6(a) => {
            let host = u128::MAX.checked_shr(u32::from(p.len())).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(a) | host))
        }
    };
    (first, last)
}

fn inetnum<V: ObjView + ?Sized>(obj: &V) -> Result<InetNum, ParseError> {
    let class = obj.class();
    let key: &'static str = if class == ObjectClass::Inetnum {
        "inetnum"
    } else {
        "inet6num"
    };
    let (k, line) = required(obj, key)?;
    let bad = || invalid(line, key, format!("{k:?} is neither a range nor a prefix"));
    let (first, last) = if let Some((a, b)) = k.split_once('-') {
        let a = parse_addr_loose(a.trim()).ok_or_else(bad)?;
        let b = parse_addr_loose(b.trim()).ok_or_else(bad)?;
        if a.is_ipv4() != b.is_ipv4() || a > b {
            return Err(invalid(line, key, format!("{k:?}: not an address range")));
        }
        (a, b)
    } else if let Ok(p) = Prefix::parse(k) {
        prefix_range(&p)
    } else if let Some(p) = parse_v4_abbrev(k) {
        prefix_range(&p)
    } else if let Some(a) = parse_v4_loose(k) {
        (IpAddr::V4(a), IpAddr::V4(a))
    } else {
        return Err(bad());
    };
    if class == ObjectClass::Inet6num && first.is_ipv4() {
        return Err(invalid(line, key, format!("{k:?} is not IPv6")));
    }
    Ok(InetNum {
        class,
        first,
        last,
        netname: obj.get("netname").unwrap_or_default().to_owned(),
        country: list(obj, "country"),
        org: first_item(obj, "org"),
        admin_c: list(obj, "admin-c"),
        tech_c: list(obj, "tech-c"),
        abuse_c: first_item(obj, "abuse-c"),
        status: obj.get("status").map(str::to_owned),
        mnt_by: list(obj, "mnt-by"),
        source: source(obj),
    })
}

#[cfg(test)]
mod raw_tests {
    use super::*;
    use crate::parse::rpsl::objects;

    /// The slow path: the owned object, then [`typed`].
    fn via_owned(raw: &RawObject<'_>) -> Result<TypedObject, ParseError> {
        raw.to_object().and_then(|o| typed(&o))
    }

    fn data_dir() -> Option<std::path::PathBuf> {
        let dir = match std::env::var_os("ROUTEGUARD_DATA") {
            Some(d) => std::path::PathBuf::from(d),
            None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
        };
        if dir.join("SOURCES.md").is_file() {
            return Some(dir);
        }
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "shared data missing under CI"
        );
        eprintln!("SKIP: shared data not found at {}", dir.display());
        None
    }

    /// `typed_raw` equals `typed(&to_object())` on every object of every
    /// file under the shared `irr/` data (dn42, AS3257, IRRd's samples,
    /// RIPE, …), errors included.
    #[test]
    fn typed_raw_matches_typed_on_real_data() {
        let Some(dir) = data_dir() else { return };
        let mut stack = vec![dir.join("irr")];
        let (mut files, mut objs, mut typed_ok, mut policies) = (0, 0, 0, 0);
        let mut seen_dn42 = false;
        let mut seen_as3257 = false;
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read(&p).unwrap();
                files += 1;
                seen_dn42 |= p.ends_with("dn42/dn42-registry.rpsl");
                seen_as3257 |= p.ends_with("rpsl-rs/AS3257.txt");
                for raw in objects(&text).flatten() {
                    objs += 1;
                    let want = via_owned(&raw);
                    let got = typed_raw(&raw);
                    assert_eq!(got, want, "{} line {}", p.display(), raw.line);
                    if let Ok(t) = got {
                        typed_ok += 1;
                        if let TypedObject::AutNum(a) = t {
                            policies += a.policy.len();
                        }
                    }
                }
            }
        }
        assert!(seen_dn42 && seen_as3257, "dn42 and AS3257 compared");
        assert!(
            objs > 15_716 && typed_ok > 15_000,
            "{files} files, {objs} objects"
        );
        assert!(policies >= 9_546, "{policies} policy lines");
    }

    fn attr_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let names = prop::sample::select(vec![
            "route",
            "Route6",
            "origin",
            "ORIGIN",
            "mnt-by",
            "member-of",
            "members",
            "mp-members",
            "as-set",
            "route-set",
            "aut-num",
            "import",
            "mp-export",
            "source",
            "descr",
            "holes",
            "max-length",
            "mntner",
            "auth",
            "person",
            "nic-hdl",
            "inetnum",
            "inet6num",
            "netname",
            "org",
            "abuse-c",
            "x-y",
        ]);
        let values = prop::sample::select(vec![
            "192.0.2.0/24",
            "2001:db8::/32",
            "AS65000",
            "as1.5",
            "AS-FOO, RS-BAR^+",
            "AS65000:AS-X RIPE::AS-Y",
            "from AS1 accept ANY",
            "afi ipv6 to AS2 announce AS-Z",
            "TEST # c",
            "X-MNT",
            "24",
            "10.0.0.0 - 10.0.0.255",
            "",
            "bad value ^^",
            "192.0.2.0/24^16-24",
            "Jos\u{e9}",
            "ANY",
        ]);
        let cont = prop::sample::select(vec!["", "\n+ more", "\n  AS2, AS3", "\n\tx # y"]);
        (names, values, cont).prop_map(|(n, v, c)| format!("{n}: {v}{c}\n"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// [`Items`] splits as `Attribute::items` does (Unicode whitespace
        /// included).
        #[test]
        fn items_match_attribute_items(v in "[a,\\t\\n\\x0b\\x0c\\r \u{a0}\u{85}\u{2003}\u{e9}\u{3000}b]{0,24}") {
            let a = Attribute { name: "members".into(), value: v.clone(), line: 1 };
            let want: Vec<&str> = a.items().collect();
            let got: Vec<&str> = Items { rest: &v }.collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// Random objects of typed and untyped classes, well formed or not:
        /// `typed_raw` gives what `typed(&to_object())` gives.
        #[test]
        fn typed_raw_matches_typed(lines in proptest::collection::vec(attr_line(), 1..8)) {
            let text = lines.concat();
            for raw in objects(text.as_bytes()).flatten() {
                proptest::prop_assert_eq!(typed_raw(&raw), via_owned(&raw));
            }
        }
    }
}
