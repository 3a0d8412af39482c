//! `parse::rpki_object` (feature `rpki-objects`): the six real objects of
//! the shared data (rpki-client's regression ROAs and ASPAs) decoded and
//! compared field by field with an independent reader: OpenSSL 3 (`openssl
//! cms` extracts the eContent and the EE certificate; `openssl x509` prints
//! the certificate's fields), whose eContent is then read by a slow DER
//! walker written here from RFC 6482 §3 and draft-ietf-sidrops-aspa-profile
//! §3. Without `openssl` the comparison skips (fails under `CI=true`).
//! Plus: the hand-extracted `.cer` fixture, a legacy (version 0) ASPA, and
//! truncated, corrupted and random input (typed errors, never a panic).
#![cfg(feature = "rpki-objects")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use routeguard::parse::rpki_object::{
    decode, decode_file, AsBlock, IpBlock, ObjectContent, ObjectError, ObjectKind, Resources,
    MAX_OBJECT_SIZE,
};
use routeguard::parse::time::format_rfc3339;
use routeguard::{Asn, Prefix};

const ROAS: [&str; 4] = [
    "4DAr1VXnjh69GoQkxjmIQdkRVtQ.roa",
    "Hf1ZR31W9DN5QSF6xJEO5qgH4ac.roa",
    "Zs_svFDVb-_DZnjgkN8DLKk_IRI.roa",
    "xZEe_HUX98kANKreh2ZIpdaDnAI.roa",
];
const ASPAS: [&str; 2] = ["AS1000.asa", "5m80fwYws_3FiFD7JiQjAqZ1RYQ.asa"];

/// Every shared object's path, or `None` (skipped) without the data.
fn objects() -> Option<Vec<PathBuf>> {
    let dir = common::data_dir()?.join("rpki-objects/rpki-client-regress");
    let mut v: Vec<PathBuf> = ROAS.iter().map(|f| dir.join("roa").join(f)).collect();
    v.extend(ASPAS.iter().map(|f| dir.join("aspa").join(f)));
    for p in &v {
        assert!(p.is_file(), "missing {}", p.display());
    }
    Some(v)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rpki")
        .join(name)
}

/// `openssl`, or `None` outside CI when it is not installed.
fn openssl() -> Option<()> {
    if Command::new("openssl").arg("version").output().is_ok() {
        return Some(());
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!("openssl not installed; required under CI=true");
    }
    eprintln!("SKIP: openssl not installed");
    None
}

// ---- a slow DER walker (X.690 §8.1), the reference for the eContent ----

/// One TLV: tag byte, value, rest.
fn tlv(der: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = der[0];
    let (len, hdr) = if der[1] < 0x80 {
        (der[1] as usize, 2)
    } else {
        let n = (der[1] & 0x7f) as usize;
        let mut len = 0usize;
        for b in &der[2..2 + n] {
            len = len * 256 + *b as usize;
        }
        (len, 2 + n)
    };
    (tag, &der[hdr..hdr + len], &der[hdr + len..])
}

/// All TLVs of a constructed value's contents.
fn items(mut der: &[u8]) -> Vec<(u8, &[u8])> {
    let mut out = Vec::new();
    while !der.is_empty() {
        let (t, v, rest) = tlv(der);
        out.push((t, v));
        der = rest;
    }
    out
}

fn integer(v: &[u8]) -> u64 {
    v.iter().fold(0, |acc, b| acc * 256 + *b as u64)
}

/// RFC 6482 §3: `(asID, [(prefix text, maxLength)])`.
fn reference_roa(econtent: &[u8]) -> (u32, Vec<(String, Option<u8>)>) {
    let (t, seq, _) = tlv(econtent);
    assert_eq!(t, 0x30);
    let mut it = items(seq).into_iter().peekable();
    if it.peek().unwrap().0 == 0xa0 {
        it.next();
    }
    let (t, asid) = it.next().unwrap();
    assert_eq!(t, 0x02);
    let (t, families) = it.next().unwrap();
    assert_eq!(t, 0x30);
    let mut prefixes = Vec::new();
    for (t, fam) in items(families) {
        assert_eq!(t, 0x30);
        let f = items(fam);
        assert_eq!(f[0].0, 0x04);
        let v6 = f[0].1 == [0, 2];
        for (t, addr) in items(f[1].1) {
            assert_eq!(t, 0x30);
            let a = items(addr);
            assert_eq!(a[0].0, 0x03);
            let bits = a[0].1;
            let len = (bits.len() - 1) * 8 - bits[0] as usize;
            let mut octets = [0u8; 16];
            octets[..bits.len() - 1].copy_from_slice(&bits[1..]);
            let addr = if v6 {
                std::net::Ipv6Addr::from(octets).to_string()
            } else {
                std::net::Ipv4Addr::new(octets[0], octets[1], octets[2], octets[3]).to_string()
            };
            let max = a.get(1).map(|(t, v)| {
                assert_eq!(*t, 0x02);
                integer(v) as u8
            });
            prefixes.push((format!("{addr}/{len}"), max));
        }
    }
    (integer(asid) as u32, prefixes)
}

/// draft-ietf-sidrops-aspa-profile §3 (version 1): `(version, customer,
/// providers)`.
fn reference_aspa(econtent: &[u8]) -> (u64, u32, Vec<u32>) {
    let (t, seq, _) = tlv(econtent);
    assert_eq!(t, 0x30);
    let parts = items(seq);
    let (version, rest) = if parts[0].0 == 0xa0 {
        (integer(items(parts[0].1)[0].1), &parts[1..])
    } else {
        (0, &parts[..])
    };
    assert_eq!(rest[0].0, 0x02);
    let providers = items(rest[1].1)
        .into_iter()
        .map(|(t, v)| {
            assert_eq!(t, 0x02);
            integer(v) as u32
        })
        .collect();
    (version, integer(rest[0].1) as u32, providers)
}

// ---- OpenSSL as the independent CMS and X.509 reader ----

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rpki-objects");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The eContent and the EE certificate (PEM) of a signed object, by OpenSSL.
fn openssl_split(path: &Path) -> (Vec<u8>, PathBuf) {
    let stem = path.file_name().unwrap().to_str().unwrap();
    let content = scratch(&format!("{stem}.econtent"));
    let certs = scratch(&format!("{stem}.pem"));
    let out = Command::new("openssl")
        .args([
            "cms",
            "-verify",
            "-noverify",
            "-nosigs",
            "-inform",
            "DER",
            "-in",
        ])
        .arg(path)
        .arg("-out")
        .arg(&content)
        .arg("-certsout")
        .arg(&certs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (std::fs::read(&content).unwrap(), certs)
}

/// What `openssl x509 -text` says of a certificate.
struct X509Facts {
    serial: String,
    ski: String,
    aki: Option<String>,
    not_before: String,
    not_after: String,
    uris: Vec<String>,
    ipv4: Vec<String>,
    ipv6: Vec<String>,
    asns: Vec<String>,
}

fn openssl_x509(cert: &Path, der: bool) -> X509Facts {
    let mut cmd = Command::new("openssl");
    cmd.args([
        "x509", "-noout", "-serial", "-dates", "-dateopt", "iso_8601", "-text",
    ]);
    if der {
        cmd.args(["-inform", "DER"]);
    }
    let out = cmd.arg("-in").arg(cert).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let after = |label: &str| -> Option<String> {
        let i = lines.iter().position(|l| l.starts_with(label))?;
        Some(lines[i + 1].replace(':', ""))
    };
    let field = |p: &str| -> String {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(p))
            .unwrap()
            .replace(' ', "T")
    };
    // The RFC 3779 blocks: the indented lines after `IPv4:`, `IPv6:`, and
    // `Autonomous System Numbers:`.
    let block = |label: &str| -> Vec<String> {
        let Some(i) = lines.iter().position(|l| *l == label) else {
            return Vec::new();
        };
        lines[i + 1..]
            .iter()
            .take_while(|l| {
                l.chars().next().is_some_and(|c| c.is_ascii_hexdigit()) || l.contains("inherit")
            })
            .map(|l| l.to_string())
            .collect()
    };
    X509Facts {
        serial: field("serial="),
        ski: after("X509v3 Subject Key Identifier").unwrap(),
        aki: after("X509v3 Authority Key Identifier"),
        not_before: field("notBefore="),
        not_after: field("notAfter="),
        uris: lines
            .iter()
            .filter_map(|l| l.split_once("URI:").map(|(_, u)| u.to_string()))
            .collect(),
        ipv4: block("IPv4:"),
        ipv6: block("IPv6:"),
        asns: block("Autonomous System Numbers:"),
    }
}

fn texts<B: std::fmt::Display>(r: &Resources<B>) -> Vec<String> {
    match r {
        Resources::Missing => Vec::new(),
        Resources::Inherit => vec!["inherit".into()],
        Resources::Blocks(b) => b.iter().map(ToString::to_string).collect(),
    }
}

/// The certificate's fields against OpenSSL's.
fn check_cert(cert: &routeguard::parse::rpki_object::CertInfo, facts: &X509Facts) {
    assert_eq!(
        u128::from_str_radix(&facts.serial, 16).unwrap().to_string(),
        cert.serial
    );
    assert_eq!(facts.ski, cert.subject_key_id);
    assert_eq!(facts.aki, cert.authority_key_id);
    assert_eq!(facts.not_before, format_rfc3339(cert.not_before));
    assert_eq!(facts.not_after, format_rfc3339(cert.not_after));
    let mut ours: Vec<String> = [
        &cert.crl,
        &cert.ca_issuer,
        &cert.signed_object,
        &cert.rpki_notify,
        &cert.ca_repository,
        &cert.manifest,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let mut theirs = facts.uris.clone();
    ours.sort();
    theirs.sort();
    assert_eq!(ours, theirs);
    assert_eq!(texts(&cert.ipv4), facts.ipv4);
    assert_eq!(texts(&cert.ipv6), facts.ipv6);
    // OpenSSL prints AS ids as bare numbers.
    let asns: Vec<String> = texts(&cert.asns)
        .iter()
        .map(|s| s.replace("AS", ""))
        .collect();
    assert_eq!(asns, facts.asns);
}

#[test]
fn shared_objects_match_openssl() {
    let Some(paths) = objects() else { return };
    let Some(()) = openssl() else { return };
    let (mut vrps, mut providers, mut fields) = (0, 0, 0);
    for path in &paths {
        let obj = decode_file(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (econtent, pem) = openssl_split(path);
        let facts = openssl_x509(&pem, false);
        check_cert(&obj.cert, &facts);
        fields += 9;
        assert!(!obj.cert.is_ca, "{}: an EE certificate", path.display());
        // The signing time lies within the EE certificate's validity.
        let st = obj.signing_time.unwrap();
        assert!(obj.cert.not_before - 3600 <= st && st <= obj.cert.not_after);
        match &obj.content {
            ObjectContent::Roa(roa) => {
                assert_eq!(obj.kind(), ObjectKind::Roa);
                let (asid, prefixes) = reference_roa(&econtent);
                assert_eq!(roa.asn, Asn::new(asid));
                let ours: Vec<(String, Option<u8>)> = roa
                    .prefixes
                    .iter()
                    .map(|p| (p.prefix.to_string(), p.max_length))
                    .collect();
                assert_eq!(ours, prefixes, "{}", path.display());
                let v = obj.vrps();
                assert_eq!(v.len(), prefixes.len());
                for (vrp, (p, max)) in v.iter().zip(&prefixes) {
                    let prefix: Prefix = p.parse().unwrap();
                    assert_eq!(vrp.key(), (prefix, max.unwrap_or(prefix.len()), roa.asn));
                }
                vrps += v.len();
                // A ROA's EE certificate carries IP resources, no AS ones.
                assert_eq!(obj.cert.asns, Resources::Missing);
            }
            ObjectContent::Aspa(aspa) => {
                assert_eq!(obj.kind(), ObjectKind::Aspa);
                let (version, customer, provs) = reference_aspa(&econtent);
                assert_eq!(version, 1);
                assert_eq!(aspa.customer, Asn::new(customer));
                let ours: Vec<u32> = aspa.providers.iter().map(|a| a.get()).collect();
                assert_eq!(ours, provs, "{}", path.display());
                providers += provs.len();
                assert_eq!(
                    obj.cert.asns,
                    Resources::Blocks(vec![AsBlock {
                        min: aspa.customer,
                        max: aspa.customer
                    }])
                );
            }
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    // 4 ROAs with 1 + 4 + 1 + 1 prefixes; ASPAs with 1 and 4 providers.
    assert_eq!((vrps, providers, fields), (7, 5, 54));
}

#[test]
fn shared_objects_known_values() {
    let Some(paths) = objects() else { return };
    let roa = decode_file(&paths[0], None).unwrap();
    let r = roa.roa().unwrap();
    assert_eq!(r.asn, Asn::new(203_274));
    assert_eq!(r.prefixes.len(), 1);
    assert_eq!(r.prefixes[0].prefix.to_string(), "198.133.206.0/24");
    assert_eq!(r.prefixes[0].max_length, None);
    assert_eq!(r.prefixes[0].effective_max_length(), 24);
    assert_eq!(
        roa.cert.ipv4,
        Resources::Blocks(vec![IpBlock::Prefix("198.133.206.0/24".parse().unwrap())])
    );
    assert_eq!(roa.cert.ipv6, Resources::Missing);
    assert!(roa
        .cert
        .signed_object
        .as_deref()
        .unwrap()
        .ends_with("4DAr1VXnjh69GoQkxjmIQdkRVtQ.roa"));
    let aspa = decode_file(&paths[5], None).unwrap();
    let a = aspa.aspa().unwrap();
    assert_eq!(a.customer, Asn::new(15_562));
    assert_eq!(
        a.providers,
        [2914, 8283, 51_088, 206_238].map(Asn::new).to_vec()
    );
    // The kind from the extension, from the caller, or found: all agree.
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        let kind = ObjectKind::from_path(p).unwrap();
        assert_eq!(
            decode(&bytes, Some(kind)).unwrap(),
            decode(&bytes, None).unwrap()
        );
        assert_eq!(decode_file(p, None).unwrap(), decode(&bytes, None).unwrap());
        // The wrong kind is a typed error naming the content type.
        let wrong = if kind == ObjectKind::Roa {
            ObjectKind::Aspa
        } else {
            ObjectKind::Roa
        };
        let e = decode(&bytes, Some(wrong)).unwrap_err();
        assert_eq!(e.code(), "content-type", "{e}");
        assert!(
            e.to_string().contains(&format!("not a {}", wrong.name())),
            "{e}"
        );
        let e = decode(&bytes, Some(ObjectKind::Cer)).unwrap_err();
        assert_eq!(e.code(), "malformed", "{e}");
        assert!(
            e.to_string()
                .starts_with("cannot decode as resource certificate (RFC 6487)"),
            "{e}"
        );
    }
}

#[test]
fn legacy_aspa_is_named() {
    let Some(paths) = objects() else { return };
    let mut bytes = std::fs::read(&paths[4]).unwrap();
    // AS1000.asa's eContent starts SEQUENCE { [0] { INTEGER 1 }, INTEGER
    // 1000 …}: make it version 0, the AFI-limited profile's.
    let needle = [0xa0, 0x03, 0x02, 0x01, 0x01, 0x02, 0x02, 0x03, 0xe8];
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    bytes[at + 4] = 0;
    for kind in [None, Some(ObjectKind::Aspa)] {
        let e = decode(&bytes, kind).unwrap_err();
        assert_eq!(e, ObjectError::LegacyAspa { version: 0 });
        assert_eq!(e.code(), "legacy-aspa");
        assert!(e.to_string().contains("only version 1"), "{e}");
    }
}

#[test]
fn cer_fixture_matches_openssl() {
    let path = fixture("Hf1ZR31W9DN5QSF6xJEO5qgH4ac-ee.cer");
    let obj = decode_file(&path, None).unwrap();
    assert_eq!(obj.kind(), ObjectKind::Cer);
    assert_eq!(obj.content, ObjectContent::Cer);
    assert_eq!(obj.signing_time, None);
    assert!(obj.vrps().is_empty());
    assert_eq!(obj.cert.serial, "6");
    assert_eq!(
        obj.cert.subject_key_id,
        "1DFD59477D56F4337941217AC4910EE6A807E1A7"
    );
    assert_eq!(format_rfc3339(obj.cert.not_before), "2019-06-16T02:40:03Z");
    assert_eq!(format_rfc3339(obj.cert.not_after), "2020-07-01T00:00:00Z");
    assert_eq!(
        texts(&obj.cert.ipv4),
        [
            "147.28.0.0/16",
            "192.83.230.0/24",
            "198.180.151.0/24",
            "198.180.153.0/24"
        ]
    );
    assert_eq!(
        obj.cert.rpki_notify.as_deref(),
        Some("https://ca.rg.net/rrdp/notify.xml")
    );
    // Found without the extension too; and as a ROA it is malformed.
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(decode(&bytes, None).unwrap(), obj);
    let e = decode(&bytes, Some(ObjectKind::Roa)).unwrap_err();
    assert_eq!(e.code(), "malformed");
    assert!(
        e.to_string()
            .starts_with("cannot decode as ROA (RFC 6482): "),
        "{e}"
    );
    if openssl().is_some() {
        check_cert(&obj.cert, &openssl_x509(&path, true));
    }
    // The same certificate inside its ROA.
    if let Some(paths) = objects() {
        let roa = decode_file(&paths[1], None).unwrap();
        assert_eq!(roa.cert, obj.cert);
    }
}

#[test]
fn file_errors_are_io_errors() {
    let e = decode_file(Path::new("/nonexistent/x.roa"), None).unwrap_err();
    assert_eq!((e.code(), e.kind()), ("open", "io"));
    let e = routeguard::Error::from(e);
    assert_eq!((e.code(), e.kind()), ("open", "io"));
    let big = scratch("big.roa");
    std::fs::write(&big, vec![0x30u8; MAX_OBJECT_SIZE + 1]).unwrap();
    let e = decode_file(&big, None).unwrap_err();
    assert_eq!((e.code(), e.kind()), ("too-large", "io"));
}

#[test]
fn garbage_is_a_typed_error() {
    for (bytes, code) in [
        (&b""[..], "unrecognised"),
        (b"\x30", "unrecognised"),
        (b"\x30\x80\x00\x00", "unrecognised"),
        (b"hello world", "unrecognised"),
        (b"\x30\x84\xff\xff\xff\xff", "unrecognised"),
    ] {
        let e = decode(bytes, None).unwrap_err();
        assert_eq!(e.code(), code, "{bytes:?}: {e}");
        assert!(e.to_string().starts_with("not an RPKI object: "), "{e}");
        let err = routeguard::Error::from(e);
        assert_eq!(err.kind(), "parse");
        for kind in ObjectKind::ALL {
            let e = decode(bytes, Some(kind)).unwrap_err();
            assert_eq!(e.code(), "malformed", "{kind}: {e}");
        }
    }
}

#[test]
fn every_truncation_is_a_typed_error() {
    let mut inputs: Vec<Vec<u8>> =
        vec![std::fs::read(fixture("Hf1ZR31W9DN5QSF6xJEO5qgH4ac-ee.cer")).unwrap()];
    if let Some(paths) = objects() {
        inputs.extend(paths.iter().map(|p| std::fs::read(p).unwrap()));
    }
    let mut n = 0;
    for bytes in &inputs {
        assert!(decode(bytes, None).is_ok());
        for cut in 0..bytes.len() {
            let e = decode(&bytes[..cut], None).unwrap_err();
            assert!(
                matches!(e.code(), "unrecognised" | "malformed"),
                "cut at {cut}: {e}"
            );
            n += 1;
        }
    }
    assert!(n >= 1228);
}

/// Real objects (or the fixture) to mutate.
fn seeds() -> Vec<Vec<u8>> {
    let mut v = vec![std::fs::read(fixture("Hf1ZR31W9DN5QSF6xJEO5qgH4ac-ee.cer")).unwrap()];
    let dir = std::env::var_os("ROUTEGUARD_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
        .join("rpki-objects/rpki-client-regress");
    for f in ROAS {
        if let Ok(b) = std::fs::read(dir.join("roa").join(f)) {
            v.push(b);
        }
    }
    for f in ASPAS {
        if let Ok(b) = std::fs::read(dir.join("aspa").join(f)) {
            v.push(b);
        }
    }
    v
}

/// The eContent of a CMS signed object (RFC 5652 §5.1-5.2: ContentInfo →
/// SignedData → encapContentInfo → eContent OCTET STRING), by the slow
/// walker: its offset and length in `cms`.
fn econtent_range(cms: &[u8]) -> (usize, usize) {
    let (_, content_info, _) = tlv(cms);
    let ci = items(content_info);
    assert_eq!(ci[1].0, 0xa0);
    let (_, signed_data, _) = tlv(ci[1].1);
    let sd = items(signed_data);
    let encap = items(sd[2].1);
    assert_eq!(encap[1].0, 0xa0);
    let (t, econtent, _) = tlv(encap[1].1);
    assert_eq!(t, 0x04);
    (
        econtent.as_ptr() as usize - cms.as_ptr() as usize,
        econtent.len(),
    )
}

/// The shared signed objects (none without the data).
fn signed_seeds() -> Vec<Vec<u8>> {
    seeds().into_iter().skip(1).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Random bytes: an error, never a panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let kind = ObjectKind::ALL[bytes.len() % 3];
        let _ = decode(&bytes, None);
        let _ = decode(&bytes, Some(kind));
    }

    /// Real objects with a few bytes changed: decoded or a typed error, and
    /// whatever decodes keeps the model's invariants.
    #[test]
    fn mutated_objects_never_panic(
        seed in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let seeds = seeds();
        let mut bytes = seed.get(&seeds).clone();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Ok(obj) = decode(&bytes, None) {
            for v in obj.vrps() {
                prop_assert!(v.prefix.len() <= v.max_length && v.max_length <= v.prefix.family().max_len());
            }
            if let Some(a) = obj.aspa() {
                prop_assert!(a.providers.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}

proptest! {
    // About one in ten mutated eContents still decodes: 2048 cases compare
    // about 200 payloads with the reference.
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Differential: ROAs and ASPAs whose eContent bytes are changed (the
    /// CMS wrapper intact; nothing is validated, so the stale digest does
    /// not matter): whenever the decoder accepts one, its payload is what
    /// the slow DER walker reads from the same eContent.
    #[test]
    fn mutated_econtent_matches_the_reference(
        seed in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let seeds = signed_seeds();
        prop_assume!(!seeds.is_empty());
        let mut bytes = seed.get(&seeds).clone();
        let (off, len) = econtent_range(&bytes);
        for (at, b) in edits {
            bytes[off + at.index(len)] = b;
        }
        let econtent = bytes[off..off + len].to_vec();
        if let Ok(obj) = decode(&bytes, None) {
            match &obj.content {
                ObjectContent::Roa(roa) => {
                    let (asid, prefixes) = reference_roa(&econtent);
                    prop_assert_eq!(roa.asn, Asn::new(asid));
                    let ours: Vec<(String, Option<u8>)> = roa
                        .prefixes
                        .iter()
                        .map(|p| (p.prefix.to_string(), p.max_length))
                        .collect();
                    prop_assert_eq!(ours, prefixes);
                }
                ObjectContent::Aspa(aspa) => {
                    let (version, customer, provs) = reference_aspa(&econtent);
                    prop_assert_eq!(version, 1);
                    prop_assert_eq!(aspa.customer, Asn::new(customer));
                    let ours: Vec<u32> = aspa.providers.iter().map(|a| a.get()).collect();
                    prop_assert_eq!(ours, provs);
                }
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }
}

#[test]
fn econtent_walker_finds_what_openssl_extracts() {
    let Some(paths) = objects() else { return };
    let Some(()) = openssl() else { return };
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        let (off, len) = econtent_range(&bytes);
        assert_eq!(
            bytes[off..off + len],
            openssl_split(p).0[..],
            "{}",
            p.display()
        );
    }
}
