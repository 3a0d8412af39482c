//! Typed views of RPSL objects: routes, aut-nums, sets, contacts,
//! maintainers, organisations, IRTs and address ranges.
//!
//! Each attribute name is looked up once per object (a one-byte [`Tag`]);
//! the typed fields then find their attributes by tag. Values borrow from
//! the input: only values with continuation lines, uppercased words, the
//! joined text of a repeated list attribute and the `Vec`s of multi-value
//! fields (`descr`, `e-mail`, …) are allocated. Values of attributes the
//! class does not read (`remarks:`, `address:`, …) are not even cleaned.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::lex::{lower_name, Objects, RawAttributes, RawObject};
use crate::model::rpsl::{
    AutNum, Contact, InetNum, Irt, List, ListItems, Member, Mntner, ObjectClass, Organisation,
    PolicyKind, PolicyLine, RangeOp, RouteObject, RpslObject, SetKind, SetName, SetObject, Text,
    TypedObject,
};
use crate::model::{Asn, Prefix};
use crate::parse::rpsl::{RpslError, RpslErrorKind};

fn invalid(line: usize, field: &'static str, message: String) -> RpslError {
    RpslError::at(line, 1, RpslErrorKind::InvalidField { field, message })
}

/// The attribute names the typed conversions read; [`Tag::Other`] for the
/// rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Other,
    Route,
    Route6,
    AutNum,
    AsSet,
    RouteSet,
    Mntner,
    Person,
    Role,
    Organisation,
    Irt,
    Inetnum,
    Inet6num,
    Origin,
    Holes,
    MpHoles,
    MaxLength,
    MemberOf,
    MntBy,
    Descr,
    Source,
    AsName,
    AdminC,
    TechC,
    AbuseC,
    Org,
    Members,
    MpMembers,
    MbrsByRef,
    Auth,
    UpdTo,
    NicHdl,
    EMail,
    AbuseMailbox,
    Phone,
    OrgName,
    OrgType,
    Netname,
    Country,
    Status,
    Import,
    Export,
    MpImport,
    MpExport,
    Default,
    MpDefault,
    ImportVia,
    ExportVia,
}

impl Tag {
    /// The tag's bit in a class's [`reads`] mask.
    #[inline]
    const fn bit(self) -> u64 {
        1 << (self as u8)
    }

    /// The policy kind of a policy attribute's tag.
    #[inline]
    fn policy(self) -> Option<PolicyKind> {
        Some(match self {
            Tag::Import => PolicyKind::Import,
            Tag::Export => PolicyKind::Export,
            Tag::MpImport => PolicyKind::MpImport,
            Tag::MpExport => PolicyKind::MpExport,
            Tag::Default => PolicyKind::Default,
            Tag::MpDefault => PolicyKind::MpDefault,
            Tag::ImportVia => PolicyKind::ImportVia,
            Tag::ExportVia => PolicyKind::ExportVia,
            _ => return None,
        })
    }
}

/// The mask of a list of tags.
const fn mask(tags: &[Tag]) -> u64 {
    let mut m = 0;
    let mut rest = tags;
    while let [t, tail @ ..] = rest {
        m |= t.bit();
        rest = tail;
    }
    m
}

/// The attributes the typed view of a class reads (its key first); the
/// others are skipped while lexing (not even cleaned). Checked by the
/// field-by-field reference test: a field reading a tag left out here
/// would come out empty.
fn reads(class: ObjectClass) -> u64 {
    const ROUTE: u64 = mask(&[
        Tag::Route,
        Tag::Route6,
        Tag::Origin,
        Tag::Holes,
        Tag::MpHoles,
        Tag::MaxLength,
        Tag::MemberOf,
        Tag::MntBy,
        Tag::Descr,
        Tag::Source,
    ]);
    const AUT_NUM: u64 = mask(&[
        Tag::AutNum,
        Tag::AsName,
        Tag::Descr,
        Tag::MemberOf,
        Tag::AdminC,
        Tag::TechC,
        Tag::AbuseC,
        Tag::Org,
        Tag::MntBy,
        Tag::Source,
        Tag::Import,
        Tag::Export,
        Tag::MpImport,
        Tag::MpExport,
        Tag::Default,
        Tag::MpDefault,
        Tag::ImportVia,
        Tag::ExportVia,
    ]);
    const SET: u64 = mask(&[
        Tag::AsSet,
        Tag::RouteSet,
        Tag::Members,
        Tag::MpMembers,
        Tag::MbrsByRef,
        Tag::MemberOf,
        Tag::MntBy,
        Tag::AdminC,
        Tag::TechC,
        Tag::Source,
    ]);
    const MNTNER: u64 = mask(&[
        Tag::Mntner,
        Tag::Auth,
        Tag::UpdTo,
        Tag::AdminC,
        Tag::TechC,
        Tag::MntBy,
        Tag::Source,
    ]);
    const CONTACT: u64 = mask(&[
        Tag::Person,
        Tag::Role,
        Tag::NicHdl,
        Tag::EMail,
        Tag::AbuseMailbox,
        Tag::Phone,
        Tag::MntBy,
        Tag::Source,
    ]);
    const ORGANISATION: u64 = mask(&[
        Tag::Organisation,
        Tag::OrgName,
        Tag::OrgType,
        Tag::AbuseC,
        Tag::EMail,
        Tag::MntBy,
        Tag::Source,
    ]);
    const IRT: u64 = mask(&[
        Tag::Irt,
        Tag::AbuseMailbox,
        Tag::EMail,
        Tag::MntBy,
        Tag::Source,
    ]);
    const INET_NUM: u64 = mask(&[
        Tag::Inetnum,
        Tag::Inet6num,
        Tag::Netname,
        Tag::Country,
        Tag::Org,
        Tag::AdminC,
        Tag::TechC,
        Tag::AbuseC,
        Tag::Status,
        Tag::MntBy,
        Tag::Source,
    ]);
    match class {
        ObjectClass::Route | ObjectClass::Route6 => ROUTE,
        ObjectClass::AutNum => AUT_NUM,
        ObjectClass::AsSet | ObjectClass::RouteSet => SET,
        ObjectClass::Mntner => MNTNER,
        ObjectClass::Person | ObjectClass::Role => CONTACT,
        ObjectClass::Organisation => ORGANISATION,
        ObjectClass::Irt => IRT,
        ObjectClass::Inetnum | ObjectClass::Inet6num => INET_NUM,
        _ => 0,
    }
}

/// Every attribute name with a tag.
const NAMES: [(&[u8], Tag); 47] = [
    (b"route", Tag::Route),
    (b"route6", Tag::Route6),
    (b"aut-num", Tag::AutNum),
    (b"as-set", Tag::AsSet),
    (b"route-set", Tag::RouteSet),
    (b"mntner", Tag::Mntner),
    (b"person", Tag::Person),
    (b"role", Tag::Role),
    (b"organisation", Tag::Organisation),
    (b"irt", Tag::Irt),
    (b"inetnum", Tag::Inetnum),
    (b"inet6num", Tag::Inet6num),
    (b"origin", Tag::Origin),
    (b"holes", Tag::Holes),
    (b"mp-holes", Tag::MpHoles),
    (b"max-length", Tag::MaxLength),
    (b"member-of", Tag::MemberOf),
    (b"mnt-by", Tag::MntBy),
    (b"descr", Tag::Descr),
    (b"source", Tag::Source),
    (b"as-name", Tag::AsName),
    (b"admin-c", Tag::AdminC),
    (b"tech-c", Tag::TechC),
    (b"abuse-c", Tag::AbuseC),
    (b"org", Tag::Org),
    (b"members", Tag::Members),
    (b"mp-members", Tag::MpMembers),
    (b"mbrs-by-ref", Tag::MbrsByRef),
    (b"auth", Tag::Auth),
    (b"upd-to", Tag::UpdTo),
    (b"nic-hdl", Tag::NicHdl),
    (b"e-mail", Tag::EMail),
    (b"abuse-mailbox", Tag::AbuseMailbox),
    (b"phone", Tag::Phone),
    (b"org-name", Tag::OrgName),
    (b"org-type", Tag::OrgType),
    (b"netname", Tag::Netname),
    (b"country", Tag::Country),
    (b"status", Tag::Status),
    (b"import", Tag::Import),
    (b"export", Tag::Export),
    (b"mp-import", Tag::MpImport),
    (b"mp-export", Tag::MpExport),
    (b"default", Tag::Default),
    (b"mp-default", Tag::MpDefault),
    (b"import-via", Tag::ImportVia),
    (b"export-via", Tag::ExportVia),
];

/// The longest name with a tag (`abuse-mailbox`); the key keeps the
/// length in its last byte.
const LONGEST_TAGGED: usize = 13;

/// A name's key: its bytes lowercased, zero-padded to 15 bytes, then its
/// length, as two little-endian words.
type Key = (u64, u64);

/// The hash multiplier: no two names of [`NAMES`] share a slot of
/// [`TABLE`] (checked by a test).
const MULTIPLIER: u64 = 0xc234_e58b_ae6e_0fc5;

#[inline]
const fn slot(k: Key) -> usize {
    ((k.0 ^ k.1).wrapping_mul(MULTIPLIER) >> 57) as usize
}

/// The key of a lowercase name (compile time).
const fn const_key(name: &[u8]) -> Key {
    let mut lo = 0u64;
    let mut hi = (name.len() as u64) << 56;
    let mut rest = name;
    let mut i = 0;
    while let [b, tail @ ..] = rest {
        if i < 8 {
            lo |= (*b as u64) << (8 * i);
        } else {
            hi |= (*b as u64) << (8 * (i - 8));
        }
        i += 1;
        rest = tail;
    }
    (lo, hi)
}

/// The tags by slot (perfect hashing; empty slots have the key `(0, 0)`,
/// which no name has: its length byte is never 0). Built at compile time,
/// where an index out of bounds is a build error, never a panic.
#[allow(clippy::indexing_slicing)]
const TABLE: [(Key, Tag); 128] = {
    let mut t = [((0, 0), Tag::Other); 128];
    let mut rest: &[(&[u8], Tag)] = &NAMES;
    while let [(name, tag), tail @ ..] = rest {
        let k = const_key(name);
        // `slot` is below 128 (seven bits); evaluated at compile time.
        t[slot(k)] = (k, *tag);
        rest = tail;
    }
    t
};

/// The ASCII letters of eight bytes lowercased at once (other bytes kept).
#[inline]
fn lower8(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // High bit of each byte: the low seven bits are at least `A`, above `Z`.
    let ge_a = low7.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let gt_z = low7.wrapping_add(0x2525_2525_2525_2525);
    let upper = !x & (ge_a ^ gt_z) & HIGH;
    x | (upper >> 2)
}

/// Eight bytes, little-endian (`0` when `b` is shorter).
#[inline]
fn le64(b: Option<&[u8]>) -> u64 {
    b.and_then(|b| b.get(..8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Four bytes, little-endian (`0` when `b` is shorter).
#[inline]
fn le32(b: Option<&[u8]>) -> u32 {
    b.and_then(|b| b.get(..4))
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_le_bytes)
}

/// The tag of an attribute name, ignoring ASCII case. The key is read with
/// two overlapping loads (no copy through memory: a byte-wise copy followed
/// by a wide load stalls store forwarding).
#[inline]
pub(crate) fn tag_of(name: &[u8]) -> Tag {
    let n = name.len();
    let (lo, hi) = if n >= 8 {
        if n > LONGEST_TAGGED {
            return Tag::Other;
        }
        // Bytes 8.. are the last `n - 8` bytes of the last eight.
        let tail = le64(name.get(n - 8..));
        (
            le64(Some(name)),
            tail.checked_shr(8 * (16 - n) as u32).unwrap_or(0),
        )
    } else if n >= 4 {
        // Two overlapping words: the shared bytes are equal, `|` keeps them.
        let head = u64::from(le32(Some(name)));
        let tail = u64::from(le32(name.get(n - 4..)));
        (head | tail << (8 * (n - 4)), 0)
    } else {
        let mut lo = 0u64;
        for (i, b) in name.iter().enumerate() {
            lo |= u64::from(*b) << (8 * i);
        }
        (lo, 0)
    };
    let key = (lower8(lo), lower8(hi | (n as u64) << 56));
    match TABLE.get(slot(key)) {
        Some(&(k, tag)) if k == key => tag,
        _ => Tag::Other,
    }
}

/// The typed class named by a class attribute's tag.
fn class_of(tag: Tag) -> ObjectClass {
    match tag {
        Tag::Route => ObjectClass::Route,
        Tag::Route6 => ObjectClass::Route6,
        Tag::AutNum => ObjectClass::AutNum,
        Tag::AsSet => ObjectClass::AsSet,
        Tag::RouteSet => ObjectClass::RouteSet,
        Tag::Mntner => ObjectClass::Mntner,
        Tag::Person => ObjectClass::Person,
        Tag::Role => ObjectClass::Role,
        Tag::Organisation => ObjectClass::Organisation,
        Tag::Irt => ObjectClass::Irt,
        Tag::Inetnum => ObjectClass::Inetnum,
        Tag::Inet6num => ObjectClass::Inet6num,
        _ => ObjectClass::Other,
    }
}

/// One attribute as the typed conversion reads it: its tag, its name as
/// written, its cleaned value (empty for [`Tag::Other`] attributes of raw
/// objects: never read) and its line.
#[derive(Clone, Debug)]
struct Attr<'a> {
    tag: Tag,
    name: &'a [u8],
    value: Text<'a>,
    line: usize,
}

/// An object's attributes, tagged.
struct Tagged<'a> {
    /// The attributes but the policy lines.
    attrs: Vec<Attr<'a>>,
    /// Per tag, 1 + the index of its first attribute (0: none, or an
    /// index too large, then the tag is also in `repeated`).
    first: [u16; TAGS],
    /// The tags found more than once (their attributes are searched).
    repeated: u64,
    /// The policy lines of an `aut-num` (empty for other classes: no
    /// field reads them there).
    policy: Vec<PolicyLine<'a>>,
    line: usize,
}

/// The first whitespace-separated word of a value.
#[inline]
fn first_word<'a>(v: &Text<'a>) -> Option<Text<'a>> {
    match v {
        Cow::Borrowed(s) => s.split_whitespace().next().map(Cow::Borrowed),
        Cow::Owned(s) => s
            .split_whitespace()
            .next()
            .map(|w| Cow::Owned(w.to_owned())),
    }
}

/// A word uppercased (borrowed when it already is).
#[inline]
fn upper(w: Text<'_>) -> Text<'_> {
    if w.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(w.to_ascii_uppercase())
    } else {
        w
    }
}

/// The number of tags.
const TAGS: usize = Tag::ExportVia as usize + 1;

impl<'a> Tagged<'a> {
    /// The attributes with their index by tag.
    fn new(attrs: Vec<Attr<'a>>, policy: Vec<PolicyLine<'a>>, line: usize) -> Tagged<'a> {
        let mut first = [0u16; TAGS];
        let mut repeated = 0;
        for (i, a) in attrs.iter().enumerate() {
            let Some(slot) = first.get_mut(a.tag as usize) else {
                continue;
            };
            if *slot != 0 {
                repeated |= a.tag.bit();
            } else if let Ok(v) = u16::try_from(i + 1) {
                *slot = v;
            } else {
                repeated |= a.tag.bit();
            }
        }
        Tagged {
            attrs,
            first,
            repeated,
            policy,
            line,
        }
    }

    /// The attributes with a tag: the one indexed, or (a repeated tag) a
    /// search from the first.
    #[inline]
    fn all(&self, tag: Tag) -> impl Iterator<Item = &Attr<'a>> {
        let from = self.first.get(tag as usize).copied().unwrap_or(0);
        let repeated = self.repeated & tag.bit() != 0;
        let slice = match (from, repeated) {
            (0, false) => None,
            (0, true) => Some(self.attrs.as_slice()),
            (i, false) => self.attrs.get(usize::from(i) - 1..usize::from(i)),
            (i, true) => self.attrs.get(usize::from(i) - 1..),
        };
        slice
            .unwrap_or_default()
            .iter()
            .filter(move |a| a.tag == tag)
    }

    /// The class (from the first attribute).
    #[inline]
    fn class(&self) -> ObjectClass {
        self.attrs
            .first()
            .map_or(ObjectClass::Other, |a| class_of(a.tag))
    }

    /// The class name, lowercased.
    fn class_name(&self) -> String {
        self.attrs
            .first()
            .map_or_else(String::new, |a| lower_name(a.name))
    }

    fn missing(&self, attribute: &'static str) -> RpslError {
        RpslError::at(
            self.line,
            1,
            RpslErrorKind::MissingAttribute {
                class: self.class_name(),
                attribute,
            },
        )
    }

    /// The first attribute with a tag.
    #[inline]
    fn first(&self, tag: Tag) -> Option<&Attr<'a>> {
        match self.first.get(tag as usize).copied().unwrap_or(0) {
            0 if self.repeated & tag.bit() == 0 => None,
            0 => self.all(tag).next(),
            i => self.attrs.get(usize::from(i) - 1),
        }
    }

    /// The first value of an attribute.
    #[inline]
    fn get(&self, tag: Tag) -> Option<Text<'a>> {
        self.first(tag).map(|a| a.value.clone())
    }

    /// The first value of an attribute, or `""`.
    #[inline]
    fn get_or_empty(&self, tag: Tag) -> Text<'a> {
        self.get(tag).unwrap_or_default()
    }

    /// The attribute's first value and its line, or a missing-attribute
    /// error naming `name`.
    #[inline]
    fn required(&self, tag: Tag, name: &'static str) -> Result<(&str, usize), RpslError> {
        self.first(tag)
            .map(|a| (&*a.value, a.line))
            .ok_or_else(|| self.missing(name))
    }

    /// Every list item of every value of an attribute (a [`List`]:
    /// borrowed when the attribute appears once).
    #[inline]
    fn list(&self, tag: Tag) -> List<'a> {
        if self.repeated & tag.bit() == 0 {
            return self
                .first(tag)
                .map_or_else(List::default, |a| List::from_text(a.value.clone()));
        }
        let mut out = List::default();
        for a in self.all(tag) {
            out.push_value(&a.value);
        }
        out
    }

    /// Every value of an attribute, whole.
    #[inline]
    fn values(&self, tag: Tag) -> Vec<Text<'a>> {
        self.all(tag).map(|a| a.value.clone()).collect()
    }

    /// The first word of the first value of an attribute.
    #[inline]
    fn first_item(&self, tag: Tag) -> Option<Text<'a>> {
        self.first(tag).and_then(|a| first_word(&a.value))
    }

    /// `source:`, its first word uppercased; `""` when missing.
    #[inline]
    fn source(&self) -> Text<'a> {
        self.first_item(Tag::Source).map(upper).unwrap_or_default()
    }

    /// Every set name of every value of an attribute.
    fn set_names(&self, tag: Tag) -> Result<Vec<SetName>, RpslError> {
        let mut out = Vec::new();
        for a in self.all(tag) {
            for item in ListItems::new(&a.value) {
                out.push(parse_set_name(item).map_err(|k| RpslError::at(a.line, 1, k))?);
            }
        }
        Ok(out)
    }
}

/// An owned object's attributes, tagged, values borrowed.
fn tag_object(obj: &RpslObject) -> Tagged<'_> {
    let (mut attrs, mut policy) = (Vec::with_capacity(obj.attributes.len()), Vec::new());
    let mut read = 0;
    for (i, a) in obj.attributes.iter().enumerate() {
        let tag = tag_of(a.name.as_bytes());
        if i == 0 {
            // The first attribute names the class: always kept.
            read = reads(class_of(tag));
        } else if read & tag.bit() == 0 {
            continue;
        } else if let Some(kind) = tag.policy() {
            policy.push(PolicyLine {
                kind,
                text: Cow::Borrowed(&a.value),
                line: a.line,
            });
            continue;
        }
        attrs.push(Attr {
            tag,
            name: a.name.as_bytes(),
            value: Cow::Borrowed(&a.value),
            line: a.line,
        });
    }
    Tagged::new(attrs, policy, obj.line)
}

/// Parses a set name: `AS-FOO`, hierarchical `AS65000:AS-FOO`, scoped
/// `RIPE::AS-FOO`. Components are letters, digits, `-`, `_` and `.`.
pub fn parse_set_name(s: &str) -> Result<SetName, RpslErrorKind> {
    let bad = |why: &str| RpslErrorKind::InvalidField {
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
pub fn parse_member(item: &str, kind: SetKind) -> Result<Member, RpslErrorKind> {
    let bad = |why: &str| RpslErrorKind::InvalidField {
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

/// Converts an object to its typed view (texts borrowed from `obj`).
/// Classes without a type give [`TypedObject::Other`]. Fails on a missing
/// or malformed primary key, a route with host bits, a malformed member or
/// set name. Policy lines are kept with their kind and text; their
/// expressions are parsed by [`parse_policy_line`](crate::parse::rpsl::parse_policy_line).
pub fn typed(obj: &RpslObject) -> Result<TypedObject<'_>, RpslError> {
    convert(&mut tag_object(obj), || Ok(TypedObject::Other(obj.clone())))
}

/// [`typed`] of a raw object, straight from its attributes: equal to
/// `typed(&raw.to_object()?)` (the same value or the same error), without
/// the owned [`RpslObject`]: texts are borrowed from the input unless they
/// span several lines or had to be uppercased.
pub fn typed_raw<'a>(raw: &RawObject<'a>) -> Result<TypedObject<'a>, RpslError> {
    typed_raw_in(raw, &mut Vec::new())
}

/// [`typed_raw`] with a reusable attribute buffer (left empty).
fn typed_raw_in<'a>(
    raw: &RawObject<'a>,
    scratch: &mut Vec<Attr<'a>>,
) -> Result<TypedObject<'a>, RpslError> {
    scratch.clear();
    let mut attrs = std::mem::take(scratch);
    let mut policy = Vec::new();
    let err = read_attrs(&mut raw.attributes(), &mut attrs, &mut policy);
    finish(raw, err, attrs, policy, scratch)
}

/// Reads the attributes a typed view needs: the first (it names the
/// class), then those the class reads (see [`reads`]), an aut-num's policy
/// lines apart. The lexer's error, if any (it stops there).
#[inline]
fn read_attrs<'a>(
    it: &mut RawAttributes<'a>,
    attrs: &mut Vec<Attr<'a>>,
    policy: &mut Vec<PolicyLine<'a>>,
) -> Option<RpslError> {
    let mut err = None;
    let mut read = 0;
    while let Some(a) = it.next_attr(&mut err) {
        let tag = tag_of(a.name);
        if attrs.is_empty() {
            // The first attribute names the class: always kept (its value
            // cleaned only for a typed class).
            read = reads(class_of(tag));
            attrs.push(Attr {
                tag,
                name: a.name,
                value: if read == 0 {
                    Cow::Borrowed("")
                } else {
                    a.text()
                },
                line: a.line,
            });
            continue;
        }
        // What the class does not read is skipped (not even cleaned).
        if read & tag.bit() == 0 {
            continue;
        }
        // An aut-num's policy lines go straight into place.
        if let Some(kind) = tag.policy() {
            policy.push(PolicyLine {
                kind,
                text: a.text(),
                line: a.line,
            });
            continue;
        }
        attrs.push(Attr {
            tag,
            name: a.name,
            value: a.text(),
            line: a.line,
        });
    }
    err
}

/// The typed view from the attributes [`read_attrs`] read; gives the
/// buffer back to `scratch`.
#[inline]
fn finish<'a>(
    raw: &RawObject<'a>,
    err: Option<RpslError>,
    attrs: Vec<Attr<'a>>,
    policy: Vec<PolicyLine<'a>>,
    scratch: &mut Vec<Attr<'a>>,
) -> Result<TypedObject<'a>, RpslError> {
    if let Some(e) = err {
        *scratch = attrs;
        return Err(e);
    }
    if attrs.is_empty() {
        return Err(RpslError::at(
            raw.line,
            1,
            RpslErrorKind::Syntax("empty object".into()),
        ));
    }
    let mut t = Tagged::new(attrs, policy, raw.line);
    // Other classes keep every value: the owned object.
    let r = convert(&mut t, || raw.to_object().map(TypedObject::Other));
    *scratch = t.attrs;
    scratch.clear();
    r
}

/// Typed objects one after the other: [`typed_raw`] of each object of an
/// [`Objects`] iterator (whose errors it passes on), with one attribute
/// buffer for all. Made by [`Objects::typed`].
///
/// Each object is read in one pass where it can be (its attributes
/// straight from the dump, its end where they end); an object with blank-looking lines, a lexing error
/// or a continuation line first is read again by the full rules (the same
/// result: proptested against [`typed_raw`] of each object).
#[derive(Debug)]
pub struct TypedObjects<'a> {
    objects: Objects<'a>,
    scratch: Vec<Attr<'a>>,
}

impl<'a> Iterator for TypedObjects<'a> {
    type Item = Result<TypedObject<'a>, RpslError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(mut it) = self.objects.begin_fused() {
            self.scratch.clear();
            let mut attrs = std::mem::take(&mut self.scratch);
            let mut policy = Vec::new();
            let err = read_attrs(&mut it, &mut attrs, &mut policy);
            if err.is_none() && !it.bailed() {
                let raw = self.objects.finish_fused(&it);
                return Some(finish(&raw, None, attrs, policy, &mut self.scratch));
            }
            // Read again by the full rules.
            self.scratch = attrs;
        }
        let raw = match self.objects.next()? {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        Some(typed_raw_in(&raw, &mut self.scratch))
    }
}

impl std::iter::FusedIterator for TypedObjects<'_> {}

impl<'a> Objects<'a> {
    /// Each object typed ([`typed_raw`]), borrowing from the input:
    /// `objects_str(text).typed()` is the fastest way from a dump to typed
    /// objects.
    ///
    /// ```
    /// use routeguard::model::rpsl::TypedObject;
    /// use routeguard::parse::rpsl::objects_str;
    ///
    /// let text = "route: 192.0.2.0/24\norigin: AS64500\nmnt-by: EX-MNT\nsource: TEST\n";
    /// let typed: Vec<_> = objects_str(text).typed().collect::<Result<_, _>>().unwrap();
    /// let TypedObject::Route(r) = &typed[0] else { panic!() };
    /// assert_eq!(r.origin.to_string(), "AS64500");
    /// assert_eq!(r.mnt_by, ["EX-MNT"]);
    /// ```
    pub fn typed(self) -> TypedObjects<'a> {
        TypedObjects {
            objects: self,
            scratch: Vec::with_capacity(16),
        }
    }
}

/// The typed view of an object; `other` makes the [`TypedObject::Other`]
/// of an untyped class.
fn convert<'a>(
    t: &mut Tagged<'a>,
    other: impl FnOnce() -> Result<TypedObject<'a>, RpslError>,
) -> Result<TypedObject<'a>, RpslError> {
    Ok(match t.class() {
        ObjectClass::Route | ObjectClass::Route6 => TypedObject::Route(route(t)?),
        ObjectClass::AutNum => TypedObject::AutNum(aut_num(t)?),
        ObjectClass::AsSet => TypedObject::Set(set(t, SetKind::AsSet)?),
        ObjectClass::RouteSet => TypedObject::Set(set(t, SetKind::RouteSet)?),
        ObjectClass::Mntner => TypedObject::Mntner(mntner(t)?),
        ObjectClass::Person | ObjectClass::Role => TypedObject::Contact(contact(t)?),
        ObjectClass::Organisation => TypedObject::Organisation(organisation(t)?),
        ObjectClass::Irt => TypedObject::Irt(irt(t)?),
        ObjectClass::Inetnum | ObjectClass::Inet6num => TypedObject::InetNum(inetnum(t)?),
        _ => return other(),
    })
}

/// Checks only the primary key of a typed class (lenient validation):
/// what [`typed`] checks of the key, without members or other values.
pub(crate) fn check_primary_key(obj: &RpslObject) -> Result<(), RpslError> {
    let mut t = tag_object(obj);
    match t.class() {
        ObjectClass::Route | ObjectClass::Route6 => {
            let (tag, key) = route_key(t.class());
            let (p, line) = t.required(tag, key)?;
            let prefix = parse_route_prefix(p).map_err(|e| invalid(line, key, e.to_string()))?;
            if prefix.is_ipv4() != (t.class() == ObjectClass::Route) {
                return Err(invalid(
                    line,
                    key,
                    format!("{p:?} is of the wrong address family"),
                ));
            }
            let (o, oline) = t.required(Tag::Origin, "origin")?;
            Asn::parse(o).map_err(|e| invalid(oline, "origin", e.to_string()))?;
        }
        ObjectClass::AutNum => {
            let (k, line) = t.required(Tag::AutNum, "aut-num")?;
            Asn::parse(k).map_err(|e| invalid(line, "aut-num", e.to_string()))?;
        }
        ObjectClass::AsSet | ObjectClass::RouteSet => {
            let (tag, key) = if t.class() == ObjectClass::AsSet {
                (Tag::AsSet, "as-set")
            } else {
                (Tag::RouteSet, "route-set")
            };
            let (k, line) = t.required(tag, key)?;
            parse_set_name(k).map_err(|e| RpslError::at(line, 1, e))?;
        }
        ObjectClass::Inetnum | ObjectClass::Inet6num => {
            inetnum(&t)?;
        }
        ObjectClass::Other => {}
        _ => {
            convert(&mut t, || Ok(TypedObject::Other(obj.clone())))?;
        }
    }
    Ok(())
}

/// The key attribute of a route class.
fn route_key(class: ObjectClass) -> (Tag, &'static str) {
    if class == ObjectClass::Route {
        (Tag::Route, "route")
    } else {
        (Tag::Route6, "route6")
    }
}

fn route<'a>(t: &Tagged<'a>) -> Result<RouteObject<'a>, RpslError> {
    let class = t.class();
    let (tag, key) = route_key(class);
    let (p, line) = t.required(tag, key)?;
    let prefix = parse_route_prefix(p).map_err(|e| invalid(line, key, e.to_string()))?;
    if prefix.is_ipv4() != (class == ObjectClass::Route) {
        return Err(invalid(
            line,
            key,
            format!("{p:?} is of the wrong address family"),
        ));
    }
    let (o, oline) = t.required(Tag::Origin, "origin")?;
    let origin = Asn::parse(o).map_err(|e| invalid(oline, "origin", e.to_string()))?;
    let mut holes = Vec::new();
    for a in t
        .attrs
        .iter()
        .filter(|a| matches!(a.tag, Tag::Holes | Tag::MpHoles))
    {
        for item in ListItems::new(&a.value) {
            holes.push(Prefix::parse(item).map_err(|e| invalid(a.line, "holes", e.to_string()))?);
        }
    }
    let max_length = match t.first(Tag::MaxLength) {
        Some(a) => Some(
            a.value
                .parse::<u8>()
                .ok()
                .filter(|m| *m >= prefix.len() && *m <= prefix.family().max_len())
                .ok_or_else(|| invalid(a.line, "max-length", format!("{:?}", a.value)))?,
        ),
        None => None,
    };
    Ok(RouteObject {
        prefix,
        origin,
        member_of: t.set_names(Tag::MemberOf)?,
        mnt_by: t.list(Tag::MntBy),
        holes,
        max_length,
        descr: t.values(Tag::Descr),
        source: t.source(),
    })
}

fn aut_num<'a>(t: &mut Tagged<'a>) -> Result<AutNum<'a>, RpslError> {
    let (k, line) = t.required(Tag::AutNum, "aut-num")?;
    let asn = Asn::parse(k).map_err(|e| invalid(line, "aut-num", e.to_string()))?;
    let policy = std::mem::take(&mut t.policy);
    Ok(AutNum {
        asn,
        as_name: t.get_or_empty(Tag::AsName),
        descr: t.values(Tag::Descr),
        policy,
        member_of: t.set_names(Tag::MemberOf)?,
        admin_c: t.list(Tag::AdminC),
        tech_c: t.list(Tag::TechC),
        abuse_c: t.first_item(Tag::AbuseC),
        org: t.first_item(Tag::Org),
        mnt_by: t.list(Tag::MntBy),
        source: t.source(),
    })
}

fn set<'a>(t: &Tagged<'a>, kind: SetKind) -> Result<SetObject<'a>, RpslError> {
    let (tag, key) = match kind {
        SetKind::AsSet => (Tag::AsSet, "as-set"),
        SetKind::RouteSet => (Tag::RouteSet, "route-set"),
    };
    let (k, line) = t.required(tag, key)?;
    let name = parse_set_name(k).map_err(|e| RpslError::at(line, 1, e))?;
    if name.source.is_some() {
        return Err(invalid(
            line,
            key,
            format!("{k:?}: a set's own name has no source scope"),
        ));
    }
    let mut members = Vec::new();
    for a in &t.attrs {
        let is_members =
            a.tag == Tag::Members || (a.tag == Tag::MpMembers && kind == SetKind::RouteSet);
        if !is_members {
            continue;
        }
        for item in ListItems::new(&a.value) {
            members.push(parse_member(item, kind).map_err(|e| RpslError::at(a.line, 1, e))?);
        }
    }
    Ok(SetObject {
        kind,
        name,
        members,
        mbrs_by_ref: t.list(Tag::MbrsByRef),
        member_of: t.set_names(Tag::MemberOf)?,
        mnt_by: t.list(Tag::MntBy),
        admin_c: t.list(Tag::AdminC),
        tech_c: t.list(Tag::TechC),
        source: t.source(),
    })
}

fn mntner<'a>(t: &Tagged<'a>) -> Result<Mntner<'a>, RpslError> {
    t.required(Tag::Mntner, "mntner")?;
    Ok(Mntner {
        name: t.get_or_empty(Tag::Mntner),
        auth_schemes: t
            .all(Tag::Auth)
            .filter_map(|a| first_word(&a.value))
            .map(upper)
            .collect(),
        upd_to: t.list(Tag::UpdTo),
        admin_c: t.list(Tag::AdminC),
        tech_c: t.list(Tag::TechC),
        mnt_by: t.list(Tag::MntBy),
        source: t.source(),
    })
}

fn contact<'a>(t: &Tagged<'a>) -> Result<Contact<'a>, RpslError> {
    let class = t.class();
    let (tag, key) = if class == ObjectClass::Person {
        (Tag::Person, "person")
    } else {
        (Tag::Role, "role")
    };
    t.required(tag, key)?;
    Ok(Contact {
        class,
        name: t.get_or_empty(tag),
        nic_hdl: t.get_or_empty(Tag::NicHdl),
        email: t.values(Tag::EMail),
        abuse_mailbox: t.values(Tag::AbuseMailbox),
        phone: t.values(Tag::Phone),
        mnt_by: t.list(Tag::MntBy),
        source: t.source(),
    })
}

fn organisation<'a>(t: &Tagged<'a>) -> Result<Organisation<'a>, RpslError> {
    t.required(Tag::Organisation, "organisation")?;
    Ok(Organisation {
        id: t.get_or_empty(Tag::Organisation),
        name: t.get_or_empty(Tag::OrgName),
        org_type: t.first_item(Tag::OrgType),
        abuse_c: t.first_item(Tag::AbuseC),
        email: t.values(Tag::EMail),
        mnt_by: t.list(Tag::MntBy),
        source: t.source(),
    })
}

fn irt<'a>(t: &Tagged<'a>) -> Result<Irt<'a>, RpslError> {
    t.required(Tag::Irt, "irt")?;
    Ok(Irt {
        name: t.get_or_empty(Tag::Irt),
        abuse_mailbox: t.values(Tag::AbuseMailbox),
        email: t.values(Tag::EMail),
        mnt_by: t.list(Tag::MntBy),
        source: t.source(),
    })
}

/// An IPv4 address allowing leading zeros in octets (`192.0.02.255`):
/// four dot-separated parts of one to three digits, each at most 255.
fn parse_v4_loose(s: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut n = 0;
    let (mut v, mut digits) = (0u32, 0);
    for &c in s.as_bytes() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits > 3 {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        } else if c == b'.' && digits > 0 {
            *octets.get_mut(n)? = u8::try_from(v).ok()?;
            n += 1;
            (v, digits) = (0, 0);
        } else {
            return None;
        }
    }
    if digits == 0 || n != 3 {
        return None;
    }
    *octets.get_mut(3)? = u8::try_from(v).ok()?;
    Some(Ipv4Addr::from(octets))
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
    if memchr::memchr(b':', s.as_bytes()).is_some() {
        crate::model::parse_ipv6(s.as_bytes()).map(IpAddr::V6)
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

fn inetnum<'a>(t: &Tagged<'a>) -> Result<InetNum<'a>, RpslError> {
    let class = t.class();
    let (tag, key) = if class == ObjectClass::Inetnum {
        (Tag::Inetnum, "inetnum")
    } else {
        (Tag::Inet6num, "inet6num")
    };
    let (k, line) = t.required(tag, key)?;
    let bad = || invalid(line, key, format!("{k:?} is neither a range nor a prefix"));
    let dash = memchr::memchr(b'-', k.as_bytes());
    let (first, last) =
        if let Some((a, b)) = dash.and_then(|i| Some((k.get(..i)?, k.get(i + 1..)?))) {
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
        netname: t.get_or_empty(Tag::Netname),
        country: t.list(Tag::Country),
        org: t.first_item(Tag::Org),
        admin_c: t.list(Tag::AdminC),
        tech_c: t.list(Tag::TechC),
        abuse_c: t.first_item(Tag::AbuseC),
        status: t.get(Tag::Status),
        mnt_by: t.list(Tag::MntBy),
        source: t.source(),
    })
}

#[cfg(test)]
mod raw_tests {
    use super::*;
    use crate::model::rpsl::Attribute;
    use crate::parse::rpsl::objects;
    use crate::parse::rpsl::objects_str;

    /// The slow path: the owned object, then [`typed`].
    fn via_owned(raw: &RawObject<'_>) -> Result<TypedObject<'static>, RpslError> {
        raw.to_object()
            .and_then(|o| typed(&o).map(TypedObject::into_owned))
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
                // The iterator (one buffer for all objects) gives what
                // `typed_raw` gives, object errors included.
                let one_by_one: Vec<_> = objects(&text)
                    .map(|r| r.and_then(|raw| typed_raw(&raw)))
                    .collect();
                assert_eq!(objects(&text).typed().collect::<Vec<_>>(), one_by_one);
                for raw in objects(&text).flatten() {
                    objs += 1;
                    let want = via_owned(&raw);
                    let got = typed_raw(&raw);
                    assert_eq!(got, want, "{} line {}", p.display(), raw.line);
                    if let (Ok(o), Ok(t)) = (raw.to_object(), &got) {
                        check_fields(&o, t);
                    }
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

    /// The slow reference of the typed fields: each one read again from
    /// the generic object with its case-insensitive accessors.
    fn check_fields(o: &RpslObject, t: &TypedObject<'_>) {
        let all = |n: &'static str| -> Vec<&str> { o.get_all(n).collect() };
        let items = |n: &str| -> Vec<&str> {
            o.attributes
                .iter()
                .filter(|a| a.name.eq_ignore_ascii_case(n))
                .flat_map(|a| a.items())
                .collect()
        };
        let word = |n: &str| o.get(n).and_then(|v| v.split_whitespace().next());
        let source = o.source().unwrap_or_default();
        let class = o.class();
        match t {
            TypedObject::Route(r) => {
                assert!(matches!(class, ObjectClass::Route | ObjectClass::Route6));
                assert_eq!(
                    Some(r.prefix),
                    o.get(class.name()).and_then(|p| parse_route_prefix(p).ok())
                );
                assert_eq!(
                    Some(r.origin),
                    o.get("origin").and_then(|a| Asn::parse(a).ok())
                );
                assert_eq!(r.mnt_by, items("mnt-by"));
                assert_eq!(r.descr, all("descr"));
                assert_eq!(r.source, source);
                assert_eq!(r.member_of.len(), items("member-of").len());
            }
            TypedObject::AutNum(a) => {
                assert_eq!(class, ObjectClass::AutNum);
                let want: Vec<(PolicyKind, &str, usize)> = o
                    .attributes
                    .iter()
                    .skip(1)
                    .filter_map(|x| {
                        PolicyKind::from_name(&x.name).map(|k| (k, x.value.as_str(), x.line))
                    })
                    .collect();
                let got: Vec<(PolicyKind, &str, usize)> = a
                    .policy
                    .iter()
                    .map(|l| (l.kind, &*l.text, l.line))
                    .collect();
                assert_eq!(got, want);
                assert_eq!(a.as_name, o.get("as-name").unwrap_or_default());
                assert_eq!(a.admin_c, items("admin-c"));
                assert_eq!(a.tech_c, items("tech-c"));
                assert_eq!(a.abuse_c.as_deref(), word("abuse-c"));
                assert_eq!(a.org.as_deref(), word("org"));
                assert_eq!(a.mnt_by, items("mnt-by"));
                assert_eq!(a.descr, all("descr"));
                assert_eq!(a.source, source);
            }
            TypedObject::Set(x) => {
                assert!(matches!(class, ObjectClass::AsSet | ObjectClass::RouteSet));
                assert_eq!(x.mbrs_by_ref, items("mbrs-by-ref"));
                assert_eq!(x.mnt_by, items("mnt-by"));
                assert_eq!(x.admin_c, items("admin-c"));
                assert_eq!(x.tech_c, items("tech-c"));
                let mp = if class == ObjectClass::RouteSet {
                    items("mp-members").len()
                } else {
                    0
                };
                assert_eq!(x.members.len(), items("members").len() + mp);
                assert_eq!(x.source, source);
            }
            TypedObject::Mntner(m) => {
                assert_eq!(class, ObjectClass::Mntner);
                assert_eq!(m.name, o.get("mntner").unwrap_or_default());
                let auth: Vec<String> = all("auth")
                    .iter()
                    .filter_map(|v| v.split_whitespace().next())
                    .map(str::to_ascii_uppercase)
                    .collect();
                assert_eq!(m.auth_schemes, auth);
                assert_eq!(m.upd_to, items("upd-to"));
                assert_eq!(m.admin_c, items("admin-c"));
                assert_eq!(m.tech_c, items("tech-c"));
                assert_eq!(m.mnt_by, items("mnt-by"));
                assert_eq!(m.source, source);
            }
            TypedObject::Contact(c) => {
                assert_eq!(c.class, class);
                assert_eq!(c.name, o.get(class.name()).unwrap_or_default());
                assert_eq!(c.nic_hdl, o.get("nic-hdl").unwrap_or_default());
                assert_eq!(c.email, all("e-mail"));
                assert_eq!(c.abuse_mailbox, all("abuse-mailbox"));
                assert_eq!(c.phone, all("phone"));
                assert_eq!(c.source, source);
            }
            TypedObject::Organisation(g) => {
                assert_eq!(class, ObjectClass::Organisation);
                assert_eq!(g.id, o.get("organisation").unwrap_or_default());
                assert_eq!(g.name, o.get("org-name").unwrap_or_default());
                assert_eq!(g.org_type.as_deref(), word("org-type"));
                assert_eq!(g.abuse_c.as_deref(), word("abuse-c"));
                assert_eq!(g.email, all("e-mail"));
                assert_eq!(g.source, source);
            }
            TypedObject::Irt(i) => {
                assert_eq!(class, ObjectClass::Irt);
                assert_eq!(i.name, o.get("irt").unwrap_or_default());
                assert_eq!(i.abuse_mailbox, all("abuse-mailbox"));
                assert_eq!(i.email, all("e-mail"));
                assert_eq!(i.source, source);
            }
            TypedObject::InetNum(n) => {
                assert_eq!(n.class, class);
                assert_eq!(n.netname, o.get("netname").unwrap_or_default());
                assert_eq!(n.country, items("country"));
                assert_eq!(n.org.as_deref(), word("org"));
                assert_eq!(n.admin_c, items("admin-c"));
                assert_eq!(n.tech_c, items("tech-c"));
                assert_eq!(n.abuse_c.as_deref(), word("abuse-c"));
                assert_eq!(n.status.as_deref(), o.get("status"));
                assert_eq!(n.mnt_by, items("mnt-by"));
                assert_eq!(n.source, source);
            }
            TypedObject::Other(x) => {
                assert_eq!(class, ObjectClass::Other);
                assert_eq!(x, o);
            }
        }
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

    /// Attributes past the index's reach (more than 65,535 before them)
    /// are found by search.
    #[test]
    fn attributes_past_the_index() {
        let mut text = String::from("route: 192.0.2.0/24\norigin: AS1\n");
        for i in 0..70_000 {
            text.push_str(&format!("descr: d{i}\n"));
        }
        text.push_str("mnt-by: LATE-MNT\nmnt-by: LAST-MNT\nsource: late\n");
        let raw = objects(text.as_bytes()).next().unwrap().unwrap();
        let TypedObject::Route(r) = typed_raw(&raw).unwrap() else {
            panic!()
        };
        assert_eq!(r.descr.len(), 70_000);
        assert_eq!(r.descr[69_999], "d69999");
        assert_eq!(r.mnt_by, ["LATE-MNT", "LAST-MNT"]);
        assert_eq!(r.source, "LATE");
        check_fields(&raw.to_object().unwrap(), &TypedObject::Route(r));
    }

    /// The objects as the one-pass reading finds them (falling back to
    /// the full rules as `TypedObjects` does).
    fn fused_raw(text: &[u8]) -> Vec<Result<RawObject<'_>, RpslError>> {
        let mut objs = objects(text);
        let mut out = Vec::new();
        loop {
            if let Some(mut it) = objs.begin_fused() {
                let mut err = None;
                while it.next_attr(&mut err).is_some() {}
                if err.is_none() && !it.bailed() {
                    out.push(Ok(objs.finish_fused(&it)));
                    continue;
                }
            }
            match objs.next() {
                Some(r) => out.push(r),
                None => return out,
            }
        }
    }

    /// The one-pass reading finds every object of the real dumps where
    /// the object iterator does, mostly without falling back; also with
    /// CRLF line ends (blank `\r\n` lines end objects in one pass too).
    #[test]
    fn fused_objects_on_real_data() {
        let Some(dir) = data_dir() else { return };
        let lf = std::fs::read(dir.join("irr/dn42/dn42-registry.rpsl")).unwrap();
        let crlf = String::from_utf8(lf.clone()).unwrap().replace('\n', "\r\n");
        for text in [lf, crlf.into_bytes()] {
            fused_real(&text);
        }
    }

    fn fused_real(text: &[u8]) {
        assert_eq!(fused_raw(text), objects(text).collect::<Vec<_>>());
        let one_by_one: Vec<_> = objects(text)
            .map(|r| r.and_then(|raw| typed_raw(&raw)))
            .collect();
        assert_eq!(objects(text).typed().collect::<Vec<_>>(), one_by_one);
        let mut objs = objects(text);
        let (mut one_pass, mut again) = (0, 0);
        while let Some(mut it) = objs.begin_fused() {
            let mut err = None;
            while it.next_attr(&mut err).is_some() {}
            if err.is_none() && !it.bailed() {
                objs.finish_fused(&it);
                one_pass += 1;
            } else {
                again += 1;
                objs.next();
            }
        }
        assert_eq!(one_pass + again, 15_716);
        assert!(again < 300, "{again} objects read again");
    }

    /// The slow reference of [`parse_v4_loose`]: split, then parse.
    fn v4_loose_split(s: &str) -> Option<Ipv4Addr> {
        let mut octets = [0u8; 4];
        let mut n = 0;
        for part in s.split('.') {
            if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *octets.get_mut(n)? = part.parse::<u8>().ok()?;
            n += 1;
        }
        (n == 4).then(|| Ipv4Addr::from(octets))
    }

    /// The slow reference of [`tag_of`]: the first name equal ignoring
    /// ASCII case.
    fn tag_linear(name: &[u8]) -> Tag {
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(Tag::Other, |(_, t)| *t)
    }

    #[test]
    fn every_name_has_its_own_slot() {
        let mut slots: Vec<usize> = NAMES.iter().map(|(n, _)| slot(const_key(n))).collect();
        slots.sort_unstable();
        slots.dedup();
        assert_eq!(slots.len(), NAMES.len(), "a slot is shared");
        for (n, t) in NAMES {
            assert_eq!(tag_of(n), t);
            assert_eq!(tag_of(&n.to_ascii_uppercase()), t);
            let mixed: Vec<u8> = n
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    if i % 2 == 0 {
                        b.to_ascii_uppercase()
                    } else {
                        *b
                    }
                })
                .collect();
            assert_eq!(tag_of(&mixed), t);
            // One byte off, one byte more or less: no tag.
            assert_eq!(tag_of(&n[1..]), tag_linear(&n[1..]));
            assert_eq!(tag_of(&[n, &b"x"[..]].concat()), Tag::Other);
            let mut cr = n.to_vec();
            if let Some(p) = cr.iter().position(|b| *b == b'-') {
                cr[p] = b'\r';
                assert_eq!(tag_of(&cr), Tag::Other);
            }
        }
        assert_eq!(tag_of(b""), Tag::Other);
        assert_eq!(tag_of(b"remarks"), Tag::Other);
        assert_eq!(tag_of(&[0u8; 5]), Tag::Other);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// [`parse_v4_loose`] is split-then-parse.
        #[test]
        fn v4_loose_matches_split(s in "[0-9.]{0,18}|([0-9]{1,4}\\.){3}[0-9]{1,4}|[0-9. x\u{e9}]{0,16}") {
            proptest::prop_assert_eq!(parse_v4_loose(&s), v4_loose_split(&s));
        }

        /// The one-pass typed iterator gives what `typed_raw` gives for each
        /// object the object iterator yields (errors, lines, ends), on dumps
        /// with blank-looking lines, comments, continuation lines, CRLF,
        /// stray bytes and bad lines; from bytes and from `&str`.
        #[test]
        fn typed_iterator_matches_one_by_one(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "\n", "\n", "\n", "\r\n", " ", "\t", "\u{b}", "\u{c}", "#", "%", "+", ":", "a", "-",
                "\u{e9}", "route: 192.0.2.0/24\n", "origin: AS1\n", "mnt-by: A-MNT, B\n",
                "source: x\n", "aut-num: AS1\n", "import: from AS1 accept ANY\n",
                "mntner: M\n", "descr: d # c\n", " cont\n", "+ more\n", "\t\n", "  \n", "% c\n",
                "# c\n", "*xxte: a\n", "remarks: r\n", "inetnum: 10.0.0.0 - 10.0.0.255\n",
                "as-set: AS-X\n", "members: AS1, AS-Y\n", "bad line\n",
            ]),
            0..80,
        )) {
            let text: String = parts.concat();
            let one_by_one: Vec<_> = objects(text.as_bytes())
                .map(|r| r.and_then(|raw| typed_raw(&raw)))
                .collect();
            proptest::prop_assert_eq!(&objects(text.as_bytes()).typed().collect::<Vec<_>>(), &one_by_one);
            proptest::prop_assert_eq!(&objects_str(&text).typed().collect::<Vec<_>>(), &one_by_one);
            // The objects themselves: the same bytes, lines and errors.
            proptest::prop_assert_eq!(fused_raw(text.as_bytes()), objects(text.as_bytes()).collect::<Vec<_>>());
        }

        /// [`tag_of`] is the linear lookup, on names close to the real ones
        /// and on any bytes.
        #[test]
        fn tag_of_matches_linear(
            pick in 0usize..47,
            edits in proptest::collection::vec((0usize..16, proptest::prelude::any::<u8>()), 0..3),
            any in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..16),
            upper in proptest::prelude::any::<bool>(),
        ) {
            let mut name = NAMES[pick].0.to_vec();
            if upper {
                name.make_ascii_uppercase();
            }
            for (at, b) in edits {
                if let Some(c) = name.get_mut(at) {
                    *c = b;
                }
            }
            proptest::prop_assert_eq!(tag_of(&name), tag_linear(&name));
            proptest::prop_assert_eq!(tag_of(&any), tag_linear(&any));
        }

        /// [`ListItems`] splits as `Attribute::items` does (Unicode whitespace
        /// included).
        #[test]
        fn items_match_attribute_items(v in "[a,\\t\\n\\x0b\\x0c\\r \u{a0}\u{85}\u{2003}\u{e9}\u{3000}b]{0,24}") {
            let a = Attribute { name: "members".into(), value: v.clone(), line: 1 };
            let want: Vec<&str> = a.items().collect();
            let got: Vec<&str> = ListItems::new(&v).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// Random objects of typed and untyped classes, well formed or not:
        /// `typed_raw` gives what `typed(&to_object())` gives.
        #[test]
        fn typed_raw_matches_typed(lines in proptest::collection::vec(attr_line(), 1..8)) {
            let text = lines.concat();
            for raw in objects(text.as_bytes()).flatten() {
                proptest::prop_assert_eq!(typed_raw(&raw), via_owned(&raw));
                if let (Ok(o), Ok(t)) = (raw.to_object(), typed_raw(&raw)) {
                    check_fields(&o, &t);
                }
            }
            let one_by_one: Vec<_> = objects(text.as_bytes())
                .map(|r| r.and_then(|raw| typed_raw(&raw)))
                .collect();
            proptest::prop_assert_eq!(objects(text.as_bytes()).typed().collect::<Vec<_>>(), one_by_one);
        }
    }
}
