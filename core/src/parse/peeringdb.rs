//! PeeringDB API JSON → typed `net`, `poc` and `org` objects.
//!
//! Source: the PeeringDB REST API (`https://www.peeringdb.com/api/`, API
//! docs at `docs.peeringdb.com`): each `GET /api/<type>` answers one page
//! `{"data": [ …objects… ], "meta": {…}}`. This module reads such a page,
//! and also a whole dump as CAIDA's PeeringDB archive and `peeringdb-py`
//! write it: `{"net": {"data": […]}, "poc": {"data": […]}, "org": {"data":
//! […]}, "ix": …}` (sections other than `net`, `poc` and `org` are skipped
//! without being kept).
//!
//! Only the fields a MANRS check needs are kept (MANRS Action 3,
//! Coordination: contacts; Action 4, Global validation: the `irr_as_set`):
//!
//! | object | fields kept |
//! |---|---|
//! | [`Net`] | `id`, `asn`, `name`, `org_id`, `irr_as_set`, `info_prefixes4`, `info_prefixes6`, `info_type`, `policy_general`, `website`, `status` |
//! | [`Poc`] | `id`, `net_id`, `role`, `visible`, `name`, `email`, `phone`, `url`, `status` |
//! | [`Org`] | `id`, `name`, `website`, `status` |
//!
//! Every other field is ignored. A text field that is `null` reads as `""`;
//! a number that is `null` or `""` reads as `None`; numbers given as
//! strings (`"4436"`) are accepted, and an ASN may be written `"AS4436"`.
//!
//! The kind of each object of a page's `data` comes from its fields, since
//! a page does not name it: an object with `role` and `net_id` is a `poc`;
//! one with `asn` and no `net_id`, `ix_id` or `ixlan_id` is a `net` (a
//! `netixlan` also has an `asn`, and a `net_id`); one with none of `asn`,
//! `role` or the foreign keys `net_id`, `org_id`, `ix_id`, `ixlan_id`,
//! `fac_id`, `carrier_id`, `campus_id` is an `org`. Anything else (an `ix`,
//! a `fac`, …) is counted in [`PdbPage::skipped`]. A caller who knows the
//! page's kind says so ([`parse_page_as`]); then every object must be of it.
//!
//! Errors ([`ParseError`]) carry the line and column serde_json reports:
//! malformed or truncated JSON is [`ParseErrorKind::Json`] (a truncated page
//! says `cut short`); valid JSON that is not a page or a dump (an array, an
//! object without `data`) is [`ParseErrorKind::WrongDocument`]; an object
//! lacking `id` (or `asn`, `net_id`, `role` where its kind needs them) or
//! with a value of the wrong type is [`ParseErrorKind::InvalidField`], at
//! the end of that object. Limits: [`MAX_OBJECTS`] objects in one input,
//! [`MAX_FIELD_LEN`] bytes in one kept text field, serde_json's nesting
//! depth of 128 ([`ParseErrorKind::Limit`] beyond the first two).
//!
//! [`parse_irr_as_set`] splits a net's `irr_as_set` into typed references.
//!
//! ```
//! use routeguard::parse::peeringdb::{parse_page, IrrRefKind, PocRole};
//! let page = br#"{"data": [
//!   {"id": 7, "net_id": 3, "role": "NOC", "visible": "Public", "email": "noc@example.net", "phone": ""},
//!   {"id": 3, "asn": 64500, "org_id": 2, "name": "Example", "irr_as_set": "RIPE::AS64500:AS-CUST"}
//! ], "meta": {}}"#;
//! let page = parse_page(page).unwrap();
//! assert_eq!(page.nets[0].asn.get(), 64500);
//! assert_eq!(page.pocs[0].role, PocRole::Noc);
//! assert!(page.pocs[0].is_operational_contact());
//! let refs = page.nets[0].irr_refs();
//! assert_eq!(refs[0].source.as_deref(), Some("RIPE"));
//! assert_eq!(refs[0].name, "AS64500:AS-CUST");
//! assert_eq!(refs[0].kind, IrrRefKind::AsSet);
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::{ParseError, ParseErrorKind};
use crate::diag::Location;
use crate::model::Asn;

/// Most objects (of every kind, skipped ones included) read from one input.
/// The full PeeringDB dump has about 200,000.
pub const MAX_OBJECTS: usize = 5_000_000;
/// Longest text field kept, in bytes.
pub const MAX_FIELD_LEN: usize = 64 * 1024;

/// A PeeringDB network (`net`): one per ASN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Net {
    /// The object's id (`poc.net_id` refers to it).
    pub id: u64,
    /// The network's ASN.
    pub asn: Asn,
    /// Its name.
    pub name: String,
    /// The organisation's id (`org.id`).
    pub org_id: Option<u64>,
    /// The IRR as-set (or sets, or aut-num) the network announces its
    /// customer cone with, as written; see [`Net::irr_refs`].
    pub irr_as_set: String,
    /// Announced IPv4 prefixes, as the network says (a max-prefix hint).
    pub info_prefixes4: Option<u64>,
    /// Announced IPv6 prefixes, as the network says.
    pub info_prefixes6: Option<u64>,
    /// Network type (`NSP`, `Content`, `Cable/DSL/ISP`, …; `""` unknown).
    pub info_type: String,
    /// General peering policy (`Open`, `Selective`, `Restrictive`, `No`).
    pub policy_general: String,
    /// Web site.
    pub website: String,
    /// Object status.
    pub status: Status,
}

impl Net {
    /// The references its `irr_as_set` names ([`parse_irr_as_set`]).
    pub fn irr_refs(&self) -> Vec<IrrRef> {
        parse_irr_as_set(&self.irr_as_set)
    }
}

/// A PeeringDB point of contact (`poc`) of a network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poc {
    /// The object's id.
    pub id: u64,
    /// The network it belongs to ([`Net::id`]).
    pub net_id: u64,
    /// Its role.
    pub role: PocRole,
    /// Who may see it.
    pub visible: Visibility,
    /// Name (of a person or a team).
    pub name: String,
    /// E-mail address as written.
    pub email: String,
    /// Phone number as written (PeeringDB asks for E.164).
    pub phone: String,
    /// Web address.
    pub url: String,
    /// Object status.
    pub status: Status,
}

impl Poc {
    /// Whether [`Poc::email`] looks usable: one `@` with text on both sides,
    /// a dot in the domain, no spaces.
    pub fn has_email(&self) -> bool {
        let e = self.email.trim();
        match e.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !e.chars().any(char::is_whitespace)
            }
            None => false,
        }
    }

    /// Whether [`Poc::phone`] looks usable: at least 5 digits.
    pub fn has_phone(&self) -> bool {
        self.phone.chars().filter(char::is_ascii_digit).count() >= 5
    }

    /// Whether anyone can reach it: visible ([`Visibility::is_visible`]),
    /// not deleted, with a usable e-mail or phone.
    pub fn is_reachable(&self) -> bool {
        self.visible.is_visible()
            && self.status != Status::Deleted
            && (self.has_email() || self.has_phone())
    }

    /// The contact MANRS Action 3 asks for: a reachable
    /// ([`Poc::is_reachable`]) NOC or Technical contact.
    pub fn is_operational_contact(&self) -> bool {
        matches!(self.role, PocRole::Noc | PocRole::Technical) && self.is_reachable()
    }
}

/// A PeeringDB organisation (`org`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Org {
    /// The object's id ([`Net::org_id`] refers to it).
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Web site.
    pub website: String,
    /// Object status.
    pub status: Status,
}

macro_rules! api_words {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $w:literal $(| $alias:literal)*),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vm])* $v,)*
            /// Any other value (kept as this, not an error: PeeringDB adds
            /// values over time).
            Other,
        }

        impl $name {
            /// Every value but [`Other`](Self::Other).
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The API's word (`Other` gives `""`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$v => $w,)*
                    $name::Other => "",
                }
            }

            /// The value of an API word (any case); an unknown word is
            /// [`Other`](Self::Other).
            pub fn from_api(s: &str) -> Self {
                let s = s.trim();
                $(if s.eq_ignore_ascii_case($w) $(|| s.eq_ignore_ascii_case($alias))* {
                    return $name::$v;
                })*
                $name::Other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

api_words! {
    /// A contact's role (`poc.role`).
    PocRole {
        /// `NOC`: the network operations centre.
        Noc => "NOC",
        /// `Technical`.
        Technical => "Technical",
        /// `Policy` (peering policy).
        Policy => "Policy",
        /// `Abuse`.
        Abuse => "Abuse",
        /// `Maintenance`.
        Maintenance => "Maintenance",
        /// `Public Relations`.
        PublicRelations => "Public Relations",
        /// `Sales`.
        Sales => "Sales",
    }
}

api_words! {
    /// Who may see a contact (`poc.visible`).
    Visibility {
        /// `Public`: anyone (the anonymous API returns only these).
        Public => "Public",
        /// `Users`: logged-in PeeringDB users.
        Users => "Users",
        /// `Private`: the network's own users.
        Private => "Private",
    }
}

api_words! {
    /// An object's status (`status`).
    Status {
        /// `ok`.
        Ok => "ok",
        /// `pending` (awaiting verification).
        Pending => "pending",
        /// `deleted`.
        Deleted => "deleted",
    }
}

impl Visibility {
    /// Public or Users: a contact MANRS counts as published (Users-visible
    /// contacts are seen by every registered PeeringDB user, which is where
    /// operators look).
    pub fn is_visible(self) -> bool {
        matches!(self, Visibility::Public | Visibility::Users)
    }
}

/// The kind of a PeeringDB object this module keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PdbKind {
    /// `net`.
    Net,
    /// `poc`.
    Poc,
    /// `org`.
    Org,
}

impl PdbKind {
    /// `net`, `poc` or `org`: the API's object type name.
    pub fn as_str(self) -> &'static str {
        match self {
            PdbKind::Net => "net",
            PdbKind::Poc => "poc",
            PdbKind::Org => "org",
        }
    }
}

impl fmt::Display for PdbKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PdbKind {
    type Err = crate::model::UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "net" => Ok(PdbKind::Net),
            "poc" => Ok(PdbKind::Poc),
            "org" => Ok(PdbKind::Org),
            _ => Err(crate::model::UnknownWord::new(
                "PeeringDB object type",
                s,
                "net, poc or org",
            )),
        }
    }
}

/// The objects of one page (or dump), in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PdbPage {
    /// The networks.
    pub nets: Vec<Net>,
    /// The contacts.
    pub pocs: Vec<Poc>,
    /// The organisations.
    pub orgs: Vec<Org>,
    /// Objects of other kinds (ix, fac, netixlan, …) that were skipped.
    pub skipped: usize,
}

impl PdbPage {
    /// Objects kept.
    pub fn len(&self) -> usize {
        self.nets.len() + self.pocs.len() + self.orgs.len()
    }

    /// Whether no object was kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads one API page or a dump, each object's kind told by its fields.
pub fn parse_page(input: &[u8]) -> Result<PdbPage, ParseError> {
    read(input, None)
}

/// Reads one API page whose objects are all of `kind` (a dump's sections
/// still name their own kinds).
pub fn parse_page_as(input: &[u8], kind: PdbKind) -> Result<PdbPage, ParseError> {
    read(input, Some(kind))
}

fn read(input: &[u8], hint: Option<PdbKind>) -> Result<PdbPage, ParseError> {
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let mut ctx = Ctx {
        hint,
        page: PdbPage::default(),
        objects: 0,
        error: None,
    };
    let mut de = serde_json::Deserializer::from_slice(input);
    let shape = match TopSeed(&mut ctx).deserialize(&mut de).and_then(|s| {
        de.end()?;
        Ok(s)
    }) {
        Ok(s) => s,
        Err(e) => return Err(json_error(e, ctx.error.take(), "value")),
    };
    match shape {
        Shape::Page | Shape::Dump => Ok(ctx.page),
        Shape::Not(found) => Err(ParseError {
            location: start_of(input),
            kind: ParseErrorKind::WrongDocument {
                expected: "a PeeringDB API page ({\"data\": [...]}) or dump ({\"net\": {\"data\": [...]}, ...})",
                found,
            },
        }),
    }
}

/// The location of the first non-whitespace byte.
pub(crate) fn start_of(input: &[u8]) -> Location {
    let mut line = 1;
    let mut col = 1;
    for b in input {
        match b {
            b'\n' => {
                line += 1;
                col = 1;
            }
            b' ' | b'\t' | b'\r' => col += 1,
            _ => break,
        }
    }
    Location { line, column: col }
}

/// A serde_json error as a [`ParseError`] at serde_json's line and column;
/// `kind` (set by a visitor that knew better) replaces the message's kind.
/// Other data errors are [`ParseErrorKind::InvalidField`] named `field`,
/// or [`ParseErrorKind::Limit`] when their message starts `limit exceeded: `.
pub(crate) fn json_error(
    e: serde_json::Error,
    kind: Option<ParseErrorKind>,
    field: &'static str,
) -> ParseError {
    let location = Location {
        line: e.line(),
        column: e.column(),
    };
    if let Some(kind) = kind {
        return ParseError { location, kind };
    }
    let mut msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    if msg.ends_with(&suffix) {
        msg.truncate(msg.len() - suffix.len());
    }
    let kind = match e.classify() {
        serde_json::error::Category::Eof => ParseErrorKind::Json(format!("cut short: {msg}")),
        serde_json::error::Category::Data => match msg.strip_prefix("limit exceeded: ") {
            Some(rest) => ParseErrorKind::Limit(rest.to_owned()),
            None => ParseErrorKind::InvalidField {
                field,
                message: msg,
            },
        },
        _ => ParseErrorKind::Json(msg),
    };
    ParseError { location, kind }
}

struct Ctx {
    hint: Option<PdbKind>,
    page: PdbPage,
    objects: usize,
    error: Option<ParseErrorKind>,
}

impl Ctx {
    fn fail<E: de::Error>(&mut self, kind: ParseErrorKind) -> E {
        let msg = kind.to_string();
        self.error = Some(kind);
        E::custom(msg)
    }
}

enum Shape {
    Page,
    Dump,
    Not(String),
}

struct TopSeed<'a>(&'a mut Ctx);

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Shape;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! not_a_page {
    ($($f:ident: $t:ty => $what:literal),*) => {
        $(fn $f<E: de::Error>(self, _: $t) -> Result<Shape, E> {
            Ok(Shape::Not($what.into()))
        })*
    };
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Shape;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a PeeringDB API page")
    }
    not_a_page!(visit_bool: bool => "a boolean", visit_i64: i64 => "a number",
        visit_u64: u64 => "a number", visit_f64: f64 => "a number", visit_str: &str => "a string");
    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Not("null".into()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::Not("an array".into()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let ctx = self.0;
        let mut shape = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "data" => {
                    let hint = ctx.hint;
                    map.next_value_seed(DataSeed { ctx, kind: hint })?;
                    shape = Some(Shape::Page);
                }
                "net" | "poc" | "org" => {
                    let kind = match &*key {
                        "net" => PdbKind::Net,
                        "poc" => PdbKind::Poc,
                        _ => PdbKind::Org,
                    };
                    map.next_value_seed(SectionSeed { ctx, kind })?;
                    if shape.is_none() {
                        shape = Some(Shape::Dump);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(shape.unwrap_or_else(|| Shape::Not("an object without \"data\"".into())))
    }
}

/// A dump's `{"data": [...]}` section of one kind.
struct SectionSeed<'a> {
    ctx: &'a mut Ctx,
    kind: PdbKind,
}

impl<'de> DeserializeSeed<'de> for SectionSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SectionSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} section {{\"data\": [...]}}", self.kind)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let ctx = self.ctx;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "data" {
                map.next_value_seed(DataSeed {
                    ctx,
                    kind: Some(self.kind),
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// A `data` array.
struct DataSeed<'a> {
    ctx: &'a mut Ctx,
    kind: Option<PdbKind>,
}

impl<'de> DeserializeSeed<'de> for DataSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of PeeringDB objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let ctx = self.ctx;
        while let Some(raw) = seq.next_element::<RawObject>()? {
            ctx.objects += 1;
            if ctx.objects > MAX_OBJECTS {
                return Err(ctx.fail(ParseErrorKind::Limit(format!(
                    "more than {MAX_OBJECTS} PeeringDB objects"
                ))));
            }
            let kind = match self.kind {
                Some(k) => Some(k),
                None => raw.classify(),
            };
            match kind {
                Some(PdbKind::Net) => {
                    let net = raw.into_net().map_err(|k| ctx.fail(k))?;
                    ctx.page.nets.push(net);
                }
                Some(PdbKind::Poc) => {
                    let poc = raw.into_poc().map_err(|k| ctx.fail(k))?;
                    ctx.page.pocs.push(poc);
                }
                Some(PdbKind::Org) => {
                    let org = raw.into_org().map_err(|k| ctx.fail(k))?;
                    ctx.page.orgs.push(org);
                }
                None => ctx.page.skipped += 1,
            }
        }
        Ok(())
    }
}

/// Every field kept of any kind, plus the foreign keys that tell kinds
/// apart.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawObject {
    #[serde(deserialize_with = "de_num")]
    id: Option<u64>,
    #[serde(deserialize_with = "de_asn")]
    asn: Option<Asn>,
    #[serde(deserialize_with = "de_text")]
    name: String,
    #[serde(deserialize_with = "de_num")]
    org_id: Option<u64>,
    #[serde(deserialize_with = "de_num")]
    net_id: Option<u64>,
    #[serde(deserialize_with = "de_text")]
    irr_as_set: String,
    #[serde(deserialize_with = "de_num")]
    info_prefixes4: Option<u64>,
    #[serde(deserialize_with = "de_num")]
    info_prefixes6: Option<u64>,
    #[serde(deserialize_with = "de_text")]
    info_type: String,
    #[serde(deserialize_with = "de_text")]
    policy_general: String,
    #[serde(deserialize_with = "de_text")]
    website: String,
    #[serde(deserialize_with = "de_text")]
    status: String,
    #[serde(deserialize_with = "de_text")]
    role: String,
    #[serde(deserialize_with = "de_text")]
    visible: String,
    #[serde(deserialize_with = "de_text")]
    email: String,
    #[serde(deserialize_with = "de_text")]
    phone: String,
    #[serde(deserialize_with = "de_text")]
    url: String,
    ix_id: Option<IgnoredAny>,
    ixlan_id: Option<IgnoredAny>,
    fac_id: Option<IgnoredAny>,
    carrier_id: Option<IgnoredAny>,
    campus_id: Option<IgnoredAny>,
}

impl RawObject {
    fn classify(&self) -> Option<PdbKind> {
        let other_fk = self.ix_id.is_some()
            || self.ixlan_id.is_some()
            || self.fac_id.is_some()
            || self.carrier_id.is_some()
            || self.campus_id.is_some();
        if !self.role.is_empty() && self.net_id.is_some() && !other_fk {
            Some(PdbKind::Poc)
        } else if self.asn.is_some() && self.net_id.is_none() && !other_fk {
            Some(PdbKind::Net)
        } else if self.asn.is_none()
            && self.role.is_empty()
            && self.net_id.is_none()
            && self.org_id.is_none()
            && !other_fk
        {
            Some(PdbKind::Org)
        } else {
            None
        }
    }

    fn need<T>(v: Option<T>, kind: &str, field: &'static str) -> Result<T, ParseErrorKind> {
        v.ok_or_else(|| ParseErrorKind::InvalidField {
            field,
            message: format!("a {kind} object needs {field:?}"),
        })
    }

    fn into_net(self) -> Result<Net, ParseErrorKind> {
        Ok(Net {
            id: Self::need(self.id, "net", "id")?,
            asn: Self::need(self.asn, "net", "asn")?,
            name: self.name,
            org_id: self.org_id,
            irr_as_set: self.irr_as_set,
            info_prefixes4: self.info_prefixes4,
            info_prefixes6: self.info_prefixes6,
            info_type: self.info_type,
            policy_general: self.policy_general,
            website: self.website,
            status: Status::from_api(&self.status),
        })
    }

    fn into_poc(self) -> Result<Poc, ParseErrorKind> {
        let role = if self.role.is_empty() {
            None
        } else {
            Some(PocRole::from_api(&self.role))
        };
        Ok(Poc {
            id: Self::need(self.id, "poc", "id")?,
            net_id: Self::need(self.net_id, "poc", "net_id")?,
            role: Self::need(role, "poc", "role")?,
            visible: Visibility::from_api(&self.visible),
            name: self.name,
            email: self.email,
            phone: self.phone,
            url: self.url,
            status: Status::from_api(&self.status),
        })
    }

    fn into_org(self) -> Result<Org, ParseErrorKind> {
        Ok(Org {
            id: Self::need(self.id, "org", "id")?,
            name: self.name,
            website: self.website,
            status: Status::from_api(&self.status),
        })
    }
}

/// Text: a string (at most [`MAX_FIELD_LEN`] bytes), `null` as `""`;
/// numbers and booleans as their text.
fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            if v.len() > MAX_FIELD_LEN {
                return Err(E::custom(format!(
                    "text field longer than {MAX_FIELD_LEN} bytes"
                )));
            }
            Ok(v.to_owned())
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

/// A non-negative integer, or a string of digits; `null` and `""` as
/// `None`.
fn de_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a non-negative integer or null")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            u64::try_from(v)
                .map(Some)
                .map_err(|_| E::custom(format!("negative number {v}")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            v.parse()
                .map(Some)
                .map_err(|_| E::custom(format!("not a number: {v:?}")))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// An ASN: a number, or a string (`"64500"`, `"AS64500"`); `null` and `""`
/// as `None`.
fn de_asn<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Asn>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<Asn>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an ASN")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            u32::try_from(v)
                .map(|v| Some(Asn::new(v)))
                .map_err(|_| E::custom(format!("ASN {v} out of range")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(E::custom(format!("ASN {v} out of range")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            Asn::parse(v).map(Some).map_err(E::custom)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// One reference of an `irr_as_set` value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IrrRef {
    /// The IRR source it is scoped to (`RIPE` of `RIPE::AS-FOO` or
    /// `AS-FOO@RIPE`), upper-cased; `None` when not scoped.
    pub source: Option<String>,
    /// The object's name without the source, upper-cased (RPSL names are
    /// case-insensitive): `AS-FOO`, `AS3303:AS-SWCMGLOBAL`, `AS31800`.
    pub name: String,
    /// What the name refers to.
    pub kind: IrrRefKind,
}

impl IrrRef {
    /// `SOURCE::NAME`, or `NAME` when not scoped: the form
    /// [`IrrDb::set`](crate::IrrDb::set) and whois `!i` take.
    pub fn qualified(&self) -> String {
        match &self.source {
            Some(s) => format!("{s}::{}", self.name),
            None => self.name.clone(),
        }
    }
}

impl fmt::Display for IrrRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.qualified())
    }
}

/// What an `irr_as_set` reference names (RFC 2622 §5.1, §5.2 set names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IrrRefKind {
    /// An as-set: a name whose set components all start `AS-`
    /// (`AS-FOO`, `AS64500:AS-CUST`, `AS-ROGERS:AS-CUSTOMERS`).
    AsSet,
    /// A route-set: set components start `RS-` (`RS-FOO`, `AS5413:RS-X`).
    RouteSet,
    /// A bare ASN (`AS31800`): the network's aut-num, not a set.
    AutNum(Asn),
    /// Not a valid set name or ASN (a stray character, a component that is
    /// neither `AS<n>` nor a set name, `AS-` and `RS-` components mixed,
    /// `AS1:AS2` without a set component).
    Invalid,
}

impl IrrRefKind {
    /// `as-set`, `route-set`, `aut-num` or `invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            IrrRefKind::AsSet => "as-set",
            IrrRefKind::RouteSet => "route-set",
            IrrRefKind::AutNum(_) => "aut-num",
            IrrRefKind::Invalid => "invalid",
        }
    }
}

impl fmt::Display for IrrRefKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Splits a net's `irr_as_set` into its references, in order, duplicates
/// kept.
///
/// As PeeringDB's own validator reads the field: names are separated by
/// commas and/or whitespace; a name may be scoped to a source as
/// `SOURCE::NAME` (what PeeringDB asks for today) or `NAME@SOURCE` (which it
/// accepted earlier); names are upper-cased. A name is an as-set, a
/// route-set (RFC 2622 hierarchical names: components `AS<n>` or set names
/// `AS-…`/`RS-…`, at least one set name, all of one type), or one bare ASN
/// (`AS31800`, the aut-num). Anything else is [`IrrRefKind::Invalid`], kept
/// so that a check can report it.
///
/// ```
/// use routeguard::parse::peeringdb::{parse_irr_as_set, IrrRefKind};
/// use routeguard::Asn;
/// let refs = parse_irr_as_set("RADB::AS-HURRICANE RADB::AS-HURRICANEV6, AS31800 as-foo@ripe");
/// let names: Vec<String> = refs.iter().map(|r| r.to_string()).collect();
/// assert_eq!(names, ["RADB::AS-HURRICANE", "RADB::AS-HURRICANEV6", "AS31800", "RIPE::AS-FOO"]);
/// assert_eq!(refs[2].kind, IrrRefKind::AutNum(Asn::new(31800)));
/// ```
pub fn parse_irr_as_set(value: &str) -> Vec<IrrRef> {
    value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(parse_ref)
        .collect()
}

fn parse_ref(token: &str) -> IrrRef {
    let token = token.to_ascii_uppercase();
    let is_source = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let (source, name) = if let Some((s, n)) = token.split_once("::") {
        (Some(s.to_owned()), n.to_owned())
    } else if let Some((n, s)) = token.rsplit_once('@') {
        (Some(s.to_owned()), n.to_owned())
    } else {
        (None, token.clone())
    };
    let (source, name) = match source {
        Some(s) if is_source(&s) => (Some(s), name),
        Some(_) => (None, token),
        None => (None, name),
    };
    let kind = classify_name(&name);
    IrrRef { source, name, kind }
}

fn classify_name(name: &str) -> IrrRefKind {
    let mut as_sets = 0usize;
    let mut route_sets = 0usize;
    let mut asn = None;
    let mut parts = 0usize;
    for part in name.split(':') {
        parts += 1;
        let set_body = part
            .strip_prefix("AS-")
            .map(|b| (b, true))
            .or_else(|| part.strip_prefix("RS-").map(|b| (b, false)));
        match set_body {
            Some((body, is_as))
                if !body.is_empty()
                    && body
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
            {
                if is_as {
                    as_sets += 1;
                } else {
                    route_sets += 1;
                }
            }
            _ => {
                let digits = part.strip_prefix("AS").unwrap_or("");
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return IrrRefKind::Invalid;
                }
                match Asn::parse(part) {
                    Ok(a) => asn = Some(a),
                    Err(_) => return IrrRefKind::Invalid,
                }
            }
        }
    }
    match (as_sets, route_sets, asn) {
        (0, 0, Some(a)) if parts == 1 => IrrRefKind::AutNum(a),
        (0, 0, _) => IrrRefKind::Invalid,
        (_, 0, _) => IrrRefKind::AsSet,
        (0, _, _) => IrrRefKind::RouteSet,
        _ => IrrRefKind::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(v: &str) -> Vec<(Option<String>, String, IrrRefKind)> {
        parse_irr_as_set(v)
            .into_iter()
            .map(|r| (r.source, r.name, r.kind))
            .collect()
    }

    #[test]
    fn irr_refs() {
        use IrrRefKind::*;
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(kinds(""), []);
        assert_eq!(kinds("  ,, "), []);
        assert_eq!(kinds("AS-AKAMAI"), [(None, "AS-AKAMAI".into(), AsSet)]);
        assert_eq!(
            kinds("AS31800"),
            [(None, "AS31800".into(), AutNum(Asn::new(31800)))]
        );
        assert_eq!(
            kinds("RIPE::AS3303:AS-SWCMGLOBAL"),
            [(s("RIPE"), "AS3303:AS-SWCMGLOBAL".into(), AsSet)]
        );
        assert_eq!(
            kinds("AS-VIAWEST-TRANSIT, AS-FLEXENTIAL"),
            [
                (None, "AS-VIAWEST-TRANSIT".into(), AsSet),
                (None, "AS-FLEXENTIAL".into(), AsSet)
            ]
        );
        assert_eq!(
            kinds("AS5413:AS-CUSTOMER AS5413:RS-CUSTOMER"),
            [
                (None, "AS5413:AS-CUSTOMER".into(), AsSet),
                (None, "AS5413:RS-CUSTOMER".into(), RouteSet)
            ]
        );
        assert_eq!(
            kinds("as-ilap"),
            [(None, "AS-ILAP".into(), AsSet)],
            "upper-cased"
        );
        assert_eq!(kinds("AS-FOO@RADB"), [(s("RADB"), "AS-FOO".into(), AsSet)]);
        assert_eq!(
            kinds("ARIN::AS-19214:AS-CENTAURI"),
            [(s("ARIN"), "AS-19214:AS-CENTAURI".into(), AsSet)]
        );
        assert_eq!(kinds("AS1:AS2")[0].2, Invalid);
        assert_eq!(kinds("AS-X:RS-Y")[0].2, Invalid);
        assert_eq!(kinds("AS-")[0].2, Invalid);
        assert_eq!(kinds("FOO")[0].2, Invalid);
        assert_eq!(kinds("AS4294967296")[0].2, Invalid);
        assert_eq!(kinds("AS-A$B")[0].2, Invalid);
        // A bad source is no source: the whole token is the name.
        assert_eq!(kinds("R P::AS-X").len(), 2);
        assert_eq!(kinds("::AS-X")[0].0, None);
        assert_eq!(kinds("::AS-X")[0].2, Invalid);
        assert_eq!(parse_irr_as_set("RIPE::AS-X")[0].to_string(), "RIPE::AS-X");
    }

    #[test]
    fn classification() {
        let page = parse_page(
            br#"{"data": [
            {"id": 1, "asn": 1, "net_id": 2, "ixlan_id": 3, "ipaddr4": "192.0.2.1"},
            {"id": 2, "name": "IX", "org_id": 4},
            {"id": 3, "name": "Org", "website": null, "status": "ok"},
            {"id": 4, "asn": "AS64500", "name": null, "info_prefixes4": null, "info_prefixes6": "", "irr_as_set": null},
            {"id": 5, "net_id": 4, "role": "Technical", "visible": "Users", "phone": "+1 555 0100", "email": "x"}
        ]}"#,
        )
        .unwrap();
        assert_eq!(page.skipped, 2);
        assert_eq!(page.orgs.len(), 1);
        assert_eq!(page.nets[0].asn, Asn::new(64500));
        assert_eq!(page.nets[0].info_prefixes6, None);
        assert_eq!(page.nets[0].status, Status::Other);
        assert!(page.pocs[0].is_operational_contact());
        assert!(!page.pocs[0].has_email());
    }

    #[test]
    fn contacts() {
        let poc = |role: &str, vis: &str, email: &str, phone: &str| {
            let page = parse_page(
                format!(
                    r#"{{"data":[{{"id":1,"net_id":1,"role":"{role}","visible":"{vis}","email":"{email}","phone":"{phone}","status":"ok"}}]}}"#
                )
                .as_bytes(),
            )
            .unwrap();
            page.pocs[0].clone()
        };
        assert!(poc("NOC", "Public", "noc@example.net", "").is_operational_contact());
        assert!(poc("noc", "Public", "", "+31 20 123 4567").is_operational_contact());
        assert!(!poc("NOC", "Private", "noc@example.net", "").is_operational_contact());
        assert!(!poc("Policy", "Public", "noc@example.net", "").is_operational_contact());
        assert!(!poc("NOC", "Public", "noc@example", "123").is_operational_contact());
        assert!(!poc("NOC", "Public", "no c@example.net", "").is_operational_contact());
        assert!(!poc("NOC", "Public", "@example.net", "").is_operational_contact());
        assert_eq!(poc("Sales", "Public", "", "").role, PocRole::Sales);
        assert_eq!(poc("Janitor", "Public", "", "").role, PocRole::Other);
    }

    #[test]
    fn dump_and_hints() {
        let dump = br#"{"ix": {"data": [{"id": 1}]},
            "org": {"data": [{"id": 9, "name": "O"}], "meta": {}},
            "net": {"data": [{"id": 2, "asn": 64500, "org_id": 9}]},
            "poc": {"data": [{"id": 3, "net_id": 2, "role": "NOC"}]}}"#;
        let page = parse_page(dump).unwrap();
        assert_eq!(
            (
                page.nets.len(),
                page.pocs.len(),
                page.orgs.len(),
                page.skipped
            ),
            (1, 1, 1, 0)
        );
        // With a hint, an object lacking the kind's fields is an error.
        let e = parse_page_as(br#"{"data": [{"id": 2, "name": "x"}]}"#, PdbKind::Net).unwrap_err();
        assert_eq!(e.code(), "invalid-field");
        assert!(e.to_string().contains("\"asn\""), "{e}");
        let p = parse_page_as(br#"{"data": [{"id": 2, "name": "x"}]}"#, PdbKind::Org).unwrap();
        assert_eq!(p.orgs.len(), 1);
        assert_eq!("poc".parse::<PdbKind>(), Ok(PdbKind::Poc));
        assert!("ix".parse::<PdbKind>().is_err());
    }

    #[test]
    fn errors() {
        let e = parse_page(b"{\"data\": [\n  {\"id\": 1,, }]}").unwrap_err();
        assert_eq!((e.line(), e.code()), (2, "invalid-json"));
        assert!(e.location.column > 0);
        let e = parse_page(b"{\"data\": [{\"id\": 1, \"asn\": 3}").unwrap_err();
        assert_eq!(e.code(), "invalid-json");
        assert!(e.to_string().contains("cut short"), "{e}");
        let e = parse_page(b"\n  [1, 2]").unwrap_err();
        assert_eq!(e.code(), "wrong-document");
        assert_eq!((e.location.line, e.location.column), (2, 3));
        assert!(e.to_string().contains("an array"), "{e}");
        let e = parse_page(br#"{"roas": []}"#).unwrap_err();
        assert_eq!(e.code(), "wrong-document");
        let e = parse_page(br#"{"data": {"id": 1}}"#).unwrap_err();
        assert_eq!(e.code(), "invalid-field");
        let e = parse_page(br#"{"data": [{"id": -1, "name": "x"}]}"#).unwrap_err();
        assert_eq!(e.code(), "invalid-field");
        let e = parse_page(br#"{"data": [{"id": 1, "asn": 4294967296}]}"#).unwrap_err();
        assert_eq!(e.code(), "invalid-field");
        let e = parse_page(br#"{"data": [{"id": 1, "asn": 1}]} x"#).unwrap_err();
        assert_eq!(e.code(), "invalid-json");
        let long = format!(
            r#"{{"data": [{{"id": 1, "name": "{}"}}]}}"#,
            "x".repeat(MAX_FIELD_LEN + 1)
        );
        assert_eq!(
            parse_page(long.as_bytes()).unwrap_err().code(),
            "invalid-field"
        );
        let e = parse_page(b"<html>").unwrap_err();
        assert_eq!((e.line(), e.code()), (1, "invalid-json"));
        assert!(parse_page(b"").is_err());
        assert!(parse_page(br#"{"data": []}"#).unwrap().is_empty());
    }
}
