//! The anti-spoofing network facts file: what the operator knows of its
//! customer-facing interfaces, for MANRS Action 2 (source address
//! validation, BCP 38 / RFC 2827, uRPF modes per BCP 84 / RFC 3704 and
//! RFC 8704's enhanced feasible-path uRPF).
//!
//! routeguard cannot see a router's configuration; the operator writes
//! these facts in a small JSON file, one entry per customer-facing
//! interface:
//!
//! ```json
//! {
//!   "version": 1,
//!   "interfaces": [
//!     {
//!       "name": "xe-0/0/1.100",
//!       "device": "edge1.ams",
//!       "customer_asn": "AS64501",
//!       "single_homed": true,
//!       "urpf": "strict",
//!       "acl": ["192.0.2.0/24", "2001:db8:100::/48"],
//!       "prefixes": ["192.0.2.0/24", "2001:db8:100::/48"]
//!     },
//!     { "name": "ge-0/0/2", "single_homed": false, "urpf": "loose" }
//!   ]
//! }
//! ```
//!
//! | member | type | |
//! |---|---|---|
//! | `version` | number, optional | `1`, the only version |
//! | `interfaces` | array | the interfaces (may be empty) |
//! | `name` | string, required | the interface's name (non-empty) |
//! | `device` | string, optional | the router it is on |
//! | `customer_asn` | number or string (`64501`, `"AS64501"`), optional | the customer's ASN |
//! | `single_homed` | boolean, required | whether the customer reaches the Internet only through this interface |
//! | `urpf` | string, required | `strict`, `loose`, `feasible` (feasible-path, RFC 3704 §2.3 / RFC 8704) or `none` |
//! | `acl` | array of prefixes, optional (default empty) | the source prefixes an ingress ACL permits |
//! | `prefixes` | array of prefixes, optional | the customer's prefixes |
//!
//! Prefixes are strict (no host bits). Unknown members are errors (a
//! misspelt `single_homed` must not read as absent). Errors carry the line
//! and column serde_json reports; a JSON value that is not an object is
//! [`ParseErrorKind::WrongDocument`]. Limits: [`MAX_INTERFACES`]
//! interfaces, [`MAX_PREFIXES`] prefixes in one list, [`MAX_NAME_LEN`]
//! bytes in a name ([`ParseErrorKind::Limit`]).
//!
//! ```
//! use routeguard::parse::sav::{parse_sav_facts, UrpfMode};
//! let facts = parse_sav_facts(br#"{"interfaces": [
//!   {"name": "xe-0/0/1", "single_homed": true, "urpf": "none", "acl": ["192.0.2.0/24"],
//!    "prefixes": ["192.0.2.0/25"]}]}"#).unwrap();
//! let i = &facts.interfaces[0];
//! assert_eq!(i.urpf, UrpfMode::None);
//! assert_eq!(i.acl_covers_prefixes(), Some(true));
//! assert_eq!("strict".parse::<UrpfMode>(), Ok(UrpfMode::Strict));
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;

use super::peeringdb::{json_error, start_of};
use super::{ParseError, ParseErrorKind};
use crate::model::{Asn, Prefix, UnknownWord};

/// Most interfaces in one file.
pub const MAX_INTERFACES: usize = 1_000_000;
/// Most prefixes in one `acl` or `prefixes` list.
pub const MAX_PREFIXES: usize = 1_000_000;
/// Longest `name` or `device`, in bytes.
pub const MAX_NAME_LEN: usize = 1024;

/// The unicast reverse-path forwarding mode of an interface (RFC 3704).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UrpfMode {
    /// Strict: the source must be routed back through this interface.
    Strict,
    /// Loose: the source must be routed at all (stops only bogons).
    Loose,
    /// Feasible-path (RFC 3704 §2.3, enhanced in RFC 8704): the source
    /// must be reachable through this interface by any feasible route.
    Feasible,
    /// No uRPF.
    None,
}

impl UrpfMode {
    /// Every mode.
    pub const ALL: [UrpfMode; 4] = [
        UrpfMode::Strict,
        UrpfMode::Loose,
        UrpfMode::Feasible,
        UrpfMode::None,
    ];

    /// `strict`, `loose`, `feasible` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            UrpfMode::Strict => "strict",
            UrpfMode::Loose => "loose",
            UrpfMode::Feasible => "feasible",
            UrpfMode::None => "none",
        }
    }
}

impl fmt::Display for UrpfMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UrpfMode {
    type Err = UnknownWord;
    /// Accepts the four words (also `feasible-path` and `off`), any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "strict" => UrpfMode::Strict,
            "loose" => UrpfMode::Loose,
            "feasible" | "feasible-path" => UrpfMode::Feasible,
            "none" | "off" => UrpfMode::None,
            _ => {
                return Err(UnknownWord::new(
                    "uRPF mode",
                    s,
                    "strict, loose, feasible or none",
                ))
            }
        })
    }
}

/// One customer-facing interface.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavInterface {
    /// The interface's name.
    #[serde(deserialize_with = "de_name")]
    pub name: String,
    /// The router it is on.
    #[serde(default, deserialize_with = "de_opt_name")]
    pub device: Option<String>,
    /// The customer's ASN.
    #[serde(default, deserialize_with = "de_opt_asn")]
    pub customer_asn: Option<Asn>,
    /// Whether the customer is single-homed (reaches the Internet only
    /// through this interface).
    pub single_homed: bool,
    /// The uRPF mode.
    #[serde(deserialize_with = "de_urpf")]
    pub urpf: UrpfMode,
    /// The source prefixes an ingress ACL permits (empty: no ACL).
    #[serde(default, deserialize_with = "de_prefixes")]
    pub acl: Vec<Prefix>,
    /// The customer's prefixes, when known.
    #[serde(default, deserialize_with = "de_opt_prefixes")]
    pub prefixes: Option<Vec<Prefix>>,
}

impl SavInterface {
    /// Whether some ACL entry covers every one of the customer's prefixes;
    /// `None` when [`SavInterface::prefixes`] is not given. `Some(false)`
    /// when there is no ACL, and `Some(true)` for an empty `prefixes`
    /// list only with an ACL.
    pub fn acl_covers_prefixes(&self) -> Option<bool> {
        let prefixes = self.prefixes.as_ref()?;
        if self.acl.is_empty() {
            return Some(false);
        }
        Some(
            prefixes
                .iter()
                .all(|p| self.acl.iter().any(|a| a.covers(p))),
        )
    }

    /// `device name`, or the name alone: how a finding names it.
    pub fn label(&self) -> String {
        match &self.device {
            Some(d) => format!("{d} {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// A parsed facts file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavFacts {
    /// The interfaces, in file order.
    pub interfaces: Vec<SavInterface>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    #[serde(default)]
    version: Option<u64>,
    #[serde(deserialize_with = "de_interfaces")]
    interfaces: Vec<SavInterface>,
}

/// Reads a facts file.
pub fn parse_sav_facts(input: &[u8]) -> Result<SavFacts, ParseError> {
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let first = input.iter().find(|b| !b.is_ascii_whitespace());
    if let Some(c @ (b'[' | b'"' | b'0'..=b'9' | b'-' | b't' | b'f' | b'n')) = first {
        // Check that it is JSON at all before calling it the wrong kind.
        let mut de = serde_json::Deserializer::from_slice(input);
        IgnoredAny::deserialize(&mut de)
            .and_then(|_| de.end())
            .map_err(|e| json_error(e, None, "facts"))?;
        return Err(ParseError {
            location: start_of(input),
            kind: ParseErrorKind::WrongDocument {
                expected: "an anti-spoofing facts file ({\"interfaces\": [...]})",
                found: if *c == b'[' { "an array" } else { "a scalar" }.into(),
            },
        });
    }
    let mut de = serde_json::Deserializer::from_slice(input);
    let raw = RawFacts::deserialize(&mut de)
        .and_then(|r| {
            de.end()?;
            Ok(r)
        })
        .map_err(|e| json_error(e, None, "facts"))?;
    if let Some(v) = raw.version.filter(|v| *v != 1) {
        return Err(ParseError::at(
            1,
            0,
            ParseErrorKind::InvalidField {
                field: "version",
                message: format!("version {v} is not supported (only 1)"),
            },
        ));
    }
    Ok(SavFacts {
        interfaces: raw.interfaces,
    })
}

fn de_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(de::Error::custom("empty name"));
    }
    if s.len() > MAX_NAME_LEN {
        return Err(de::Error::custom(format!(
            "limit exceeded: name longer than {MAX_NAME_LEN} bytes"
        )));
    }
    Ok(s)
}

fn de_opt_name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if s.len() > MAX_NAME_LEN => Err(de::Error::custom(format!(
            "limit exceeded: device longer than {MAX_NAME_LEN} bytes"
        ))),
        Some(s) if s.trim().is_empty() => Ok(None),
        other => Ok(other),
    }
}

fn de_opt_asn<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Asn>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Num(u64),
        Text(String),
    }
    match Option::<N>::deserialize(d)? {
        None => Ok(None),
        Some(N::Num(n)) => u32::try_from(n)
            .map(|n| Some(Asn::new(n)))
            .map_err(|_| de::Error::custom(format!("invalid customer_asn: {n} out of range"))),
        Some(N::Text(s)) => Asn::parse(s.trim())
            .map(Some)
            .map_err(|e| de::Error::custom(format!("invalid customer_asn: {e}"))),
    }
}

fn de_urpf<'de, D: Deserializer<'de>>(d: D) -> Result<UrpfMode, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(de::Error::custom)
}

fn de_prefixes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Prefix>, D::Error> {
    d.deserialize_seq(CappedSeq::<PrefixSeed>::new(MAX_PREFIXES, "prefixes"))
}

fn de_opt_prefixes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Prefix>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Vec<Prefix>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of prefixes or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de_prefixes(d).map(Some)
        }
    }
    d.deserialize_option(V)
}

fn de_interfaces<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SavInterface>, D::Error> {
    d.deserialize_seq(CappedSeq::<PhantomData<SavInterface>>::new(
        MAX_INTERFACES,
        "interfaces",
    ))
}

/// One prefix, strict.
#[derive(Clone, Copy, Default)]
struct PrefixSeed;

impl<'de> DeserializeSeed<'de> for PrefixSeed {
    type Value = Prefix;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Prefix, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Prefix::parse(s.trim()).map_err(de::Error::custom)
    }
}

/// A sequence of at most `max` elements.
struct CappedSeq<S> {
    max: usize,
    what: &'static str,
    seed: PhantomData<S>,
}

impl<S> CappedSeq<S> {
    fn new(max: usize, what: &'static str) -> Self {
        CappedSeq {
            max,
            what,
            seed: PhantomData,
        }
    }
}

impl<'de, S: DeserializeSeed<'de> + Default> Visitor<'de> for CappedSeq<S> {
    type Value = Vec<S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of {}", self.what)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(S::default())? {
            if out.len() >= self.max {
                return Err(de::Error::custom(format!(
                    "limit exceeded: more than {} {}",
                    self.max, self.what
                )));
            }
            out.push(v);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_example() {
        let text = br#"{
  "version": 1,
  "interfaces": [
    {
      "name": "xe-0/0/1.100",
      "device": "edge1.ams",
      "customer_asn": "AS64501",
      "single_homed": true,
      "urpf": "strict",
      "acl": ["192.0.2.0/24", "2001:db8:100::/48"],
      "prefixes": ["192.0.2.0/24", "2001:db8:100::/48"]
    },
    { "name": "ge-0/0/2", "single_homed": false, "urpf": "loose" }
  ]
}"#;
        let f = parse_sav_facts(text).unwrap();
        assert_eq!(f.interfaces.len(), 2);
        let a = &f.interfaces[0];
        assert_eq!(a.customer_asn, Some(Asn::new(64501)));
        assert_eq!(a.label(), "edge1.ams xe-0/0/1.100");
        assert_eq!(a.acl_covers_prefixes(), Some(true));
        let b = &f.interfaces[1];
        assert_eq!((b.urpf, b.single_homed), (UrpfMode::Loose, false));
        assert!(b.acl.is_empty() && b.prefixes.is_none());
        assert_eq!(b.acl_covers_prefixes(), None);
        assert_eq!(b.label(), "ge-0/0/2");
    }

    #[test]
    fn words() {
        for m in UrpfMode::ALL {
            assert_eq!(m.as_str().parse::<UrpfMode>(), Ok(m));
            assert_eq!(m.to_string(), m.as_str());
        }
        assert_eq!("Feasible-Path".parse::<UrpfMode>(), Ok(UrpfMode::Feasible));
        let e = "sloppy".parse::<UrpfMode>().unwrap_err();
        assert_eq!(e.code(), "unknown-word");
    }

    #[test]
    fn coverage() {
        let f = parse_sav_facts(
            br#"{"interfaces": [
            {"name": "a", "single_homed": true, "urpf": "none", "acl": ["192.0.2.0/25"], "prefixes": ["192.0.2.0/24"]},
            {"name": "b", "single_homed": true, "urpf": "none", "prefixes": []},
            {"name": "c", "single_homed": true, "urpf": "none", "customer_asn": 64500, "device": " ", "prefixes": null}
        ]}"#,
        )
        .unwrap();
        assert_eq!(f.interfaces[0].acl_covers_prefixes(), Some(false));
        assert_eq!(f.interfaces[1].acl_covers_prefixes(), Some(false));
        assert_eq!(f.interfaces[2].customer_asn, Some(Asn::new(64500)));
        assert_eq!(f.interfaces[2].device, None);
        assert_eq!(f.interfaces[2].prefixes, None);
    }

    #[test]
    fn errors() {
        let err = |t: &str| parse_sav_facts(t.as_bytes()).unwrap_err();
        let e = err("{\"interfaces\": [\n {\"name\": \"a\", \"single_homed\": true, \"urpf\": \"sloppy\"}]}");
        assert_eq!((e.line(), e.code()), (2, "invalid-field"));
        assert!(e.to_string().contains("strict, loose"), "{e}");
        let e = err(
            "{\"interfaces\": [\n {\"name\": \"a\", \"singel_homed\": true, \"urpf\": \"none\"}]}",
        );
        assert!(e.to_string().contains("singel_homed"), "{e}");
        let e = err(r#"{"interfaces": [{"name": "a", "urpf": "none"}]}"#);
        assert!(e.to_string().contains("single_homed"), "{e}");
        let e = err(
            r#"{"interfaces": [{"name": "a", "single_homed": true, "urpf": "none", "acl": ["192.0.2.1/24"]}]}"#,
        );
        assert!(
            e.to_string().contains("host bits") || e.to_string().contains("192.0.2.1/24"),
            "{e}"
        );
        let e = err(r#"{"interfaces": [{"name": "", "single_homed": true, "urpf": "none"}]}"#);
        assert!(e.to_string().contains("empty name"), "{e}");
        let e = err(
            r#"{"interfaces": [{"name": "a", "single_homed": true, "urpf": "none", "customer_asn": "ASx"}]}"#,
        );
        assert!(e.to_string().contains("customer_asn"), "{e}");
        let e = err(r#"{"version": 2, "interfaces": []}"#);
        assert_eq!(e.code(), "invalid-field");
        let e = err("[1]");
        assert_eq!(e.code(), "wrong-document");
        let e = err("[1");
        assert_eq!(e.code(), "invalid-json");
        let e = err("{\"interfaces\": [");
        assert!(e.to_string().contains("cut short"), "{e}");
        let e = err("{}");
        assert!(e.to_string().contains("interfaces"), "{e}");
        assert!(parse_sav_facts(br#"{"interfaces": []}"#)
            .unwrap()
            .interfaces
            .is_empty());
        let long = format!(
            r#"{{"interfaces": [{{"name": "{}", "single_homed": true, "urpf": "none"}}]}}"#,
            "x".repeat(MAX_NAME_LEN + 1)
        );
        assert_eq!(
            parse_sav_facts(long.as_bytes()).unwrap_err().code(),
            "limit"
        );
    }
}
