//! RPKI signed objects and resource certificates, **decoded, not
//! validated** (feature `rpki-objects`, host only): Route Origin
//! Authorizations (`.roa`, RFC 6482, as updated by RFC 9582), Autonomous
//! System Provider Authorizations (`.asa`, draft-ietf-sidrops-aspa-profile,
//! eContent version 1) and resource certificates (`.cer`, RFC 6487, with the
//! RFC 3779 resource extensions), through the `rpki` crate's `repository`
//! module. Host only: that module needs aws-lc (rpki's `crypto` feature),
//! which does not build for wasm32, so the WebAssembly bindings have no
//! decoder; the CLI (`routeguard decode`) and Python (`routeguard.decode`)
//! have.
//!
//! A ROA or an ASPA is a signed object (RFC 6488): a CMS `SignedData`
//! (RFC 5652 §5) whose eContent is the ROA's `RouteOriginAttestation` or the
//! ASPA's `ASProviderAttestation`, signed by the one end-entity (EE)
//! certificate it carries. [`decode`] returns that eContent as routeguard's
//! own values ([`RoaContent`] with its [`Vrp`]s, an [`Aspa`]), the EE
//! certificate's fields ([`CertInfo`]: serial, key identifiers, validity,
//! IP and AS resources, SIA/AIA/CRL URIs) and the CMS signing time
//! (RFC 6488 §2.1.6.4.3). A `.cer` gives the certificate's own fields.
//!
//! **Nothing is validated**: no signature is checked (neither the CMS one
//! nor the certificate's), no chain is built to a trust anchor, no CRL or
//! manifest is consulted, validity dates are reported, not compared with
//! the clock, and the eContent's resources are not checked against the
//! certificate's (RFC 6482 §4, RFC 9582 §5). A decoded object says what its
//! bytes claim, which a relying party would accept only after all of that;
//! use a validator (rpki-client, Routinator) for payloads to act on.
//!
//! Limits and errors: an input above [`MAX_OBJECT_SIZE`] bytes is refused
//! before decoding ([`ObjectError::TooLarge`]); any other failure is a typed
//! [`ObjectError`] naming the kind of object and the `rpki` crate's reason
//! (with its byte position inside the structure being decoded). An ASPA of
//! the earlier profile (eContent version 0, providers with AFI limits) is
//! [`ObjectError::LegacyAspa`]. The CMS wrapper is read leniently (BER
//! accepted, as relying parties do by default); the eContent is DER. No
//! input panics: the decoders are fuzzed (fuzz targets `decode_roa`,
//! `decode_aspa`, `decode_cer`), and a panic inside the `rpki` crate, should
//! a version have one, becomes [`ObjectError::Internal`].
//!
//! ```no_run
//! use routeguard::parse::rpki_object::{self, ObjectKind};
//! let bytes = std::fs::read("AS1000.asa")?;
//! let obj = rpki_object::decode(&bytes, Some(ObjectKind::Aspa))?;
//! let aspa = obj.aspa().expect("an ASPA");
//! println!("{} -> {:?}, EE valid until {}", aspa.customer, aspa.providers, obj.cert.not_after);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;
use std::str::FromStr;

use rpki::repository::aspa::Aspa as RpkiAspa;
use rpki::repository::cert::Cert;
use rpki::repository::resources::{
    AsResources as RpkiAsResources, IpBlock as RpkiIpBlock, IpResources as RpkiIpResources,
};
use rpki::repository::roa::{Roa, RoaIpAddresses};
use rpki::repository::sigobj::SignedObject;

use crate::io::IoError;
use crate::model::{Asn, Aspa, Family, Prefix, UnknownWord, Vrp};

/// The largest object [`decode`] reads: 16 MiB (real ROAs, ASPAs and
/// certificates are a few KiB; a ROA with every prefix of a large
/// holder stays far below this).
pub const MAX_OBJECT_SIZE: usize = 16 << 20;

/// Whether the CMS wrapper must be DER (`true`) or may be BER (`false`,
/// as rpki-rs-based relying parties read it unless told to be strict).
const STRICT: bool = false;

/// The kinds of object [`decode`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    /// A Route Origin Authorization (RFC 6482, RFC 9582), `.roa`.
    Roa,
    /// An AS Provider Authorization (draft-ietf-sidrops-aspa-profile), `.asa`.
    Aspa,
    /// A resource certificate (RFC 6487), `.cer`.
    Cer,
}

impl ObjectKind {
    /// Every kind.
    pub const ALL: [ObjectKind; 3] = [ObjectKind::Roa, ObjectKind::Aspa, ObjectKind::Cer];

    /// `roa`, `aspa`, `cer` (the words Routinator's `jsonext` uses for
    /// the sources of payloads).
    pub const fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Roa => "roa",
            ObjectKind::Aspa => "aspa",
            ObjectKind::Cer => "cer",
        }
    }

    /// What the object is called in messages: `ROA`, `ASPA`, `resource
    /// certificate`.
    pub const fn name(self) -> &'static str {
        match self {
            ObjectKind::Roa => "ROA",
            ObjectKind::Aspa => "ASPA",
            ObjectKind::Cer => "resource certificate",
        }
    }

    /// The file name extension of the kind in RPKI repositories: `roa`,
    /// `asa`, `cer`.
    pub const fn extension(self) -> &'static str {
        match self {
            ObjectKind::Roa => "roa",
            ObjectKind::Aspa => "asa",
            ObjectKind::Cer => "cer",
        }
    }

    /// The kind a file name's extension says (`.roa`, `.asa`, `.cer`, any
    /// case), or `None`.
    pub fn from_path(path: &Path) -> Option<ObjectKind> {
        let ext = path.extension()?.to_str()?;
        ObjectKind::ALL
            .into_iter()
            .find(|k| k.extension().eq_ignore_ascii_case(ext))
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ObjectKind {
    type Err = UnknownWord;
    /// Accepts `roa`, `aspa` (or `asa`), `cer` (or `cert`,
    /// `certificate`); any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "roa" => ObjectKind::Roa,
            "aspa" | "asa" => ObjectKind::Aspa,
            "cer" | "cert" | "certificate" => ObjectKind::Cer,
            _ => return Err(UnknownWord::new("object kind", s, "roa, aspa or cer")),
        })
    }
}

/// One object, decoded (not validated: see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedObject {
    /// What the object says: a ROA's prefixes, an ASPA's providers, or
    /// nothing more for a certificate (its fields are [`cert`](Self::cert)).
    pub content: ObjectContent,
    /// The signer: the EE certificate of a ROA or an ASPA; the certificate
    /// itself for a `.cer`.
    pub cert: CertInfo,
    /// The CMS signing-time attribute (RFC 6488 §2.1.6.4.3), Unix seconds;
    /// `None` for a certificate.
    pub signing_time: Option<i64>,
}

impl DecodedObject {
    /// The kind of object.
    pub fn kind(&self) -> ObjectKind {
        match self.content {
            ObjectContent::Roa(_) => ObjectKind::Roa,
            ObjectContent::Aspa(_) => ObjectKind::Aspa,
            ObjectContent::Cer => ObjectKind::Cer,
        }
    }

    /// The ROA's content, if this is a ROA.
    pub fn roa(&self) -> Option<&RoaContent> {
        match &self.content {
            ObjectContent::Roa(r) => Some(r),
            _ => None,
        }
    }

    /// The ASPA, if this is one.
    pub fn aspa(&self) -> Option<&Aspa> {
        match &self.content {
            ObjectContent::Aspa(a) => Some(a),
            _ => None,
        }
    }

    /// The VRPs the object claims (a ROA's; empty otherwise). Their
    /// `expires` is unset: a validator derives it from the whole chain.
    pub fn vrps(&self) -> Vec<Vrp> {
        self.roa().map(RoaContent::vrps).unwrap_or_default()
    }
}

/// The eContent of an object, one variant per kind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ObjectContent {
    /// A ROA's `RouteOriginAttestation` (RFC 6482 §3).
    Roa(RoaContent),
    /// An ASPA's `ASProviderAttestation` (draft-ietf-sidrops-aspa-profile
    /// §3): the customer and its providers (sorted; the profile requires
    /// them ascending and unique, which the decoder checks).
    Aspa(Aspa),
    /// A certificate: no eContent.
    Cer,
}

/// A ROA's payload (RFC 6482 §3): the origin AS and its prefixes, in the
/// order of the object (IPv4 first, then IPv6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoaContent {
    /// `asID`: the AS authorised to originate the prefixes.
    pub asn: Asn,
    /// The `ROAIPAddress` entries.
    pub prefixes: Vec<RoaPrefix>,
}

impl RoaContent {
    /// The VRPs: one per prefix, an absent maxLength being the prefix's
    /// length (RFC 6482 §3.3).
    pub fn vrps(&self) -> Vec<Vrp> {
        self.prefixes.iter().map(|p| p.vrp(self.asn)).collect()
    }
}

/// One `ROAIPAddress` (RFC 6482 §3.3): a prefix and its maxLength as
/// written, `None` when absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoaPrefix {
    /// The prefix.
    pub prefix: Prefix,
    /// The maxLength as in the ROA; `None` when the ROA leaves it out.
    pub max_length: Option<u8>,
}

impl RoaPrefix {
    /// The maxLength in effect: as written, else the prefix's length.
    pub fn effective_max_length(&self) -> u8 {
        self.max_length.unwrap_or(self.prefix.len())
    }

    /// The VRP for origin `asn`.
    pub fn vrp(&self, asn: Asn) -> Vrp {
        Vrp {
            prefix: self.prefix,
            max_length: self.effective_max_length(),
            asn,
            ta: None,
            expires: None,
            sources: None,
        }
    }
}

/// The fields of a resource certificate (RFC 6487 §4) that say who signed
/// and for what: read from the certificate, not checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertInfo {
    /// The serial number, in decimal.
    pub serial: String,
    /// The Subject Key Identifier (RFC 6487 §4.8.2), upper-case hex.
    pub subject_key_id: String,
    /// The Authority Key Identifier (§4.8.3), upper-case hex; absent in a
    /// self-signed trust anchor certificate.
    pub authority_key_id: Option<String>,
    /// `notBefore` (§4.6.1), Unix seconds.
    pub not_before: i64,
    /// `notAfter` (§4.6.2), Unix seconds.
    pub not_after: i64,
    /// Whether the Basic Constraints extension says CA (§4.8.1).
    pub is_ca: bool,
    /// IPv4 resources (RFC 3779 §2, RFC 6487 §4.8.10).
    pub ipv4: Resources<IpBlock>,
    /// IPv6 resources.
    pub ipv6: Resources<IpBlock>,
    /// AS resources (RFC 3779 §3, RFC 6487 §4.8.11).
    pub asns: Resources<AsBlock>,
    /// SIA `id-ad-signedObject` (§4.8.8.2): where an EE certificate's
    /// object is published.
    pub signed_object: Option<String>,
    /// SIA `id-ad-caRepository` (§4.8.8.1) of a CA certificate.
    pub ca_repository: Option<String>,
    /// SIA `id-ad-rpkiManifest` (§4.8.8.1) of a CA certificate.
    pub manifest: Option<String>,
    /// SIA `id-ad-rpkiNotify` (RFC 8182 §3.2): the RRDP notification URI.
    pub rpki_notify: Option<String>,
    /// AIA `id-ad-caIssuers` (§4.8.7): the issuer's certificate.
    pub ca_issuer: Option<String>,
    /// CRL Distribution Points (§4.8.6).
    pub crl: Option<String>,
}

/// One family of a certificate's resources (RFC 3779): absent, inherited
/// from the issuer, or listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resources<B> {
    /// The extension (or the family in it) is absent.
    Missing,
    /// `inherit`: the issuer's resources of this family.
    Inherit,
    /// The blocks, as listed.
    Blocks(Vec<B>),
}

impl<B: fmt::Display> fmt::Display for Resources<B> {
    /// `none`, `inherit`, or the blocks separated by `, `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resources::Missing => f.write_str("none"),
            Resources::Inherit => f.write_str("inherit"),
            Resources::Blocks(bs) => {
                for (i, b) in bs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

/// An IP address block of RFC 3779 §2.2.3.7: a prefix or a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpBlock {
    /// `addressPrefix`.
    Prefix(Prefix),
    /// `addressRange`: first and last address, both included.
    Range {
        /// The first address.
        min: IpAddr,
        /// The last address.
        max: IpAddr,
    },
}

impl fmt::Display for IpBlock {
    /// `192.0.2.0/24` or `192.0.2.0-192.0.2.9`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IpBlock::Prefix(p) => write!(f, "{p}"),
            IpBlock::Range { min, max } => write!(f, "{min}-{max}"),
        }
    }
}

/// An AS number block of RFC 3779 §3.2.3: one AS (`min == max`) or a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsBlock {
    /// The first AS.
    pub min: Asn,
    /// The last AS (the same as `min` for one `id`).
    pub max: Asn,
}

impl fmt::Display for AsBlock {
    /// `AS64500` or `AS64500-AS64511`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}-{}", self.min, self.max)
        }
    }
}

/// Why an object could not be decoded.
///
/// [`code`](Self::code) is a stable word per variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ObjectError {
    /// The input is larger than [`MAX_OBJECT_SIZE`].
    #[error("object of {size} bytes is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The input's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The bytes do not decode as the kind asked for (or found by the
    /// content type): the `rpki` crate's reason, with its position.
    #[error("cannot decode as {} ({}): {message}", kind.name(), spec(*kind))]
    Malformed {
        /// The kind tried.
        kind: ObjectKind,
        /// The decoder's message.
        message: String,
    },
    /// An ASPA of the earlier profile (eContent version 0, with AFI
    /// limits on providers), which current validators no longer read.
    #[error(
        "ASPA eContent version {version} (the profile with AFI limits, before draft-ietf-sidrops-aspa-profile-15) is not supported: only version 1 is"
    )]
    LegacyAspa {
        /// The version found (0).
        version: u64,
    },
    /// A signed object of another content type (a manifest, a
    /// Ghostbusters record, …), or not the kind asked for.
    #[error(
        "signed object of content type {content_type}{}",
        match expected { Some(k) => format!(", not a {}", k.name()), None => ": only ROAs and ASPAs are decoded".to_owned() }
    )]
    ContentType {
        /// The content type: its name when known, and the OID.
        content_type: String,
        /// The kind asked for, if one was.
        expected: Option<ObjectKind>,
    },
    /// With no kind given: the bytes are neither a signed object nor a
    /// certificate.
    #[error(
        "not an RPKI object: not a signed object (RFC 6488: {signed_object}), not a certificate (RFC 6487: {certificate})"
    )]
    Unrecognised {
        /// Why it is not a signed object.
        signed_object: String,
        /// Why it is not a certificate.
        certificate: String,
    },
    /// The object decoded, but a value in it is not a valid routeguard
    /// value (a prefix longer than its family).
    #[error("{}: {message}", kind.name())]
    InvalidContent {
        /// The kind of object.
        kind: ObjectKind,
        /// What is wrong.
        message: String,
    },
    /// The `rpki` crate's decoder panicked on this input (a bug there).
    #[error("the rpki crate's decoder failed on this {}", kind.name())]
    Internal {
        /// The kind being decoded.
        kind: ObjectKind,
    },
    /// The file could not be read (see [`IoError`]); its code is the
    /// [`IoError`]'s.
    #[error(transparent)]
    Io(#[from] IoError),
}

impl ObjectError {
    /// A short stable code: `too-large`, `malformed`, `legacy-aspa`,
    /// `content-type`, `unrecognised`, `invalid-content`, `internal`, or
    /// the [`IoError`]'s (`open`, `read`, `too-large`, …).
    pub fn code(&self) -> &'static str {
        match self {
            ObjectError::TooLarge { .. } => "too-large",
            ObjectError::Malformed { .. } => "malformed",
            ObjectError::LegacyAspa { .. } => "legacy-aspa",
            ObjectError::ContentType { .. } => "content-type",
            ObjectError::Unrecognised { .. } => "unrecognised",
            ObjectError::InvalidContent { .. } => "invalid-content",
            ObjectError::Internal { .. } => "internal",
            ObjectError::Io(e) => e.code(),
        }
    }

    /// The kind, as the crate [`Error`](crate::Error)'s: `io` for
    /// [`ObjectError::Io`], else `parse`.
    pub fn kind(&self) -> &'static str {
        match self {
            ObjectError::Io(_) => "io",
            _ => "parse",
        }
    }
}

/// The specification of a kind, for messages.
fn spec(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Roa => "RFC 6482",
        ObjectKind::Aspa => "draft-ietf-sidrops-aspa-profile",
        ObjectKind::Cer => "RFC 6487",
    }
}

/// Decodes one object: as `kind`, or, when `None`, as whatever it is
/// (a signed object is a ROA or an ASPA by its eContent type, RFC 6488
/// §2.1.3.1; anything else is tried as a certificate). Nothing is
/// validated (see the module documentation).
///
/// ```
/// use routeguard::parse::rpki_object::{decode, ObjectError};
/// let err = decode(b"\x30\x03\x02\x01\x00", None).unwrap_err();
/// assert_eq!(err.code(), "unrecognised");
/// ```
pub fn decode(bytes: &[u8], kind: Option<ObjectKind>) -> Result<DecodedObject, ObjectError> {
    if bytes.len() > MAX_OBJECT_SIZE {
        return Err(ObjectError::TooLarge {
            size: bytes.len(),
            limit: MAX_OBJECT_SIZE,
        });
    }
    let guard_kind = kind.unwrap_or(ObjectKind::Cer);
    std::panic::catch_unwind(|| decode_unguarded(bytes, kind))
        .unwrap_or(Err(ObjectError::Internal { kind: guard_kind }))
}

/// Reads a file (at most [`MAX_OBJECT_SIZE`] bytes, decompressed when it is
/// compressed, as [`crate::io::read`] does) and decodes it: as `kind`, else
/// as its extension says (`.roa`, `.asa`, `.cer`), else as [`decode`] finds
/// it. Feature `io` as well.
#[cfg(feature = "io")]
pub fn decode_file(path: &Path, kind: Option<ObjectKind>) -> Result<DecodedObject, ObjectError> {
    let limits = crate::io::Limits::new(u64::try_from(MAX_OBJECT_SIZE).unwrap_or(u64::MAX));
    let bytes = crate::io::read(path, &limits)?;
    decode(&bytes, kind.or_else(|| ObjectKind::from_path(path)))
}

fn decode_unguarded(bytes: &[u8], kind: Option<ObjectKind>) -> Result<DecodedObject, ObjectError> {
    match kind {
        Some(ObjectKind::Cer) => decode_cert(bytes),
        Some(k) => decode_signed(bytes, Some(k)),
        None => match SignedObject::decode(bytes, STRICT) {
            Ok(_) => decode_signed(bytes, None),
            Err(signed) => Cert::decode(bytes).map_or_else(
                |cert| {
                    Err(ObjectError::Unrecognised {
                        signed_object: signed.to_string(),
                        certificate: cert.to_string(),
                    })
                },
                |cert| cert_object(&cert),
            ),
        },
    }
}

/// The eContent types of RFC 6488 §2.1.3.1 that routeguard names.
fn content_kind(oid: &[u8]) -> Option<ObjectKind> {
    if oid == rpki::oid::ROUTE_ORIGIN_AUTHZ.0 {
        Some(ObjectKind::Roa)
    } else if oid == rpki::oid::CT_ASPA.0 {
        Some(ObjectKind::Aspa)
    } else {
        None
    }
}

/// The name of other well-known signed object types, for messages.
fn content_name(oid: &[u8]) -> Option<&'static str> {
    if oid == rpki::oid::CT_RPKI_MANIFEST.0 {
        Some("manifest")
    } else if oid == rpki::oid::CT_RESOURCE_SIGNED_CHECKLIST.0 {
        Some("RSC")
    } else if oid == rpki::oid::CT_RESOURCE_TAGGED_ATTESTATION.0 {
        Some("RTA")
    } else if oid == GHOSTBUSTERS {
        Some("Ghostbusters record")
    } else {
        None
    }
}

/// id-ct-rpkiGhostbusters, 1.2.840.113549.1.9.16.1.35 (RFC 6493 §6).
const GHOSTBUSTERS: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 9, 16, 1, 35];

fn decode_signed(bytes: &[u8], expected: Option<ObjectKind>) -> Result<DecodedObject, ObjectError> {
    let malformed = |kind: ObjectKind, e: &dyn fmt::Display| ObjectError::Malformed {
        kind,
        message: e.to_string(),
    };
    let signed = SignedObject::decode(bytes, STRICT)
        .map_err(|e| malformed(expected.unwrap_or(ObjectKind::Roa), &e))?;
    let oid = signed.content_type();
    let found = content_kind(oid.0.as_ref());
    let kind = match (found, expected) {
        (Some(f), None) => f,
        (Some(f), Some(e)) if f == e => f,
        _ => {
            let name = content_name(oid.0.as_ref()).or(found.map(ObjectKind::name));
            return Err(ObjectError::ContentType {
                content_type: match name {
                    Some(n) => format!("{n} ({oid})"),
                    None => oid.to_string(),
                },
                expected,
            });
        }
    };
    let signing_time = Some(signed.signing_time().timestamp());
    let (content, cert) = match kind {
        ObjectKind::Roa => {
            let roa = Roa::decode(bytes, STRICT).map_err(|e| malformed(kind, &e))?;
            (
                ObjectContent::Roa(roa_content(&roa)?),
                cert_info(roa.cert())?,
            )
        }
        _ => {
            let aspa = match RpkiAspa::decode(bytes, STRICT) {
                Ok(a) => a,
                Err(e) => {
                    return Err(match econtent_version(&signed.content().to_bytes()) {
                        Some(v) if v != 1 => ObjectError::LegacyAspa { version: v },
                        _ => malformed(kind, &e),
                    })
                }
            };
            let c = aspa.content();
            let providers = c.provider_as_set().iter().map(Asn::from).collect();
            let a = Aspa::new(Asn::from(c.customer_as()), providers);
            (ObjectContent::Aspa(a), cert_info(aspa.cert())?)
        }
    };
    Ok(DecodedObject {
        content,
        cert,
        signing_time,
    })
}

fn decode_cert(bytes: &[u8]) -> Result<DecodedObject, ObjectError> {
    let cert = Cert::decode(bytes).map_err(|e| ObjectError::Malformed {
        kind: ObjectKind::Cer,
        message: e.to_string(),
    })?;
    cert_object(&cert)
}

fn cert_object(cert: &Cert) -> Result<DecodedObject, ObjectError> {
    Ok(DecodedObject {
        content: ObjectContent::Cer,
        cert: cert_info(cert)?,
        signing_time: None,
    })
}

/// The `version` of an eContent `SEQUENCE { version [0] EXPLICIT INTEGER
/// DEFAULT 0, … }` (X.690 DER): 0 when the first element is not `[0]`;
/// `None` when the bytes are not such a sequence.
fn econtent_version(der: &[u8]) -> Option<u64> {
    let (tag, body, _) = tlv(der)?;
    if tag != 0x30 {
        return None;
    }
    let (tag, inner, _) = tlv(body)?;
    if tag != 0xa0 {
        return Some(0);
    }
    let (tag, int, _) = tlv(inner)?;
    if tag != 0x02 || int.is_empty() || int.len() > 8 {
        return None;
    }
    Some(int.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b)))
}

/// One DER TLV: its tag byte (low-tag-number form only), its value and
/// the rest of the input.
fn tlv(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let (digits, rest) = rest.split_at_checked(n)?;
        let len = digits
            .iter()
            .fold(0usize, |acc, b| acc << 8 | usize::from(*b));
        (len, rest)
    };
    let (value, rest) = rest.split_at_checked(len)?;
    Some((tag, value, rest))
}

fn roa_content(roa: &Roa) -> Result<RoaContent, ObjectError> {
    let c = roa.content();
    let mut prefixes = Vec::new();
    for (family, addrs) in [(Family::V4, c.v4_addrs()), (Family::V6, c.v6_addrs())] {
        roa_prefixes(family, addrs, &mut prefixes)?;
    }
    Ok(RoaContent {
        asn: Asn::from(c.as_id()),
        prefixes,
    })
}

fn roa_prefixes(
    family: Family,
    addrs: &RoaIpAddresses,
    out: &mut Vec<RoaPrefix>,
) -> Result<(), ObjectError> {
    for a in addrs.iter() {
        let p = a.prefix();
        let prefix = Prefix::from_bits(family, p.addr().to_bits(), p.addr_len()).map_err(|e| {
            ObjectError::InvalidContent {
                kind: ObjectKind::Roa,
                message: e.to_string(),
            }
        })?;
        // The decoder checks prefix.len() <= maxLength <= 32/128; checked
        // again so that a Vrp built from it always holds.
        let max_length = a.max_length();
        if let Some(m) = max_length {
            if m < prefix.len() || m > family.max_len() {
                return Err(ObjectError::InvalidContent {
                    kind: ObjectKind::Roa,
                    message: format!("maxLength {m} out of range for {prefix}"),
                });
            }
        }
        out.push(RoaPrefix { prefix, max_length });
    }
    Ok(())
}

fn cert_info(cert: &Cert) -> Result<CertInfo, ObjectError> {
    let hex = |k: rpki::crypto::KeyIdentifier| crate::util::hex::encode_upper(k.as_slice());
    let uri = |u: Option<&rpki::uri::Rsync>| u.map(ToString::to_string);
    let validity = cert.validity();
    Ok(CertInfo {
        serial: cert.serial_number().to_string(),
        subject_key_id: hex(cert.subject_key_identifier()),
        authority_key_id: cert.authority_key_identifier().map(hex),
        not_before: validity.not_before().timestamp(),
        not_after: validity.not_after().timestamp(),
        is_ca: cert.is_ca(),
        ipv4: ip_resources(Family::V4, cert.v4_resources())?,
        ipv6: ip_resources(Family::V6, cert.v6_resources())?,
        asns: as_resources(cert.as_resources()),
        signed_object: uri(cert.signed_object()),
        ca_repository: uri(cert.ca_repository()),
        manifest: uri(cert.rpki_manifest()),
        rpki_notify: cert.rpki_notify().map(ToString::to_string),
        ca_issuer: uri(cert.ca_issuer()),
        crl: uri(cert.crl_uri()),
    })
}

fn ip_resources(family: Family, res: &RpkiIpResources) -> Result<Resources<IpBlock>, ObjectError> {
    if res.is_missing() {
        return Ok(Resources::Missing);
    }
    let Ok(blocks) = res.to_blocks() else {
        return Ok(Resources::Inherit);
    };
    let addr = |bits: u128| -> IpAddr {
        match family {
            Family::V4 => IpAddr::V4(Ipv4Addr::from(u32::try_from(bits >> 96).unwrap_or(0))),
            Family::V6 => IpAddr::V6(Ipv6Addr::from(bits)),
        }
    };
    blocks
        .iter()
        .map(|b| match b {
            RpkiIpBlock::Prefix(p) => Prefix::from_bits(family, p.addr().to_bits(), p.addr_len())
                .map(IpBlock::Prefix)
                .map_err(|e| ObjectError::InvalidContent {
                    kind: ObjectKind::Cer,
                    message: format!("IP resources: {e}"),
                }),
            RpkiIpBlock::Range(r) => Ok(IpBlock::Range {
                min: addr(r.min().to_bits()),
                max: addr(r.max().to_bits()),
            }),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Resources::Blocks)
}

fn as_resources(res: &RpkiAsResources) -> Resources<AsBlock> {
    if res.is_missing() {
        return Resources::Missing;
    }
    match res.to_blocks() {
        Err(_) => Resources::Inherit,
        Ok(blocks) => Resources::Blocks(
            blocks
                .iter()
                .map(|b| AsBlock {
                    min: Asn::from(b.min()),
                    max: Asn::from(b.max()),
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words() {
        for k in ObjectKind::ALL {
            assert_eq!(k.as_str().parse::<ObjectKind>(), Ok(k));
            assert_eq!(
                ObjectKind::from_path(Path::new(&format!("x.{}", k.extension().to_uppercase()))),
                Some(k)
            );
        }
        assert_eq!("asa".parse::<ObjectKind>(), Ok(ObjectKind::Aspa));
        assert!("mft".parse::<ObjectKind>().is_err());
        assert_eq!(ObjectKind::from_path(Path::new("x.mft")), None);
        assert_eq!(ObjectKind::from_path(Path::new("roa")), None);
    }

    #[test]
    fn econtent_versions() {
        // SEQUENCE { [0] { INTEGER 1 }, INTEGER 64500 }
        let v1 = [
            0x30, 0x09, 0xa0, 0x03, 0x02, 0x01, 0x01, 0x02, 0x02, 0xfb, 0xf4,
        ];
        assert_eq!(econtent_version(&v1), Some(1));
        // SEQUENCE { INTEGER 64500, … }: the version left out, 0.
        let v0 = [0x30, 0x04, 0x02, 0x02, 0xfb, 0xf4];
        assert_eq!(econtent_version(&v0), Some(0));
        assert_eq!(econtent_version(&[0x30, 0x81]), None);
        assert_eq!(econtent_version(&[0x31, 0x00]), None);
        assert_eq!(econtent_version(&[]), None);
        // Long-form length.
        let mut long = vec![0x30, 0x81, 0x04, 0x02, 0x02, 0xfb, 0xf4];
        assert_eq!(econtent_version(&long), Some(0));
        long[2] = 0x05;
        assert_eq!(econtent_version(&long), None);
    }

    #[test]
    fn too_large_before_decoding() {
        let big = vec![0u8; MAX_OBJECT_SIZE + 1];
        let e = decode(&big, None).unwrap_err();
        assert_eq!(e.code(), "too-large");
        assert_eq!(e.kind(), "parse");
    }

    #[test]
    fn displays() {
        let r: Resources<AsBlock> = Resources::Blocks(vec![
            AsBlock {
                min: Asn::new(1),
                max: Asn::new(1),
            },
            AsBlock {
                min: Asn::new(10),
                max: Asn::new(20),
            },
        ]);
        assert_eq!(r.to_string(), "AS1, AS10-AS20");
        assert_eq!(Resources::<AsBlock>::Missing.to_string(), "none");
        assert_eq!(Resources::<IpBlock>::Inherit.to_string(), "inherit");
        let b = IpBlock::Range {
            min: "192.0.2.0".parse().unwrap(),
            max: "192.0.2.9".parse().unwrap(),
        };
        assert_eq!(b.to_string(), "192.0.2.0-192.0.2.9");
    }
}
