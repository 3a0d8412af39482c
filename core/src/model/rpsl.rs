//! RPSL objects (RFC 2622, RFC 4012 for the `mp-*` attributes, RFC 2725
//! for `mnt-by`): the generic attribute list every object has, and typed
//! views of the classes routing security needs.
//!
//! Names of classes and attributes are case-insensitive in RPSL; they are
//! stored lowercased. Set names compare case-insensitively ([`SetName::key`]).

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

    /// The typed view (see [`crate::parse::rpsl::typed`]).
    pub fn typed(&self) -> Result<TypedObject, crate::parse::ParseError> {
        crate::parse::rpsl::typed(self)
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

/// A `route` or `route6` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteObject {
    /// The prefix.
    pub prefix: Prefix,
    /// The origin AS.
    pub origin: Asn,
    /// `member-of:` route-sets.
    pub member_of: Vec<SetName>,
    /// `mnt-by:` maintainers.
    pub mnt_by: Vec<String>,
    /// `holes:` (or `mp-holes:`) prefixes.
    pub holes: Vec<Prefix>,
    /// `max-length:` (dn42 schema), when present.
    pub max_length: Option<u8>,
    /// `descr:` lines.
    pub descr: Vec<String>,
    /// `source:`, uppercased (empty when missing and lenient).
    pub source: String,
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

/// One policy attribute of an `aut-num`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyLine {
    /// Which attribute.
    pub kind: PolicyKind,
    /// The `afi` list of `mp-*` lines; empty means the default (IPv4 unicast
    /// for `import`/`export`, as RFC 4012 §2.5 says).
    pub afi: Vec<Afi>,
    /// The terms; a line with a `{ … }` block or `refine`/`except` gives
    /// several. Empty when the line could not be parsed (see `text`).
    pub terms: Vec<PolicyTerm>,
    /// The mediator (intermediate AS or set, optionally with router
    /// addresses) of `import-via`/`export-via` lines, as written; empty for
    /// other kinds.
    pub via: String,
    /// The whole value, as in [`Attribute::value`].
    pub text: String,
    /// The 1-based line of the attribute.
    pub line: usize,
}

/// An `aut-num` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutNum {
    /// The AS.
    pub asn: Asn,
    /// `as-name:`.
    pub as_name: String,
    /// `descr:` lines.
    pub descr: Vec<String>,
    /// Every policy attribute, in order.
    pub policy: Vec<PolicyLine>,
    /// `member-of:` as-sets.
    pub member_of: Vec<SetName>,
    /// `admin-c:` handles.
    pub admin_c: Vec<String>,
    /// `tech-c:` handles.
    pub tech_c: Vec<String>,
    /// `abuse-c:` handle.
    pub abuse_c: Option<String>,
    /// `org:` handle.
    pub org: Option<String>,
    /// `mnt-by:` maintainers.
    pub mnt_by: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
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
pub struct SetObject {
    /// Which kind.
    pub kind: SetKind,
    /// The set's name (never source-scoped).
    pub name: SetName,
    /// `members:` (and for route-sets `mp-members:`), in order.
    pub members: Vec<Member>,
    /// `mbrs-by-ref:` maintainers (`ANY` kept as `"ANY"`).
    pub mbrs_by_ref: Vec<String>,
    /// `member-of:` sets.
    pub member_of: Vec<SetName>,
    /// `mnt-by:`.
    pub mnt_by: Vec<String>,
    /// `admin-c:`.
    pub admin_c: Vec<String>,
    /// `tech-c:`.
    pub tech_c: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
}

/// A `mntner` object (authentication hashes are not kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mntner {
    /// The maintainer name.
    pub name: String,
    /// The `auth:` schemes (`BCRYPT-PW`, `PGPKEY-…`, `MD5-PW`, `SSO`, …),
    /// without the secret part.
    pub auth_schemes: Vec<String>,
    /// `upd-to:` addresses.
    pub upd_to: Vec<String>,
    /// `admin-c:`.
    pub admin_c: Vec<String>,
    /// `tech-c:`.
    pub tech_c: Vec<String>,
    /// `mnt-by:`.
    pub mnt_by: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
}

/// A `person` or `role` object: a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// [`ObjectClass::Person`] or [`ObjectClass::Role`].
    pub class: ObjectClass,
    /// The `person:`/`role:` name.
    pub name: String,
    /// `nic-hdl:`.
    pub nic_hdl: String,
    /// `e-mail:` addresses.
    pub email: Vec<String>,
    /// `abuse-mailbox:` addresses.
    pub abuse_mailbox: Vec<String>,
    /// `phone:` numbers.
    pub phone: Vec<String>,
    /// `mnt-by:`.
    pub mnt_by: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
}

/// An `organisation` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    /// `organisation:` handle.
    pub id: String,
    /// `org-name:`.
    pub name: String,
    /// `org-type:`.
    pub org_type: Option<String>,
    /// `abuse-c:`.
    pub abuse_c: Option<String>,
    /// `e-mail:` addresses.
    pub email: Vec<String>,
    /// `mnt-by:`.
    pub mnt_by: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
}

/// An `irt` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Irt {
    /// `irt:` name.
    pub name: String,
    /// `abuse-mailbox:` addresses.
    pub abuse_mailbox: Vec<String>,
    /// `e-mail:` addresses.
    pub email: Vec<String>,
    /// `mnt-by:`.
    pub mnt_by: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
}

/// An `inetnum` or `inet6num` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InetNum {
    /// [`ObjectClass::Inetnum`] or [`ObjectClass::Inet6num`].
    pub class: ObjectClass,
    /// The first address of the range.
    pub first: std::net::IpAddr,
    /// The last address of the range.
    pub last: std::net::IpAddr,
    /// `netname:`.
    pub netname: String,
    /// `country:` codes.
    pub country: Vec<String>,
    /// `org:`.
    pub org: Option<String>,
    /// `admin-c:`.
    pub admin_c: Vec<String>,
    /// `tech-c:`.
    pub tech_c: Vec<String>,
    /// `abuse-c:`.
    pub abuse_c: Option<String>,
    /// `status:`.
    pub status: Option<String>,
    /// `mnt-by:`.
    pub mnt_by: Vec<String>,
    /// `source:`, uppercased.
    pub source: String,
}

/// A typed object; classes without a type stay generic.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TypedObject {
    /// `route` / `route6`.
    Route(RouteObject),
    /// `aut-num`.
    AutNum(AutNum),
    /// `as-set` / `route-set`.
    Set(SetObject),
    /// `mntner`.
    Mntner(Mntner),
    /// `person` / `role`.
    Contact(Contact),
    /// `organisation`.
    Organisation(Organisation),
    /// `irt`.
    Irt(Irt),
    /// `inetnum` / `inet6num`.
    InetNum(InetNum),
    /// Any other class.
    Other(RpslObject),
}
