//! RPSL objects (RFC 2622, RFC 4012 for the `mp-*` attributes, RFC 2725
//! for `mnt-by`): the generic attribute list every object has, and typed
//! views of the classes routing security needs.
//!
//! Names of classes and attributes are case-insensitive in RPSL; they are
//! stored lowercased. Set names compare case-insensitively ([`SetName::key`]).

use std::borrow::Cow;
use std::fmt;

use crate::model::{Asn, Prefix};

/// The object classes routeguard types. Anything else is [`ObjectClass::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ObjectClass {
    /// `route`: an IPv4 prefix and its origin AS.
    Route,
    /// `route6`: an IPv6 prefix and its origin AS.
    Route6,
    /// `aut-num`: an AS and its routing policy.
    AutNum,
    /// `as-set`: a set of ASes and as-sets.
    AsSet,
    /// `route-set`: a set of prefixes (with range operators) and sets.
    RouteSet,
    /// `mntner`: who may change objects.
    Mntner,
    /// `person`: a contact.
    Person,
    /// `role`: a contact for a function (NOC, abuse).
    Role,
    /// `organisation`: an organisation (RIPE schema).
    Organisation,
    /// `irt`: an incident response team.
    Irt,
    /// `inetnum`: an IPv4 address range.
    Inetnum,
    /// `inet6num`: an IPv6 address block.
    Inet6num,
    /// Any other class, kept as a generic object.
    Other,
}

impl ObjectClass {
    /// Every typed class (without [`ObjectClass::Other`]).
    pub const TYPED: [ObjectClass; 12] = [
        ObjectClass::Route,
        ObjectClass::Route6,
        ObjectClass::AutNum,
        ObjectClass::AsSet,
        ObjectClass::RouteSet,
        ObjectClass::Mntner,
        ObjectClass::Person,
        ObjectClass::Role,
        ObjectClass::Organisation,
        ObjectClass::Irt,
        ObjectClass::Inetnum,
        ObjectClass::Inet6num,
    ];

    /// The RPSL class name (`route`, `aut-num`, …; `other` for [`ObjectClass::Other`]).
    pub fn name(self) -> &'static str {
        match self {
            ObjectClass::Route => "route",
            ObjectClass::Route6 => "route6",
            ObjectClass::AutNum => "aut-num",
            ObjectClass::AsSet => "as-set",
            ObjectClass::RouteSet => "route-set",
            ObjectClass::Mntner => "mntner",
            ObjectClass::Person => "person",
            ObjectClass::Role => "role",
            ObjectClass::Organisation => "organisation",
            ObjectClass::Irt => "irt",
            ObjectClass::Inetnum => "inetnum",
            ObjectClass::Inet6num => "inet6num",
            ObjectClass::Other => "other",
        }
    }

    /// The class of a class name, case-insensitively; unknown names give
    /// [`ObjectClass::Other`].
    pub fn from_name(name: &str) -> ObjectClass {
        ObjectClass::TYPED
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
            .unwrap_or(ObjectClass::Other)
    }
}

impl fmt::Display for ObjectClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One attribute of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The name, lowercased (`mnt-by`, `mp-import`).
    pub name: String,
    /// The value: the first line and its continuation lines, each trimmed and
    /// with `#` comments removed, joined by `\n`. Empty lines of a multi-line
    /// value are dropped.
    pub value: String,
    /// The 1-based line of the attribute name in the input.
    pub line: usize,
}

impl Attribute {
    /// The value split into list items (on commas and whitespace), as for
    /// `members`, `mnt-by`, `member-of`.
    pub fn items(&self) -> impl Iterator<Item = &str> {
        self.value
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
    }
}

/// An object as written: its class and its attributes in order. The first
/// attribute names the class and holds the primary key (for `route`/`route6`
/// the key is prefix and `origin`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpslObject {
    /// The attributes, in input order; never empty.
    pub attributes: Vec<Attribute>,
    /// The 1-based line of the first attribute.
    pub line: usize,
}

impl RpslObject {
    /// The class name, lowercased (the first attribute's name).
    pub fn class_name(&self) -> &str {
        self.attributes.first().map_or("", |a| a.name.as_str())
    }

    /// The typed class.
    pub fn class(&self) -> ObjectClass {
        ObjectClass::from_name(self.class_name())
    }

    /// The value of the first attribute (the primary key, except for routes
    /// whose key also includes `origin`).
    pub fn key(&self) -> &str {
        self.attributes.first().map_or("", |a| a.value.as_str())
    }

    /// The first value of an attribute (name matched case-insensitively).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.value.as_str())
    }

    /// Every value of an attribute, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attributes
            .iter()
            .filter(move |a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.value.as_str())
    }

    /// The `source:` value, uppercased; `None` when absent.
    pub fn source(&self) -> Option<String> {
        self.get("source")
            .and_then(|s| s.split_whitespace().next())
            .map(|s| s.to_ascii_uppercase())
    }
}

/// A set name, possibly hierarchical (`AS65000:AS-FOO`) and possibly
/// scoped to a source (`RIPE::AS-FOO`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SetName {
    /// The source scope of `SOURCE::NAME`, uppercased.
    pub source: Option<String>,
    /// The name as written (without the source scope).
    pub name: String,
}

impl SetName {
    /// The case-insensitive lookup key: the name uppercased.
    pub fn key(&self) -> String {
        self.name.to_ascii_uppercase()
    }
}

impl fmt::Display for SetName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(s) => write!(f, "{s}::{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// An RPSL range operator (RFC 2622 §2) on a prefix or a set name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RangeOp {
    /// No operator: the prefix itself.
    #[default]
    None,
    /// `^-`: the more-specifics, excluding the prefix itself.
    Minus,
    /// `^+`: the prefix and its more-specifics.
    Plus,
    /// `^n`: the more-specifics of length `n` exactly.
    Length(u8),
    /// `^n-m`: the more-specifics of lengths `n` to `m`.
    Range(u8, u8),
}

impl fmt::Display for RangeOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeOp::None => Ok(()),
            RangeOp::Minus => f.write_str("^-"),
            RangeOp::Plus => f.write_str("^+"),
            RangeOp::Length(n) => write!(f, "^{n}"),
            RangeOp::Range(n, m) => write!(f, "^{n}-{m}"),
        }
    }
}

/// A member of an `as-set` or `route-set`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Member {
    /// An AS number.
    Asn(Asn),
    /// An AS number with a range operator (route-set members like `AS65000^+`).
    AsnRange(Asn, RangeOp),
    /// Another set (`AS-FOO`, `RS-BAR^+`, `RIPE::AS-BAZ`).
    Set(SetName, RangeOp),
    /// A prefix with an optional range operator (route-sets only).
    Prefix(Prefix, RangeOp),
    /// The keyword `ANY` (or `RS-ANY`/`AS-ANY`).
    Any,
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Member::Asn(a) => write!(f, "{a}"),
            Member::AsnRange(a, op) => write!(f, "{a}{op}"),
            Member::Set(s, op) => write!(f, "{s}{op}"),
            Member::Prefix(p, op) => write!(f, "{p}{op}"),
            Member::Any => f.write_str("ANY"),
        }
    }
}

/// A text borrowed from the input when it can be (a one-line value), owned
/// when it had to be built (a value with continuation lines, an
/// uppercased `source:`).
pub type Text<'a> = Cow<'a, str>;

/// A borrowed text made owned (for `into_owned`).
fn own(t: Text<'_>) -> Text<'static> {
    Cow::Owned(t.into_owned())
}

/// Borrowed texts made owned.
fn own_all(v: Vec<Text<'_>>) -> Vec<Text<'static>> {
    v.into_iter().map(own).collect()
}

/// The list items of a value: split on commas and whitespace (Unicode
/// whitespace included, as [`Attribute::items`] does), empty items
/// dropped. Bytes are compared directly; only non-ASCII characters are
/// decoded.
#[derive(Clone, Debug)]
pub struct ListItems<'a> {
    rest: &'a str,
}

impl<'a> ListItems<'a> {
    /// The items of `value`.
    pub fn new(value: &'a str) -> ListItems<'a> {
        ListItems { rest: value }
    }
}

impl<'a> Iterator for ListItems<'a> {
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

/// The items of a list attribute (`mnt-by: A-MNT, B-MNT`, `admin-c:`,
/// `tech-c:`…), in order: its values, split on commas and whitespace when
/// read ([`List::iter`]). Borrowed from the input when the attribute
/// appears once (no allocation); the values of a repeated attribute are
/// joined by a newline. Compares by its items.
///
/// ```
/// use routeguard::model::rpsl::List;
///
/// let l = List::from("A-MNT, B-MNT\nC-MNT");
/// assert_eq!(l.len(), 3);
/// assert_eq!(l, ["A-MNT", "B-MNT", "C-MNT"]);
/// assert_eq!(l.first(), Some("A-MNT"));
/// ```
#[derive(Clone, Default)]
pub struct List<'a>(Text<'a>);

impl<'a> List<'a> {
    /// The items.
    pub fn iter(&self) -> ListItems<'_> {
        ListItems::new(&self.0)
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there is no item.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The first item.
    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    /// Whether an item is `item` (exactly).
    pub fn contains(&self, item: &str) -> bool {
        self.iter().any(|i| i == item)
    }

    /// The items, owned.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// The values as written (cleaned), joined by newlines.
    pub fn as_text(&self) -> &str {
        &self.0
    }

    /// The items of a value.
    pub(crate) fn from_text(value: Text<'a>) -> List<'a> {
        List(value)
    }

    /// Adds the items of one more value.
    pub(crate) fn push_value(&mut self, value: &Text<'a>) {
        if self.0.is_empty() {
            // Still borrowed when `value` is (a `Cow` clone copies the
            // reference).
            self.0 = value.clone();
        } else if !value.is_empty() {
            let joined = self.0.to_mut();
            joined.push('\n');
            joined.push_str(value);
        }
    }

    /// The same list owning its text.
    pub fn into_owned(self) -> List<'static> {
        List(own(self.0))
    }
}

impl<'a> From<&'a str> for List<'a> {
    /// The items of a value (`"A-MNT, B-MNT"`).
    fn from(value: &'a str) -> List<'a> {
        List(Cow::Borrowed(value))
    }
}

impl<'l> IntoIterator for &'l List<'_> {
    type Item = &'l str;
    type IntoIter = ListItems<'l>;
    fn into_iter(self) -> ListItems<'l> {
        self.iter()
    }
}

impl PartialEq for List<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for List<'_> {}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for List<'_> {
    fn eq(&self, other: &[S; N]) -> bool {
        self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for List<'_> {
    fn eq(&self, other: &Vec<S>) -> bool {
        self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl fmt::Debug for List<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A `route` or `route6` object. Texts borrow from the parsed input; call
/// [`RouteObject::into_owned`] to keep it longer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteObject<'a> {
    /// The prefix.
    pub prefix: Prefix,
    /// The origin AS.
    pub origin: Asn,
    /// `member-of:` route-sets.
    pub member_of: Vec<SetName>,
    /// `mnt-by:` maintainers.
    pub mnt_by: List<'a>,
    /// `holes:` (or `mp-holes:`) prefixes.
    pub holes: Vec<Prefix>,
    /// `max-length:` (dn42 schema), when present.
    pub max_length: Option<u8>,
    /// `descr:` lines.
    pub descr: Vec<Text<'a>>,
    /// `source:`, uppercased (empty when missing and lenient).
    pub source: Text<'a>,
}

impl RouteObject<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> RouteObject<'static> {
        RouteObject {
            prefix: self.prefix,
            origin: self.origin,
            member_of: self.member_of,
            mnt_by: self.mnt_by.into_owned(),
            holes: self.holes,
            max_length: self.max_length,
            descr: own_all(self.descr),
            source: own(self.source),
        }
    }
}

/// Which kind of policy line an `aut-num` attribute is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyKind {
    /// `import:`
    Import,
    /// `export:`
    Export,
    /// `mp-import:`
    MpImport,
    /// `mp-export:`
    MpExport,
    /// `default:`
    Default,
    /// `mp-default:`
    MpDefault,
    /// `import-via:` (draft-ietf-grow-rpsl-via)
    ImportVia,
    /// `export-via:`
    ExportVia,
}

impl PolicyKind {
    /// The attribute name.
    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Import => "import",
            PolicyKind::Export => "export",
            PolicyKind::MpImport => "mp-import",
            PolicyKind::MpExport => "mp-export",
            PolicyKind::Default => "default",
            PolicyKind::MpDefault => "mp-default",
            PolicyKind::ImportVia => "import-via",
            PolicyKind::ExportVia => "export-via",
        }
    }

    /// Every kind.
    pub const ALL: [PolicyKind; 8] = [
        PolicyKind::Import,
        PolicyKind::Export,
        PolicyKind::MpImport,
        PolicyKind::MpExport,
        PolicyKind::Default,
        PolicyKind::MpDefault,
        PolicyKind::ImportVia,
        PolicyKind::ExportVia,
    ];

    /// The kind of an attribute name, case-insensitively.
    pub fn from_name(name: &str) -> Option<PolicyKind> {
        PolicyKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }
}

/// An address family of an `mp-*` policy (`afi ipv4.unicast, ipv6`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Afi {
    /// `ipv4` or `ipv4.unicast`/`ipv4.multicast`.
    Ipv4,
    /// `ipv6` or `ipv6.unicast`/`ipv6.multicast`.
    Ipv6,
    /// `any` (and `any.unicast`).
    Any,
}

/// The peering of a policy term: who the routes come from or go to.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Peer {
    /// One AS (`from AS65001`).
    Asn(Asn),
    /// An as-set or peering-set (`from AS-FOO`, `to prng-bar`).
    Set(SetName),
    /// `AS-ANY` / `ANY`.
    Any,
    /// A more complex peering expression, kept as text.
    Expr(String),
}

/// One `from … accept …` / `to … announce …` clause of a policy line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyTerm {
    /// The peer AS or set (the first AS expression of the peering).
    pub peer: Peer,
    /// The rest of the peering text after the AS expression (router
    /// addresses, `at …`), trimmed; empty when none.
    pub peering: String,
    /// The `action` text, without the keyword; empty when none.
    pub action: String,
    /// The filter text after `accept`/`announce`, trimmed.
    pub filter: String,
}

/// A policy expression parsed (by `parse::rpsl::parse_policy_line`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Which attribute.
    pub kind: PolicyKind,
    /// The `afi` list of `mp-*` lines; empty means the default (IPv4 unicast
    /// for `import`/`export`, as RFC 4012 §2.5 says).
    pub afi: Vec<Afi>,
    /// The terms (never empty); a line with a `{ … }` block or
    /// `refine`/`except` gives several.
    pub terms: Vec<PolicyTerm>,
    /// The mediator (intermediate AS or set, optionally with router
    /// addresses) of `import-via`/`export-via` lines, as written; empty for
    /// other kinds.
    pub via: String,
    /// The 1-based line of the attribute.
    pub line: usize,
}

/// One policy attribute of an `aut-num`: its kind and its text. The
/// policy expression is parsed when asked (`parse::rpsl::parse_policy_line`): most
/// users of an aut-num (indexes, contact lookups, set expansion) never read
/// it, and AS3257 alone has 9,546 of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyLine<'a> {
    /// Which attribute.
    pub kind: PolicyKind,
    /// The whole value, as in [`Attribute::value`].
    pub text: Text<'a>,
    /// The 1-based line of the attribute.
    pub line: usize,
}

impl PolicyLine<'_> {
    /// The same line owning its text.
    pub fn into_owned(self) -> PolicyLine<'static> {
        PolicyLine {
            kind: self.kind,
            text: own(self.text),
            line: self.line,
        }
    }
}

/// An `aut-num` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutNum<'a> {
    /// The AS.
    pub asn: Asn,
    /// `as-name:`.
    pub as_name: Text<'a>,
    /// `descr:` lines.
    pub descr: Vec<Text<'a>>,
    /// Every policy attribute, in order.
    pub policy: Vec<PolicyLine<'a>>,
    /// `member-of:` as-sets.
    pub member_of: Vec<SetName>,
    /// `admin-c:` handles.
    pub admin_c: List<'a>,
    /// `tech-c:` handles.
    pub tech_c: List<'a>,
    /// `abuse-c:` handle.
    pub abuse_c: Option<Text<'a>>,
    /// `org:` handle.
    pub org: Option<Text<'a>>,
    /// `mnt-by:` maintainers.
    pub mnt_by: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl AutNum<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> AutNum<'static> {
        AutNum {
            asn: self.asn,
            as_name: own(self.as_name),
            descr: own_all(self.descr),
            policy: self
                .policy
                .into_iter()
                .map(PolicyLine::into_owned)
                .collect(),
            member_of: self.member_of,
            admin_c: self.admin_c.into_owned(),
            tech_c: self.tech_c.into_owned(),
            abuse_c: self.abuse_c.map(own),
            org: self.org.map(own),
            mnt_by: self.mnt_by.into_owned(),
            source: own(self.source),
        }
    }
}

/// Which kind of set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetKind {
    /// `as-set`.
    AsSet,
    /// `route-set`.
    RouteSet,
}

/// An `as-set` or `route-set` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetObject<'a> {
    /// Which kind.
    pub kind: SetKind,
    /// The set's name (never source-scoped).
    pub name: SetName,
    /// `members:` (and for route-sets `mp-members:`), in order.
    pub members: Vec<Member>,
    /// `mbrs-by-ref:` maintainers (`ANY` kept as `"ANY"`).
    pub mbrs_by_ref: List<'a>,
    /// `member-of:` sets.
    pub member_of: Vec<SetName>,
    /// `mnt-by:`.
    pub mnt_by: List<'a>,
    /// `admin-c:`.
    pub admin_c: List<'a>,
    /// `tech-c:`.
    pub tech_c: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl SetObject<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> SetObject<'static> {
        SetObject {
            kind: self.kind,
            name: self.name,
            members: self.members,
            mbrs_by_ref: self.mbrs_by_ref.into_owned(),
            member_of: self.member_of,
            mnt_by: self.mnt_by.into_owned(),
            admin_c: self.admin_c.into_owned(),
            tech_c: self.tech_c.into_owned(),
            source: own(self.source),
        }
    }
}

/// A `mntner` object (authentication hashes are not kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mntner<'a> {
    /// The maintainer name.
    pub name: Text<'a>,
    /// The `auth:` schemes (`BCRYPT-PW`, `PGPKEY-…`, `MD5-PW`, `SSO`, …),
    /// uppercased, without the secret part.
    pub auth_schemes: Vec<Text<'a>>,
    /// `upd-to:` addresses.
    pub upd_to: List<'a>,
    /// `admin-c:`.
    pub admin_c: List<'a>,
    /// `tech-c:`.
    pub tech_c: List<'a>,
    /// `mnt-by:`.
    pub mnt_by: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl Mntner<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> Mntner<'static> {
        Mntner {
            name: own(self.name),
            auth_schemes: own_all(self.auth_schemes),
            upd_to: self.upd_to.into_owned(),
            admin_c: self.admin_c.into_owned(),
            tech_c: self.tech_c.into_owned(),
            mnt_by: self.mnt_by.into_owned(),
            source: own(self.source),
        }
    }
}

/// A `person` or `role` object: a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact<'a> {
    /// [`ObjectClass::Person`] or [`ObjectClass::Role`].
    pub class: ObjectClass,
    /// The `person:`/`role:` name.
    pub name: Text<'a>,
    /// `nic-hdl:`.
    pub nic_hdl: Text<'a>,
    /// `e-mail:` addresses.
    pub email: Vec<Text<'a>>,
    /// `abuse-mailbox:` addresses.
    pub abuse_mailbox: Vec<Text<'a>>,
    /// `phone:` numbers.
    pub phone: Vec<Text<'a>>,
    /// `mnt-by:`.
    pub mnt_by: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl Contact<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> Contact<'static> {
        Contact {
            class: self.class,
            name: own(self.name),
            nic_hdl: own(self.nic_hdl),
            email: own_all(self.email),
            abuse_mailbox: own_all(self.abuse_mailbox),
            phone: own_all(self.phone),
            mnt_by: self.mnt_by.into_owned(),
            source: own(self.source),
        }
    }
}

/// An `organisation` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation<'a> {
    /// `organisation:` handle.
    pub id: Text<'a>,
    /// `org-name:`.
    pub name: Text<'a>,
    /// `org-type:`.
    pub org_type: Option<Text<'a>>,
    /// `abuse-c:`.
    pub abuse_c: Option<Text<'a>>,
    /// `e-mail:` addresses.
    pub email: Vec<Text<'a>>,
    /// `mnt-by:`.
    pub mnt_by: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl Organisation<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> Organisation<'static> {
        Organisation {
            id: own(self.id),
            name: own(self.name),
            org_type: self.org_type.map(own),
            abuse_c: self.abuse_c.map(own),
            email: own_all(self.email),
            mnt_by: self.mnt_by.into_owned(),
            source: own(self.source),
        }
    }
}

/// An `irt` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Irt<'a> {
    /// `irt:` name.
    pub name: Text<'a>,
    /// `abuse-mailbox:` addresses.
    pub abuse_mailbox: Vec<Text<'a>>,
    /// `e-mail:` addresses.
    pub email: Vec<Text<'a>>,
    /// `mnt-by:`.
    pub mnt_by: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl Irt<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> Irt<'static> {
        Irt {
            name: own(self.name),
            abuse_mailbox: own_all(self.abuse_mailbox),
            email: own_all(self.email),
            mnt_by: self.mnt_by.into_owned(),
            source: own(self.source),
        }
    }
}

/// An `inetnum` or `inet6num` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InetNum<'a> {
    /// [`ObjectClass::Inetnum`] or [`ObjectClass::Inet6num`].
    pub class: ObjectClass,
    /// The first address of the range.
    pub first: std::net::IpAddr,
    /// The last address of the range.
    pub last: std::net::IpAddr,
    /// `netname:`.
    pub netname: Text<'a>,
    /// `country:` codes.
    pub country: List<'a>,
    /// `org:`.
    pub org: Option<Text<'a>>,
    /// `admin-c:`.
    pub admin_c: List<'a>,
    /// `tech-c:`.
    pub tech_c: List<'a>,
    /// `abuse-c:`.
    pub abuse_c: Option<Text<'a>>,
    /// `status:`.
    pub status: Option<Text<'a>>,
    /// `mnt-by:`.
    pub mnt_by: List<'a>,
    /// `source:`, uppercased.
    pub source: Text<'a>,
}

impl InetNum<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> InetNum<'static> {
        InetNum {
            class: self.class,
            first: self.first,
            last: self.last,
            netname: own(self.netname),
            country: self.country.into_owned(),
            org: self.org.map(own),
            admin_c: self.admin_c.into_owned(),
            tech_c: self.tech_c.into_owned(),
            abuse_c: self.abuse_c.map(own),
            status: self.status.map(own),
            mnt_by: self.mnt_by.into_owned(),
            source: own(self.source),
        }
    }
}

/// A typed object; classes without a type stay generic. Texts borrow from
/// what was parsed (the input of [`crate::parse::rpsl::typed_raw`], the
/// object given to [`crate::parse::rpsl::typed`]); [`TypedObject::into_owned`]
/// detaches it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TypedObject<'a> {
    /// `route` / `route6`.
    Route(RouteObject<'a>),
    /// `aut-num`.
    AutNum(AutNum<'a>),
    /// `as-set` / `route-set`.
    Set(SetObject<'a>),
    /// `mntner`.
    Mntner(Mntner<'a>),
    /// `person` / `role`.
    Contact(Contact<'a>),
    /// `organisation`.
    Organisation(Organisation<'a>),
    /// `irt`.
    Irt(Irt<'a>),
    /// `inetnum` / `inet6num`.
    InetNum(InetNum<'a>),
    /// Any other class.
    Other(RpslObject),
}

impl TypedObject<'_> {
    /// The same object owning its texts.
    pub fn into_owned(self) -> TypedObject<'static> {
        match self {
            TypedObject::Route(o) => TypedObject::Route(o.into_owned()),
            TypedObject::AutNum(o) => TypedObject::AutNum(o.into_owned()),
            TypedObject::Set(o) => TypedObject::Set(o.into_owned()),
            TypedObject::Mntner(o) => TypedObject::Mntner(o.into_owned()),
            TypedObject::Contact(o) => TypedObject::Contact(o.into_owned()),
            TypedObject::Organisation(o) => TypedObject::Organisation(o.into_owned()),
            TypedObject::Irt(o) => TypedObject::Irt(o.into_owned()),
            TypedObject::InetNum(o) => TypedObject::InetNum(o.into_owned()),
            TypedObject::Other(o) => TypedObject::Other(o),
        }
    }
}
