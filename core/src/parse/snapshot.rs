//! VRP snapshots: routeguard's own compact binary form of a [`VrpSet`]
//! (VRPs as in RFC 6811 §2, RFC 8205 router keys, ASPAs as in
//! draft-ietf-sidrops-aspa-profile), read back without parsing text.
//!
//! A snapshot carries a loaded set from one place to another at memory
//! speed: from a browser Web Worker that parsed a 75 MB export to the page
//! that keeps only the result, or into a cache file. It is lossless: every
//! field of every payload, trust anchors, expiries, Routinator `jsonext`
//! sources and the generation time come back equal
//! ([`crate::render::snapshot::encode`] writes it). It is not an exchange
//! format between tools; the version byte changes when the layout does.
//!
//! Layout (integers little-endian; `str` is a `u32` byte length and UTF-8,
//! `opt str` the same with length `0xFFFF_FFFF` for none):
//!
//! ```text
//! magic    "RGVRPS" 0x00 0x01            8 bytes (the last is the version)
//! flags    u8                             bit 0: `generated` follows
//! generated i64                           Unix seconds
//! tas      u32 count, then str each       trust anchor names, referenced by index
//! vrps     u32 count, then per VRP:
//!   tag    u8   bit 0 IPv6, bit 1 ta, bit 2 expires, bit 3 sources
//!   len    u8   prefix length
//!   maxlen u8
//!   asn    u32
//!   addr   ceil(len / 8) bytes            the network bits, left-aligned
//!   ta     u32 (bit 1)    expires i64 (bit 2)
//!   sources u32 count (bit 3), each: str kind, then opt str uri, tal,
//!          not_before, not_after, chain_not_before, chain_not_after, stale, path
//! aspas    u32 count, then per ASPA: tag u8 (bits 1, 2 as above), customer u32,
//!          [ta u32] [expires i64], u32 count, provider u32 each
//! keys     u32 count, then per key: tag u8 (bits 1, 2), asn u32, [ta u32]
//!          [expires i64], str ski, str public_key
//! ```
//!
//! Decoding is strict: a wrong magic or version, a truncated record, a
//! prefix with host bits, a max length out of range, a trust anchor index
//! past the table, invalid UTF-8 and trailing bytes are
//! [`ParseErrorKind::Snapshot`] errors naming the byte offset. Counts are
//! never trusted for allocation beyond what the remaining bytes can hold.
//!
//! ```
//! use routeguard::parse::{self, snapshot, LoadOptions};
//! use routeguard::render;
//! let loaded = parse::load(b"ASN,IP Prefix,Max Length,Trust Anchor\nAS64500,192.0.2.0/24,24,ripe\n",
//!     &LoadOptions::default()).unwrap();
//! let bytes = render::snapshot::encode(&loaded.set);
//! assert_eq!(snapshot::decode(&bytes).unwrap(), loaded.set);
//! assert!(snapshot::decode(&bytes[..bytes.len() - 1]).is_err());
//! ```

use std::sync::Arc;

use super::{ParseError, ParseErrorKind};
use crate::model::{Asn, Aspa, Family, Prefix, RouterKey, Vrp, VrpSet, VrpSource};

/// The first eight bytes of a snapshot: a name and the layout version.
pub const MAGIC: &[u8; 8] = b"RGVRPS\x00\x01";

/// Record tag: the prefix is IPv6.
pub(crate) const TAG_V6: u8 = 1;
/// Record tag: a trust anchor index follows.
pub(crate) const TAG_TA: u8 = 1 << 1;
/// Record tag: an expiry follows.
pub(crate) const TAG_EXPIRES: u8 = 1 << 2;
/// Record tag: sources follow.
pub(crate) const TAG_SOURCES: u8 = 1 << 3;
/// The length that marks an absent optional string.
pub(crate) const NONE_LEN: u32 = u32::MAX;

/// Whether `bytes` starts like a snapshot (its magic, any version).
pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.get(..7) == MAGIC.get(..7)
}

/// Reads a snapshot back into the set it was written from.
///
/// # Errors
/// [`ParseErrorKind::Snapshot`] at the offending byte offset (see the
/// module documentation).
pub fn decode(bytes: &[u8]) -> Result<VrpSet, ParseError> {
    let mut r = Reader { bytes, pos: 0 };
    let magic: [u8; 8] = r.array("magic")?;
    if !is_snapshot(&magic) {
        return Err(r.error_at(0, "not a routeguard VRP snapshot"));
    }
    if magic != *MAGIC {
        return Err(r.error_at(7, "unsupported snapshot version"));
    }
    let flags = r.u8("flags")?;
    if flags & !1 != 0 {
        return Err(r.error_at(r.pos - 1, "unknown flags"));
    }
    let generated = if flags & 1 != 0 {
        Some(r.i64("generated")?)
    } else {
        None
    };
    // A trust anchor name takes at least its 4-byte length.
    let n = r.count(4, "trust anchor count")?;
    let mut tas: Vec<Arc<str>> = Vec::with_capacity(n);
    for _ in 0..n {
        tas.push(Arc::from(r.str("trust anchor")?));
    }
    // Smallest records: VRP 7 bytes (a /0), ASPA 9, router key 13.
    let n = r.count(7, "VRP count")?;
    let mut vrps = Vec::with_capacity(n);
    for _ in 0..n {
        vrps.push(r.vrp(&tas)?);
    }
    let n = r.count(9, "ASPA count")?;
    let mut aspas = Vec::with_capacity(n);
    for _ in 0..n {
        let (tag, start) = r.tag(TAG_TA | TAG_EXPIRES)?;
        let customer = Asn::new(r.u32("customer")?);
        let (ta, expires) = r.ta_expires(tag, &tas)?;
        let count = r.count(4, "provider count")?;
        let mut providers = Vec::with_capacity(count);
        for _ in 0..count {
            providers.push(Asn::new(r.u32("provider")?));
        }
        if !providers
            .iter()
            .zip(providers.iter().skip(1))
            .all(|(a, b)| a < b)
        {
            return Err(r.error_at(start, "ASPA providers not sorted and distinct"));
        }
        aspas.push(Aspa {
            customer,
            providers,
            ta,
            expires,
        });
    }
    let n = r.count(13, "router key count")?;
    let mut router_keys = Vec::with_capacity(n);
    for _ in 0..n {
        let (tag, _) = r.tag(TAG_TA | TAG_EXPIRES)?;
        let asn = Asn::new(r.u32("router key ASN")?);
        let (ta, expires) = r.ta_expires(tag, &tas)?;
        router_keys.push(RouterKey {
            asn,
            ski: r.str("SKI")?.to_owned(),
            public_key: r.str("public key")?.to_owned(),
            ta,
            expires,
        });
    }
    if r.pos != bytes.len() {
        return Err(r.error_at(r.pos, "trailing bytes"));
    }
    Ok(VrpSet {
        vrps,
        aspas,
        router_keys,
        generated,
    })
}

/// A cursor over the snapshot's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error_at(&self, offset: usize, message: &str) -> ParseError {
        ParseError::at(
            0,
            0,
            ParseErrorKind::Snapshot {
                offset,
                message: message.to_owned(),
            },
        )
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ParseError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error_at(self.pos, &format!("input ends inside the {what}")))?;
        let out = self.bytes.get(self.pos..end).unwrap_or_default();
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], ParseError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, ParseError> {
        Ok(self.array::<1>(what)?[0])
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ParseError> {
        self.array(what).map(u32::from_le_bytes)
    }

    fn i64(&mut self, what: &'static str) -> Result<i64, ParseError> {
        self.array(what).map(i64::from_le_bytes)
    }

    /// A count of records of at least `min` bytes each: refused when the
    /// rest of the input cannot hold that many, so it is safe to reserve.
    fn count(&mut self, min: usize, what: &'static str) -> Result<usize, ParseError> {
        let at = self.pos;
        let n = self.u32(what)? as usize;
        let rest = self.bytes.len().saturating_sub(self.pos);
        if n > rest / min {
            return Err(self.error_at(at, "count larger than the input can hold"));
        }
        Ok(n)
    }

    /// A record tag with only `allowed` bits set; also the tag's offset.
    fn tag(&mut self, allowed: u8) -> Result<(u8, usize), ParseError> {
        let at = self.pos;
        let tag = self.u8("record tag")?;
        if tag & !allowed != 0 {
            return Err(self.error_at(at, "unknown record tag bits"));
        }
        Ok((tag, at))
    }

    fn opt_str(&mut self, what: &'static str) -> Result<Option<&'a str>, ParseError> {
        let at = self.pos;
        let len = self.u32(what)?;
        if len == NONE_LEN {
            return Ok(None);
        }
        let bytes = self.take(len as usize, what)?;
        std::str::from_utf8(bytes)
            .map(Some)
            .map_err(|_| self.error_at(at, "invalid UTF-8"))
    }

    fn str(&mut self, what: &'static str) -> Result<&'a str, ParseError> {
        let at = self.pos;
        self.opt_str(what)?
            .ok_or_else(|| self.error_at(at, "missing string"))
    }

    fn ta_expires(
        &mut self,
        tag: u8,
        tas: &[Arc<str>],
    ) -> Result<(Option<Arc<str>>, Option<i64>), ParseError> {
        let ta = if tag & TAG_TA != 0 {
            let at = self.pos;
            let i = self.u32("trust anchor index")? as usize;
            Some(
                tas.get(i)
                    .cloned()
                    .ok_or_else(|| self.error_at(at, "trust anchor index out of range"))?,
            )
        } else {
            None
        };
        let expires = if tag & TAG_EXPIRES != 0 {
            Some(self.i64("expires")?)
        } else {
            None
        };
        Ok((ta, expires))
    }

    fn vrp(&mut self, tas: &[Arc<str>]) -> Result<Vrp, ParseError> {
        let (tag, start) = self.tag(TAG_V6 | TAG_TA | TAG_EXPIRES | TAG_SOURCES)?;
        let family = if tag & TAG_V6 != 0 {
            Family::V6
        } else {
            Family::V4
        };
        let len = self.u8("prefix length")?;
        let max_length = self.u8("max length")?;
        let asn = Asn::new(self.u32("ASN")?);
        if len > family.max_len() {
            return Err(self.error_at(start, "prefix length out of range"));
        }
        let mut bits = [0u8; 16];
        let n = usize::from(len).div_ceil(8);
        let addr = self.take(n, "prefix")?;
        for (b, a) in bits.iter_mut().zip(addr) {
            *b = *a;
        }
        let prefix = Prefix::from_bits(family, u128::from_be_bytes(bits), len)
            .map_err(|_| self.error_at(start, "prefix has host bits set"))?;
        let vrp = Vrp::new(prefix, max_length, asn)
            .map_err(|_| self.error_at(start, "max length out of range"))?;
        let (ta, expires) = self.ta_expires(tag, tas)?;
        let sources = if tag & TAG_SOURCES != 0 {
            // A source takes at least its kind's length and 8 absent strings.
            let n = self.count(36, "source count")?;
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                out.push(self.source()?);
            }
            Some(Arc::from(out))
        } else {
            None
        };
        Ok(Vrp {
            ta,
            expires,
            sources,
            ..vrp
        })
    }

    fn source(&mut self) -> Result<VrpSource, ParseError> {
        let opt = |r: &mut Self| r.opt_str("source field").map(|s| s.map(str::to_owned));
        Ok(VrpSource {
            kind: self.str("source kind")?.to_owned(),
            uri: opt(self)?,
            tal: opt(self)?,
            not_before: opt(self)?,
            not_after: opt(self)?,
            chain_not_before: opt(self)?,
            chain_not_after: opt(self)?,
            stale: opt(self)?,
            path: opt(self)?,
        })
    }
}
