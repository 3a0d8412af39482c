//! SLURM (RFC 8416, draft-ietf-sidrops-aspa-slurm): parsing, errors with
//! locations, lenient mode, `apply` semantics (against a slow reference in a
//! proptest), `to_json` round trips, and the shared real files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use routeguard::diag::Mode;
use routeguard::render;
use routeguard::slurm::{
    AspaAssertion, AspaFilter, BgpsecAssertion, BgpsecFilter, PrefixAssertion, PrefixFilter, Slurm,
    SlurmError, SlurmLimits, SlurmOptions,
};
use routeguard::{Asn, Aspa, Prefix, RouterKey, Vrp, VrpSet};

// ---- helpers -----------------------------------------------------------

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/slurm")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn pfx(s: &str) -> Prefix {
    s.parse().unwrap()
}

fn vrp(p: &str, ml: u8, asn: u32) -> Vrp {
    Vrp::new(pfx(p), ml, Asn::new(asn)).unwrap()
}

fn asns(v: &[u32]) -> Vec<Asn> {
    v.iter().map(|&a| Asn::new(a)).collect()
}

fn lenient(input: &[u8]) -> routeguard::slurm::ParsedSlurm {
    Slurm::parse_with(input, &SlurmOptions::lenient()).unwrap()
}

/// A v1 file around the given arrays' contents.
fn v1(pf: &str, bf: &str, pa: &str, ba: &str) -> String {
    format!(
        r#"{{"slurmVersion": 1,
 "validationOutputFilters": {{"prefixFilters": [{pf}], "bgpsecFilters": [{bf}]}},
 "locallyAddedAssertions": {{"prefixAssertions": [{pa}], "bgpsecAssertions": [{ba}]}}}}"#
    )
}

/// A v2 file around the given arrays' contents.
fn v2(pf: &str, bf: &str, af: &str, pa: &str, ba: &str, aa: &str) -> String {
    format!(
        r#"{{"slurmVersion": 2,
 "validationOutputFilters": {{"prefixFilters": [{pf}], "bgpsecFilters": [{bf}], "aspaFilters": [{af}]}},
 "locallyAddedAssertions": {{"prefixAssertions": [{pa}], "bgpsecAssertions": [{ba}], "aspaAssertions": [{aa}]}}}}"#
    )
}

fn slurm(text: &str) -> Slurm {
    Slurm::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 without padding in the given alphabet (test-local, deliberately
/// simple).
fn b64(bytes: &[u8], alphabet: &[u8; 64]) -> String {
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while bits.len() % 6 != 0 {
        bits.push('0');
    }
    (0..bits.len() / 6)
        .map(|i| alphabet[usize::from_str_radix(&bits[i * 6..i * 6 + 6], 2).unwrap()] as char)
        .collect()
}

/// Decodes unpadded or padded base64 in either alphabet.
fn unb64(s: &str) -> Option<Vec<u8>> {
    let mut bits = String::new();
    for c in s.trim_end_matches('=').bytes() {
        let v = BASE64URL
            .iter()
            .position(|&a| a == c)
            .or_else(|| BASE64STD.iter().position(|&a| a == c))?;
        bits.push_str(&format!("{v:06b}"));
    }
    Some(
        (0..bits.len() / 8)
            .map(|i| u8::from_str_radix(&bits[i * 8..i * 8 + 8], 2).unwrap())
            .collect(),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.is_empty() || s.len() % 2 != 0 {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).ok())
        .collect()
}

fn router_key(asn: u32, ski: &str, key: &str) -> RouterKey {
    RouterKey {
        asn: Asn::new(asn),
        ski: ski.into(),
        public_key: key.into(),
        ta: Some("ripe".into()),
        expires: None,
    }
}

// ---- valid files -------------------------------------------------------

#[test]
fn v2_with_customer_asn() {
    let s = Slurm::parse(&fixture("v2_customer_asn.json")).unwrap();
    assert_eq!(s.version, 2);
    assert_eq!(s.prefix_filters.len(), 3);
    assert_eq!(
        s.prefix_filters[2],
        PrefixFilter {
            prefix: Some(pfx("2001:db8:1::/48")),
            asn: Some(Asn::new(64497)),
            comment: None
        }
    );
    assert_eq!(
        s.prefix_filters[0].comment.as_deref(),
        Some("All VRPs encompassed by prefix")
    );
    assert_eq!(s.bgpsec_filters.len(), 3);
    assert_eq!(
        s.bgpsec_filters[1].ski.as_deref(),
        Some("voibVdC3Nzl9dcSfSFuFj6mK0R8")
    );
    assert_eq!(
        s.aspa_filters,
        vec![AspaFilter {
            customer: Asn::new(64496),
            comment: Some("ASPAs matching customer 64496".into())
        }]
    );
    assert_eq!(s.prefix_assertions[1].prefix, pfx("2001:db8::/32"));
    assert_eq!(s.prefix_assertions[1].max_length, Some(48));
    assert_eq!(s.prefix_assertions[0].max_length, None);
    assert_eq!(s.bgpsec_assertions.len(), 1);
    assert_eq!(
        s.aspa_assertions,
        vec![
            AspaAssertion {
                customer: Asn::new(64496),
                providers: asns(&[64497, 64498]),
                comment: Some("Locally assert 64497 and 64498".into())
            },
            AspaAssertion {
                customer: Asn::new(4_200_000_000),
                providers: asns(&[0]),
                comment: None
            },
        ]
    );
    let a = s.assertions();
    assert_eq!(
        a.vrps,
        vec![
            vrp("198.51.100.0/24", 24, 64496),
            vrp("2001:db8::/32", 48, 64496)
        ]
    );
    assert_eq!(a.aspas[1], Aspa::new(Asn::new(4_200_000_000), asns(&[0])));
    // The SKI comes out in the exports' hex form.
    let ski = hex(&unb64("XUJQ4tgdREjYop786R0p_wdeyeI").unwrap());
    assert_eq!(a.router_keys[0].ski, ski);
    assert_eq!(a.router_keys[0].asn, Asn::new(64496));
    assert!(a.router_keys[0]
        .public_key
        .starts_with("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgFcjQ_g"));
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&s).as_bytes()).unwrap(),
        s
    );
}

#[test]
fn v2_with_customer_asid_and_provider_spellings() {
    let s = Slurm::parse(&fixture("v2_customer_asid.json")).unwrap();
    assert_eq!(s.aspa_filters[0].customer, Asn::new(64496));
    assert_eq!(s.aspa_assertions[0].customer, Asn::new(64496));
    assert_eq!(s.aspa_assertions[0].providers, asns(&[64497, 64498]));
    assert_eq!(s.aspa_assertions[1].customer, Asn::new(64499));
    assert_eq!(s.aspa_assertions[1].providers, asns(&[65000]));
    // Written back with the current draft's names.
    let json = render::slurm::to_json(&s);
    assert!(
        json.contains("\"customerAsn\": 64496")
            && json.contains("\"providerAsns\": [64497, 64498]"),
        "{json}"
    );
    assert!(!json.contains("\"customerAsid\":"));
    assert_eq!(Slurm::parse(json.as_bytes()).unwrap(), s);
}

#[test]
fn empty_files_and_writing_versions() {
    let e1 = slurm(&v1("", "", "", ""));
    assert_eq!(
        e1,
        Slurm {
            version: 1,
            ..Slurm::default()
        }
    );
    assert!(e1.is_empty());
    assert!(e1.assertions().is_empty());
    let e2 = slurm(&v2("", "", "", "", "", ""));
    assert_eq!(e2.version, 2);
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&e1).as_bytes()).unwrap(),
        e1
    );
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&e2).as_bytes()).unwrap(),
        e2
    );
    assert!(!render::slurm::to_json(&e1).contains("aspa"));
    // A default (version 0) value writes as v1; one with ASPA members as v2.
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&Slurm::default()).as_bytes())
            .unwrap()
            .version,
        1
    );
    let mut s = Slurm {
        version: 1,
        ..Slurm::default()
    };
    s.aspa_filters.push(AspaFilter {
        customer: Asn::new(1),
        comment: None,
    });
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&s).as_bytes())
            .unwrap()
            .version,
        2
    );
    // Unsorted providers in a hand-built value are written sorted.
    s.aspa_assertions.push(AspaAssertion {
        customer: Asn::new(1),
        providers: asns(&[5, 3, 3]),
        comment: None,
    });
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&s).as_bytes())
            .unwrap()
            .aspa_assertions[0]
            .providers,
        asns(&[3, 5])
    );
}

#[test]
fn comments_escape_and_bom() {
    let text = v1(
        r#"{"asn": 1, "comment": "q\" b\\ n\n t\t é \u0001 😀"}"#,
        "",
        "",
        "",
    );
    let s = slurm(&text);
    assert_eq!(
        s.prefix_filters[0].comment.as_deref(),
        Some("q\" b\\ n\n t\t é \u{1} 😀")
    );
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&s).as_bytes()).unwrap(),
        s
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(Slurm::parse(&bom).unwrap(), s);
}

// ---- invalid files: message and location -------------------------------

/// What lenient mode does with a file strict mode rejects.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lenient {
    /// Still an error.
    Fails,
    /// Loads with the entry skipped.
    Skips,
    /// Loads with the entry kept (a warning only).
    Keeps,
}

#[test]
fn invalid_files_report_message_and_line() {
    use Lenient::*;
    let cases: &[(&str, usize, usize, &str, Lenient)] = &[
        (
            "version_3.json",
            2,
            3,
            "slurmVersion must be the number 1 or 2, found 3",
            Fails,
        ),
        (
            "version_string.json",
            2,
            3,
            "slurmVersion must be the number 1 or 2, found \"1\"",
            Fails,
        ),
        (
            "version_missing.json",
            1,
            1,
            "missing member \"slurmVersion\"",
            Fails,
        ),
        (
            "top_not_object.json",
            1,
            1,
            "a SLURM file must be an object, found an array",
            Fails,
        ),
        ("syntax_trailing_comma.json", 6, 5, "trailing comma", Fails),
        (
            "missing_bgpsec_assertions.json",
            7,
            3,
            "missing member \"bgpsecAssertions\" in \"locallyAddedAssertions\"",
            Keeps,
        ),
        (
            "missing_filters_section.json",
            1,
            1,
            "missing member \"validationOutputFilters\"",
            Keeps,
        ),
        (
            "v2_missing_aspa_filters.json",
            3,
            3,
            "missing member \"aspaFilters\"",
            Keeps,
        ),
        (
            "aspa_in_v1.json",
            6,
            5,
            "\"aspaFilters\" needs \"slurmVersion\": 2",
            Keeps,
        ),
        (
            "unknown_top_member.json",
            3,
            3,
            "unknown member \"generator\" in a SLURM file",
            Keeps,
        ),
        (
            "unknown_entry_member.json",
            5,
            35,
            "unknown member \"maxPrefixLength\" in a prefix filter",
            Keeps,
        ),
        (
            "prefixes_not_array.json",
            8,
            5,
            "\"prefixAssertions\" must be an array, found an object",
            Fails,
        ),
        (
            "prefix_filter_empty.json",
            7,
            7,
            "a prefix filter needs \"prefix\", \"asn\" or both",
            Skips,
        ),
        (
            "bgpsec_filter_empty.json",
            6,
            7,
            "a BGPsec filter needs \"asn\", \"SKI\" or both",
            Skips,
        ),
        (
            "host_bits.json",
            9,
            23,
            "198.51.100.1/24 has host bits set (the network is 198.51.100.0/24)",
            Skips,
        ),
        (
            "bad_prefix.json",
            5,
            9,
            "invalid prefix \"198.51.100/24\"",
            Skips,
        ),
        (
            "max_len_short.json",
            10,
            9,
            "maxPrefixLength: max length 16 out of range for 198.51.100.0/24",
            Skips,
        ),
        (
            "max_len_v4_33.json",
            10,
            9,
            "max length 33 out of range for 198.51.100.0/24",
            Skips,
        ),
        (
            "max_len_v6_129.json",
            10,
            9,
            "max length 129 out of range for 2001:db8::/32",
            Skips,
        ),
        (
            "max_len_fraction.json",
            10,
            9,
            "maxPrefixLength must be a whole number, found 48.5",
            Skips,
        ),
        (
            "asn_too_big.json",
            5,
            9,
            "asn must be an AS number (a whole number from 0 to 4294967295), found 4294967296",
            Skips,
        ),
        ("asn_negative.json", 5, 9, "found -1", Skips),
        ("asn_string.json", 5, 9, "found \"AS64496\"", Keeps),
        (
            "duplicate_member.json",
            10,
            9,
            "member \"asn\" given twice",
            Skips,
        ),
        (
            "prefix_assertion_no_asn.json",
            9,
            7,
            "missing member \"asn\"",
            Skips,
        ),
        (
            "ski_padded.json",
            6,
            9,
            "uses the standard alphabet (+ /), has = padding",
            Keeps,
        ),
        (
            "ski_short.json",
            6,
            9,
            "\"Zm9v\" decodes to 3 bytes, not 20",
            Keeps,
        ),
        (
            "ski_not_base64.json",
            6,
            9,
            "\"<some base64 SKI>\" is not base64",
            Keeps,
        ),
        (
            "router_key_missing.json",
            10,
            7,
            "missing member \"routerPublicKey\"",
            Skips,
        ),
        (
            "router_key_padded.json",
            11,
            9,
            "routerPublicKey must be base64url without padding",
            Keeps,
        ),
        (
            "aspa_unsorted.json",
            12,
            55,
            "providerAsns must be in ascending order without duplicates",
            Keeps,
        ),
        (
            "aspa_duplicate_provider.json",
            12,
            55,
            "providerAsns must be in ascending order without duplicates",
            Keeps,
        ),
        (
            "aspa_customer_is_provider.json",
            12,
            55,
            "the customer AS64496 is listed among its own providers",
            Skips,
        ),
        (
            "aspa_no_providers.json",
            12,
            31,
            "providerAsns is empty",
            Skips,
        ),
        (
            "aspa_missing_providers.json",
            12,
            7,
            "missing member \"providerAsns\"",
            Skips,
        ),
        (
            "aspa_two_spellings.json",
            12,
            31,
            "both \"customerAsn\" and \"customerAsid\" given",
            Skips,
        ),
        (
            "aspa_customer_zero.json",
            12,
            9,
            "an ASPA customer cannot be AS0",
            Skips,
        ),
        (
            "aspa_filter_no_customer.json",
            7,
            7,
            "missing member \"customerAsn\"",
            Skips,
        ),
        (
            "aspa_provider_objects.json",
            13,
            23,
            "provider must be an AS number",
            Skips,
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slurm/invalid");
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(on_disk, cases.len(), "every invalid fixture has a case");
    for &(name, line, column, msg, len) in cases {
        let input = fixture(&format!("invalid/{name}"));
        let err = Slurm::parse(&input).expect_err(name);
        assert_eq!(
            (err.line(), err.location().column),
            (line, column),
            "{name}: {err}"
        );
        assert!(err.message().contains(msg), "{name}: {err}");
        assert!(
            err.to_string()
                .starts_with(&format!("line {line}, column {column}: invalid SLURM")),
            "{err}"
        );
        let json_error = matches!(err, SlurmError::Json { .. });
        assert_eq!(json_error, name.starts_with("syntax"), "{name}");
        match (Slurm::parse_with(&input, &SlurmOptions::lenient()), len) {
            (Err(e), Fails) => assert_eq!(e, err, "{name}"),
            (Ok(p), Skips) => {
                assert_eq!(p.skipped, 1, "{name}");
                assert!(p.warnings.contains(&err), "{name}: {:?}", p.warnings);
            }
            (Ok(p), Keeps) => {
                assert_eq!(p.skipped, 0, "{name}");
                assert_eq!(
                    p.warnings.first().map(|w| (w.line(), w.location().column)),
                    Some((line, column)),
                    "{name}"
                );
                assert_eq!(p.warning_count, p.warnings.len());
            }
            (other, want) => panic!("{name}: lenient gave {other:?}, wanted {want:?}"),
        }
    }
}

#[test]
fn lenient_keeps_what_it_can() {
    let p = lenient(&fixture("invalid/aspa_unsorted.json"));
    assert_eq!(p.slurm.aspa_assertions[0].providers, asns(&[64497, 64498]));
    let p = lenient(&fixture("invalid/aspa_duplicate_provider.json"));
    assert_eq!(p.slurm.aspa_assertions[0].providers, asns(&[64497]));
    let p = lenient(&fixture("invalid/asn_string.json"));
    assert_eq!(p.slurm.prefix_filters[0].asn, Some(Asn::new(64496)));
    let p = lenient(&fixture("invalid/aspa_in_v1.json"));
    assert_eq!(p.slurm.version, 1);
    let p = lenient(&fixture("invalid/ski_not_base64.json"));
    assert_eq!(
        p.slurm.bgpsec_filters[0].ski.as_deref(),
        Some("<some base64 SKI>")
    );
    // Strict mode never warns.
    let s = Slurm::parse_with(&fixture("v2_customer_asn.json"), &SlurmOptions::default()).unwrap();
    assert!(s.warnings.is_empty() && s.skipped == 0);
    // Warnings are capped but counted.
    let many: Vec<String> = (0..10).map(|_| r#"{"comment": "x"}"#.to_owned()).collect();
    let text = v1(&many.join(","), "", "", "");
    let opts = SlurmOptions {
        max_warnings: 3,
        ..SlurmOptions::lenient()
    };
    let p = Slurm::parse_with(text.as_bytes(), &opts).unwrap();
    assert_eq!((p.warnings.len(), p.warning_count, p.skipped), (3, 10, 10));
    assert_eq!(opts.mode, Mode::Lenient);
}

#[test]
fn limits() {
    let text = v2(
        r#"{"asn": 1}, {"asn": 2}"#,
        "",
        "",
        r#"{"asn": 1, "prefix": "192.0.2.0/24", "comment": "0123456789abcdefghij"}"#,
        "",
        r#"{"customerAsn": 1, "providerAsns": [2, 3, 4]}"#,
    );
    let b = text.as_bytes();
    assert!(Slurm::parse(b).is_ok());
    let with = |f: &dyn Fn(&mut SlurmLimits)| {
        let mut opts = SlurmOptions::lenient();
        f(&mut opts.limits);
        Slurm::parse_with(b, &opts).unwrap_err()
    };
    let e = with(&|l| l.max_bytes = 100);
    assert!(e.is_limit() && e.message().contains("bytes"), "{e}");
    let e = with(&|l| l.max_entries = 3);
    assert!(e.is_limit() && e.message().contains("4 entries"), "{e}");
    let e = with(&|l| l.max_providers = 2);
    assert!(
        e.is_limit() && e.message().contains("3 providers") && e.line() == 3,
        "{e}"
    );
    let e = with(&|l| l.max_string_len = 15);
    assert!(
        e.is_limit() && e.message().contains("comment of 20 bytes, longer than 15"),
        "{e}"
    );
    // Deep nesting stops in serde_json, with a location.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let text = v1(&format!(r#"{{"asn": 1, "comment": {deep}}}"#), "", "", "");
    let e = Slurm::parse(text.as_bytes()).unwrap_err();
    assert!(
        matches!(e, SlurmError::Json { .. }) && e.message().contains("recursion"),
        "{e}"
    );
}

#[test]
fn many_bad_entries_stay_cheap_in_lenient_mode() {
    // Only the kept warnings are located; the rest are counted. (Each
    // located warning costs a walk from the start of its list entry, not of
    // the file.)
    let bad: Vec<&str> = vec![r#"{"prefix": "10.0.0.1/8"}"#; 20_000];
    let text = v1(
        &bad.join(",\n"),
        "",
        r#"{"asn": 1, "prefix": "10.0.0.0/8"}"#,
        "",
    );
    let opts = SlurmOptions {
        max_warnings: 5,
        ..SlurmOptions::lenient()
    };
    let p = Slurm::parse_with(text.as_bytes(), &opts).unwrap();
    assert_eq!(
        (p.skipped, p.warning_count, p.warnings.len()),
        (20_000, 20_000, 5)
    );
    assert_eq!(
        p.warnings.iter().map(SlurmError::line).collect::<Vec<_>>(),
        vec![2, 3, 4, 5, 6]
    );
    assert_eq!(p.slurm.prefix_assertions.len(), 1);
    // Every warning located: still one pass over each list.
    let opts = SlurmOptions {
        max_warnings: usize::MAX,
        ..SlurmOptions::lenient()
    };
    let p = Slurm::parse_with(text.as_bytes(), &opts).unwrap();
    assert_eq!(p.warnings.len(), 20_000);
    assert_eq!(p.warnings[19_999].location().line, 20_001);
    assert_eq!(p.warnings[19_999].location().column, 2);
    // A large valid file.
    let good: Vec<String> = (0..20_000u32)
        .map(|i| format!(r#"{{"asn": {i}}}"#))
        .collect();
    let s = slurm(&v1(&good.join(","), "", "", ""));
    assert_eq!(s.prefix_filters.len(), 20_000);
}

#[test]
fn errors_never_panic_on_truncations() {
    let full = fixture("v2_customer_asn.json");
    for n in 0..full.len() {
        let _ = Slurm::parse(&full[..n]);
        let _ = Slurm::parse_with(&full[..n], &SlurmOptions::lenient());
    }
}

// ---- apply semantics ---------------------------------------------------

fn set_of(vrps: &[Vrp]) -> VrpSet {
    VrpSet {
        vrps: vrps.to_vec(),
        ..VrpSet::default()
    }
}

#[test]
fn prefix_filter_equal_more_and_less_specific() {
    let s = slurm(&v1(r#"{"prefix": "192.0.2.0/24"}"#, "", "", ""));
    let mut set = set_of(&[
        vrp("192.0.2.0/24", 24, 1),   // equal: dropped
        vrp("192.0.2.0/24", 32, 2),   // equal prefix, longer max length: dropped
        vrp("192.0.2.128/25", 25, 3), // more specific: dropped
        vrp("192.0.2.7/32", 32, 4),   // host route inside: dropped
        vrp("192.0.0.0/16", 24, 5),   // less specific (even if its max length reaches /24): kept
        vrp("192.0.3.0/24", 24, 6),   // sibling: kept
        vrp("::/0", 0, 7),            // other family: kept
    ]);
    s.apply(&mut set);
    assert_eq!(
        set.vrps,
        vec![
            vrp("192.0.0.0/16", 24, 5),
            vrp("192.0.3.0/24", 24, 6),
            vrp("::/0", 0, 7)
        ]
    );
}

#[test]
fn prefix_and_asn_filter() {
    let s = slurm(&v1(
        r#"{"prefix": "198.51.100.0/24", "asn": 64497}"#,
        "",
        "",
        "",
    ));
    let mut set = set_of(&[
        vrp("198.51.100.0/24", 24, 64497), // both match: dropped
        vrp("198.51.100.0/25", 25, 64497), // more specific, same AS: dropped
        vrp("198.51.100.0/24", 24, 64496), // other AS: kept
        vrp("198.51.0.0/16", 24, 64497),   // less specific, same AS: kept
    ]);
    s.apply(&mut set);
    assert_eq!(
        set.vrps,
        vec![
            vrp("198.51.100.0/24", 24, 64496),
            vrp("198.51.0.0/16", 24, 64497)
        ]
    );
}

#[test]
fn asn_only_filter_and_as0() {
    let s = slurm(&v1(r#"{"asn": 64496}, {"asn": 0}"#, "", "", ""));
    let mut set = set_of(&[
        vrp("192.0.2.0/24", 24, 64496),
        vrp("2001:db8::/32", 48, 64496),
        vrp("203.0.113.0/24", 32, 0),
        vrp("192.0.2.0/24", 24, 64497),
    ]);
    s.apply(&mut set);
    assert_eq!(set.vrps, vec![vrp("192.0.2.0/24", 24, 64497)]);
    // An AS0 VRP is filtered by prefix like any other.
    let s = slurm(&v1(r#"{"prefix": "203.0.113.0/24"}"#, "", "", ""));
    let mut set = set_of(&[vrp("203.0.113.0/24", 32, 0), vrp("203.0.112.0/23", 23, 0)]);
    s.apply(&mut set);
    assert_eq!(set.vrps, vec![vrp("203.0.112.0/23", 23, 0)]);
}

#[test]
fn v6_filters_and_default_routes() {
    let s = slurm(&v1(
        r#"{"prefix": "2001:db8::/32"}, {"prefix": "0.0.0.0/0", "asn": 9}"#,
        "",
        "",
        "",
    ));
    let mut set = set_of(&[
        vrp("2001:db8::/32", 32, 1),
        vrp("2001:db8:ffff::/48", 48, 1),
        vrp("2001:db9::/32", 32, 1),
        vrp("2001:db8::/31", 32, 1),
        vrp("10.0.0.0/8", 8, 9),
        vrp("::/0", 0, 9),
    ]);
    s.apply(&mut set);
    assert_eq!(
        set.vrps,
        vec![
            vrp("2001:db9::/32", 32, 1),
            vrp("2001:db8::/31", 32, 1),
            vrp("::/0", 0, 9)
        ]
    );
}

#[test]
fn prefix_assertions_default_max_length_and_duplicates() {
    let s = slurm(&v1(
        "",
        "",
        r#"{"asn": 64496, "prefix": "198.51.100.0/24"},
           {"asn": 64496, "prefix": "198.51.100.0/24", "comment": "same again"},
           {"asn": 64496, "prefix": "2001:db8::/32", "maxPrefixLength": 48},
           {"asn": 0, "prefix": "203.0.113.0/24", "maxPrefixLength": 32}"#,
        "",
    ));
    let mut existing = vrp("2001:db8::/32", 48, 64496);
    existing.ta = Some(Arc::from("ripe"));
    let mut set = set_of(&[existing.clone()]);
    s.apply(&mut set);
    // Duplicates are excluded, whatever the trust anchor of the VRP already there.
    assert_eq!(
        set.vrps,
        vec![
            existing,
            vrp("198.51.100.0/24", 24, 64496),
            vrp("203.0.113.0/24", 32, 0)
        ]
    );
    assert_eq!(set.vrps[1].ta, None);
    // `assertions` keeps one payload per assertion.
    assert_eq!(s.assertions().vrps.len(), 4);
}

#[test]
fn filters_come_before_assertions() {
    // The filter covers the asserted prefix, yet the assertion is added:
    // assertions are applied after filters and never filtered themselves.
    let s = slurm(&v1(
        r#"{"prefix": "10.0.0.0/8"}"#,
        "",
        r#"{"asn": 65002, "prefix": "10.2.0.0/25", "maxPrefixLength": 26}"#,
        "",
    ));
    let mut set = set_of(&[vrp("10.2.0.0/25", 26, 65002), vrp("10.1.0.0/16", 16, 1)]);
    s.apply(&mut set);
    assert_eq!(set.vrps, vec![vrp("10.2.0.0/25", 26, 65002)]);
}

const SKI_A: [u8; 20] = [0xfb; 20];
const SKI_B: [u8; 20] = [0x11; 20];

#[test]
fn bgpsec_filters_compare_ski_bytes() {
    let (a_url, b_url) = (b64(&SKI_A, BASE64URL), b64(&SKI_B, BASE64URL));
    assert!(a_url.contains('-') || a_url.contains('_'));
    let text = v1(
        "",
        &format!(r#"{{"SKI": "{a_url}"}}, {{"asn": 64497, "SKI": "{b_url}"}}, {{"asn": 64499}}"#),
        "",
        "",
    );
    let s = slurm(&text);
    let key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    let mut set = VrpSet {
        router_keys: vec![
            router_key(64496, &hex(&SKI_A), key), // SKI A (hex, as exports write it): dropped
            router_key(64496, &hex(&SKI_A).to_lowercase(), key), // lower-case hex: dropped
            router_key(64496, &b64(&SKI_A, BASE64STD), key), // standard base64: dropped
            router_key(64497, &hex(&SKI_B), key), // SKI B and AS 64497: dropped
            router_key(64498, &hex(&SKI_B), key), // SKI B, other AS: kept
            router_key(64499, &hex(&[0x22; 20]), key), // AS 64499: dropped
            router_key(64500, &hex(&[0x22; 20]), key), // kept
        ],
        ..VrpSet::default()
    };
    s.apply(&mut set);
    let kept: Vec<u32> = set.router_keys.iter().map(|k| k.asn.get()).collect();
    assert_eq!(kept, vec![64498, 64500]);
    // The public helper agrees.
    assert!(s.bgpsec_filters[0].matches(&router_key(1, &hex(&SKI_A), key)));
    assert!(!s.bgpsec_filters[1].matches(&router_key(1, &hex(&SKI_B), key)));
}

#[test]
fn bgpsec_assertions_hex_ski_and_duplicates() {
    let ski = b64(&SKI_A, BASE64URL);
    let key_url = b64(&[0xfb, 0xef, 0xbe, 0x01], BASE64URL);
    let key_std = b64(&[0xfb, 0xef, 0xbe, 0x01], BASE64STD);
    let entry = format!(r#"{{"asn": 64496, "SKI": "{ski}", "routerPublicKey": "{key_url}"}}"#);
    let s = slurm(&v1("", "", "", &format!("{entry}, {entry}")));
    let mut set = VrpSet::default();
    s.apply(&mut set);
    assert_eq!(set.router_keys.len(), 1);
    assert_eq!(set.router_keys[0].ski, hex(&SKI_A));
    assert_eq!(set.router_keys[0].public_key, key_url);
    assert_eq!(s.assertions().router_keys.len(), 2);
    // Already present in the export's forms (hex SKI, standard base64 key): not added again.
    let mut set = VrpSet {
        router_keys: vec![router_key(64496, &hex(&SKI_A), &key_std)],
        ..VrpSet::default()
    };
    s.apply(&mut set);
    assert_eq!(set.router_keys.len(), 1);
    assert_eq!(set.router_keys[0].ta.as_deref(), Some("ripe"));
}

#[test]
fn aspa_filter_and_assertion_merge() {
    let s = slurm(&v2(
        "",
        "",
        r#"{"customerAsn": 10}"#,
        "",
        "",
        r#"{"customerAsn": 20, "providerAsns": [1, 2]},
           {"customerAsn": 30, "providerAsns": [5]},
           {"customerAsn": 20, "providerAsns": [3]},
           {"customerAsn": 40, "providerAsns": [7]},
           {"customerAsn": 10, "providerAsns": [9]}"#,
    ));
    let with = |c: u32, p: &[u32], ta: &str, exp: i64| {
        let mut a = Aspa::new(Asn::new(c), asns(p));
        a.ta = Some(ta.into());
        a.expires = Some(exp);
        a
    };
    let mut set = VrpSet {
        aspas: vec![
            with(10, &[1], "ripe", 5),     // filtered, then re-asserted as {9}
            with(20, &[1, 4], "ripe", 50), // merged with {1, 2, 3}
            with(30, &[5, 6], "arin", 7),  // asserted {5} already listed: untouched
            with(20, &[8], "arin", 40),    // second ASPA of 20: merged into the first
            with(50, &[1], "ripe", 9),     // untouched
        ],
        ..VrpSet::default()
    };
    s.apply(&mut set);
    let mut merged = Aspa::new(Asn::new(20), asns(&[1, 2, 3, 4, 8]));
    merged.expires = Some(40);
    assert_eq!(
        set.aspas,
        vec![
            merged,
            with(30, &[5, 6], "arin", 7),
            with(50, &[1], "ripe", 9),
            Aspa::new(Asn::new(40), asns(&[7])),
            Aspa::new(Asn::new(10), asns(&[9])),
        ]
    );
    // `assertions` lists each assertion.
    assert_eq!(s.assertions().aspas.len(), 5);
}

#[test]
fn rfc8416_example_file() {
    let Some(data) = common::read_data("formats/routinator-golden/slurm_full_rfc8416.json") else {
        return;
    };
    // The RFC's example uses placeholder SKIs ("Zm9v" is 3 bytes, and
    // "<some base64 SKI>"), which strict parsing rejects with their line.
    let e = Slurm::parse(&data).unwrap_err();
    assert_eq!(e.line(), 25, "{e}");
    assert!(
        e.message().contains("\"Zm9v\" decodes to 3 bytes, not 20"),
        "{e}"
    );
    let p = lenient(&data);
    let lines: Vec<usize> = p.warnings.iter().map(SlurmError::line).collect();
    assert_eq!(lines, vec![25, 30, 53, 54]);
    assert_eq!(p.skipped, 0);
    let s = p.slurm;
    assert_eq!(s.version, 1);
    assert_eq!((s.prefix_filters.len(), s.bgpsec_filters.len()), (3, 3));
    assert_eq!(
        (s.prefix_assertions.len(), s.bgpsec_assertions.len()),
        (2, 1)
    );
    assert_eq!(s.prefix_assertions[1].prefix, pfx("2001:db8::/32"));
    assert_eq!(s.bgpsec_assertions[0].ski, "<some base64 SKI>");
    // The semantics the RFC spells out for its example.
    let mut set = set_of(&[
        vrp("192.0.2.0/24", 24, 64511), // encompassed by 192.0.2.0/24: dropped
        vrp("192.0.2.128/26", 26, 64511), // likewise
        vrp("203.0.113.0/24", 24, 64496), // ASN 64496: dropped
        vrp("198.51.100.0/24", 24, 64497), // prefix and ASN: dropped
        vrp("198.51.100.0/24", 24, 64498), // prefix but other ASN: kept
        vrp("198.51.0.0/16", 16, 64497), // ASN but not encompassed: kept
    ]);
    set.router_keys = vec![
        router_key(64496, &hex(&[1; 20]), "k"),
        router_key(64511, "Zm9v", "k"),       // SKI "foo": dropped
        router_key(64511, &hex(b"foo"), "k"), // the same bytes in hex: dropped
        router_key(64497, "YmFy", "k"),       // "bar" and 64497: dropped
        router_key(64498, "YmFy", "k"),       // "bar", other AS: kept
    ];
    s.apply(&mut set);
    assert_eq!(
        set.vrps,
        vec![
            vrp("198.51.100.0/24", 24, 64498),
            vrp("198.51.0.0/16", 16, 64497),
            vrp("198.51.100.0/24", 24, 64496),
            vrp("2001:db8::/32", 48, 64496),
        ]
    );
    let keys: Vec<(u32, &str)> = set
        .router_keys
        .iter()
        .map(|k| (k.asn.get(), k.ski.as_str()))
        .collect();
    assert_eq!(keys, vec![(64498, "YmFy"), (64496, "<some base64 SKI>")]);
    assert_eq!(
        Slurm::parse_with(
            render::slurm::to_json(&s).as_bytes(),
            &SlurmOptions::lenient()
        )
        .unwrap()
        .slurm,
        s
    );
}

#[test]
fn routinator_golden_exports() {
    let Some(_) = common::data_dir() else { return };
    for mask in ["000", "001", "010", "011", "100", "101", "110", "111"] {
        let bit = |i: usize| mask.as_bytes()[i] == b'1';
        for ext in ["slurm", "slurm2"] {
            let name = format!("formats/routinator-golden/{mask}.{ext}");
            let data = common::read_data(&name).unwrap();
            let s = Slurm::parse(&data).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.version, if ext == "slurm" { 1 } else { 2 }, "{name}");
            assert!(
                s.prefix_filters.is_empty()
                    && s.bgpsec_filters.is_empty()
                    && s.aspa_filters.is_empty()
            );
            let n = |b: bool| if b { 2 } else { 0 };
            let a = s.assertions();
            assert_eq!(a.vrps.len(), n(bit(0)), "{name}");
            assert_eq!(a.router_keys.len(), n(bit(1)), "{name}");
            assert_eq!(
                a.aspas.len(),
                if ext == "slurm2" { n(bit(2)) } else { 0 },
                "{name}"
            );
            if bit(0) {
                assert_eq!(a.vrps[0], vrp("12.34.56.0/24", 24, 1234));
            }
            if bit(1) {
                // As the JSON export of the same payloads writes it.
                assert_eq!(a.router_keys[0].ski, "0".repeat(40));
                assert_eq!(a.router_keys[0].asn, Asn::new(1234));
            }
            if ext == "slurm2" && bit(2) {
                assert_eq!(a.aspas[0], Aspa::new(Asn::new(1234), asns(&[1, 2, 3, 4])));
            }
            // Applied, the duplicated assertions collapse to one payload each.
            let mut set = VrpSet::default();
            s.apply(&mut set);
            assert_eq!(
                (set.vrps.len(), set.router_keys.len(), set.aspas.len()),
                (a.vrps.len() / 2, a.router_keys.len() / 2, a.aspas.len() / 2),
                "{name}"
            );
            assert_eq!(
                Slurm::parse(render::slurm::to_json(&s).as_bytes()).unwrap(),
                s,
                "{name}"
            );
        }
    }
}

#[test]
fn stayrtr_test_file() {
    let Some(data) = common::read_data("formats/stayrtr/cmd_stayrtr_test.slurm.json") else {
        return;
    };
    // No "bgpsecAssertions" array: RFC 8416 §3.2 requires it.
    let e = Slurm::parse(&data).unwrap_err();
    assert_eq!(e.line(), 12, "{e}");
    assert!(
        e.message().contains("missing member \"bgpsecAssertions\""),
        "{e}"
    );
    let p = lenient(&data);
    assert_eq!(p.warnings, vec![e]);
    let s = p.slurm;
    assert_eq!(
        s.prefix_filters,
        vec![PrefixFilter {
            prefix: Some(pfx("10.0.0.0/24")),
            asn: Some(Asn::new(65000)),
            comment: None
        }]
    );
    assert_eq!(
        s.prefix_assertions,
        vec![PrefixAssertion {
            prefix: pfx("10.2.0.0/25"),
            asn: Asn::new(65002),
            max_length: Some(26),
            comment: None
        }]
    );
    let mut set = set_of(&[
        vrp("10.0.0.0/24", 24, 65000),
        vrp("10.0.0.0/24", 24, 65001),
        vrp("10.0.0.0/23", 24, 65000),
    ]);
    s.apply(&mut set);
    assert_eq!(
        set.vrps,
        vec![
            vrp("10.0.0.0/24", 24, 65001),
            vrp("10.0.0.0/23", 24, 65000),
            vrp("10.2.0.0/25", 26, 65002)
        ]
    );
    // Written back, it is a complete, strictly valid v1 file.
    assert_eq!(
        Slurm::parse(render::slurm::to_json(&s).as_bytes()).unwrap(),
        s
    );
}

#[test]
fn stayrtr_prefixfile() {
    let Some(data) = common::read_data("formats/stayrtr/prefixfile_slurm.json") else {
        return;
    };
    // Version 2 without the ASPA arrays, and SKIs in padded standard base64.
    let e = Slurm::parse(&data).unwrap_err();
    assert_eq!(e.line(), 3, "{e}");
    assert!(
        e.message().contains("missing member \"aspaFilters\""),
        "{e}"
    );
    let p = lenient(&data);
    let lines: Vec<usize> = p.warnings.iter().map(SlurmError::line).collect();
    // Both sections are checked before their entries.
    assert_eq!(lines, vec![3, 35, 25, 30, 53, 54]);
    assert_eq!(p.skipped, 0);
    let s = p.slurm;
    assert_eq!(s.version, 2);
    assert_eq!(
        (
            s.prefix_filters.len(),
            s.bgpsec_filters.len(),
            s.aspa_filters.len()
        ),
        (3, 3, 0)
    );
    assert_eq!(
        (
            s.prefix_assertions.len(),
            s.bgpsec_assertions.len(),
            s.aspa_assertions.len()
        ),
        (2, 1, 0)
    );
    // The padded standard-base64 SKI matches the same bytes in an export's hex.
    let ski = unb64("XC7RBWu3661vfYmhXZwtUw==").unwrap();
    let mut set = VrpSet {
        router_keys: vec![
            router_key(1, &hex(&ski), "k"),
            router_key(2, &hex(&[3; 20]), "k"),
        ],
        ..VrpSet::default()
    };
    s.apply(&mut set);
    assert_eq!(
        set.router_keys
            .iter()
            .map(|k| k.asn.get())
            .collect::<Vec<_>>(),
        vec![2, 64496]
    );
    assert_eq!(
        set.router_keys[1].ski,
        hex(&unb64("NQYXZ0PgL2fdRscxGdVDa+fhAQY=").unwrap())
    );
}

// ---- proptest: apply against a slow, obvious reference ------------------

fn ref_covers(f: &Prefix, v: &Prefix) -> bool {
    let bit = |bits: u128, i: u8| (bits >> (127 - u32::from(i))) & 1;
    f.family() == v.family()
        && f.len() <= v.len()
        && (0..f.len()).all(|i| bit(f.bits(), i) == bit(v.bits(), i))
}

/// An export's SKI: hex when it is all hex digits, else base64.
fn ref_key_ski(s: &str) -> Option<Vec<u8>> {
    if s.bytes().all(|c| c.is_ascii_hexdigit()) {
        unhex(s)
    } else {
        unb64(s)
    }
}

fn reference_apply(s: &Slurm, set: &VrpSet) -> VrpSet {
    let mut out = set.clone();
    // Filters.
    out.vrps.retain(|v| {
        !s.prefix_filters.iter().any(|f| match (f.prefix, f.asn) {
            (Some(p), Some(a)) => ref_covers(&p, &v.prefix) && a == v.asn,
            (Some(p), None) => ref_covers(&p, &v.prefix),
            (None, Some(a)) => a == v.asn,
            (None, None) => false,
        })
    });
    out.router_keys.retain(|k| {
        !s.bgpsec_filters.iter().any(|f| match (&f.ski, f.asn) {
            (Some(ski), Some(a)) => unb64(ski) == ref_key_ski(&k.ski) && a == k.asn,
            (Some(ski), None) => unb64(ski) == ref_key_ski(&k.ski),
            (None, Some(a)) => a == k.asn,
            (None, None) => false,
        })
    });
    out.aspas
        .retain(|a| !s.aspa_filters.iter().any(|f| f.customer == a.customer));
    // Prefix assertions, excluding duplicates.
    for a in &s.prefix_assertions {
        let v = Vrp::new(a.prefix, a.max_length.unwrap_or(a.prefix.len()), a.asn).unwrap();
        if !out
            .vrps
            .iter()
            .any(|x| x.prefix == v.prefix && x.max_length == v.max_length && x.asn == v.asn)
        {
            out.vrps.push(v);
        }
    }
    // BGPsec assertions, excluding duplicates.
    for a in &s.bgpsec_assertions {
        let k = RouterKey {
            asn: a.asn,
            ski: hex(&unb64(&a.ski).unwrap()),
            public_key: a.public_key.clone(),
            ta: None,
            expires: None,
        };
        if !out.router_keys.iter().any(|x| {
            x.asn == k.asn
                && ref_key_ski(&x.ski) == ref_key_ski(&k.ski)
                && unb64(&x.public_key) == unb64(&k.public_key)
        }) {
            out.router_keys.push(k);
        }
    }
    // ASPA assertions: one ASPA per customer, the union of providers.
    let mut customers: Vec<Asn> = Vec::new();
    for a in &s.aspa_assertions {
        if !customers.contains(&a.customer) {
            customers.push(a.customer);
        }
    }
    let mut appended = Vec::new();
    for c in customers {
        let mut asserted: Vec<Asn> = s
            .aspa_assertions
            .iter()
            .filter(|a| a.customer == c)
            .flat_map(|a| a.providers.clone())
            .collect();
        asserted.sort();
        asserted.dedup();
        let at: Vec<usize> = (0..out.aspas.len())
            .filter(|&i| out.aspas[i].customer == c)
            .collect();
        if at.is_empty() {
            appended.push(Aspa::new(c, asserted));
            continue;
        }
        let mut listed: Vec<Asn> = at
            .iter()
            .flat_map(|&i| out.aspas[i].providers.clone())
            .collect();
        listed.sort();
        listed.dedup();
        if asserted.iter().all(|p| listed.contains(p)) {
            continue;
        }
        let expires = at.iter().filter_map(|&i| out.aspas[i].expires).min();
        listed.extend(asserted);
        let mut merged = Aspa::new(c, listed);
        merged.expires = expires;
        out.aspas[at[0]] = merged;
        for &i in at[1..].iter().rev() {
            out.aspas.remove(i);
        }
    }
    out.aspas.extend(appended);
    out
}

/// Prefixes from a small, overlapping universe: 10.0.0.0/8–/12 and
/// 2001:db8::/32–/36, so filters and VRPs meet often.
fn arb_prefix() -> impl Strategy<Value = Prefix> {
    prop_oneof![
        (0u8..=4, any::<u8>()).prop_map(|(extra, r)| {
            let bits = (10u32 << 24) | (u32::from(r & 0xf0) << 16);
            Prefix::new_relaxed(std::net::Ipv4Addr::from(bits).into(), 8 + extra).unwrap()
        }),
        (0u8..=4, any::<u8>()).prop_map(|(extra, r)| {
            let bits = (0x2001_0db8u128 << 96) | (u128::from(r & 0xf0) << 88);
            Prefix::new_relaxed(std::net::Ipv6Addr::from(bits).into(), 32 + extra).unwrap()
        }),
    ]
}

fn arb_asn() -> impl Strategy<Value = Asn> {
    (0u32..4).prop_map(Asn::new)
}

fn arb_vrp() -> impl Strategy<Value = Vrp> {
    (arb_prefix(), 0u8..3, arb_asn(), any::<bool>()).prop_map(|(p, extra, a, ta)| {
        let v = Vrp::new(p, p.len() + extra, a).unwrap();
        v.with_ta(ta.then(|| Arc::from("ripe")))
    })
}

const SKIS: [[u8; 20]; 3] = [[0xfb; 20], [0x3e; 20], [0x00; 20]];
const KEYS: [[u8; 6]; 2] = [[0xfb, 0xef, 0xbe, 0xfb, 0xef, 0xbe], [1, 2, 3, 4, 5, 6]];

fn arb_router_key() -> impl Strategy<Value = RouterKey> {
    (
        arb_asn(),
        0usize..3,
        0usize..2,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(a, s, k, lower, std)| {
            let ski = if lower {
                hex(&SKIS[s]).to_lowercase()
            } else {
                hex(&SKIS[s])
            };
            let key = b64(&KEYS[k], if std { BASE64STD } else { BASE64URL });
            router_key(a.get(), &ski, &key)
        })
}

fn arb_aspa() -> impl Strategy<Value = Aspa> {
    (
        1u32..5,
        proptest::collection::vec(1u32..9, 1..4),
        proptest::option::of(0i64..100),
        any::<bool>(),
    )
        .prop_map(|(c, p, exp, ta)| {
            let mut a = Aspa::new(Asn::new(c), asns(&p));
            a.expires = exp;
            a.ta = ta.then(|| Arc::from("arin"));
            a
        })
}

fn arb_set() -> impl Strategy<Value = VrpSet> {
    (
        proptest::collection::vec(arb_vrp(), 0..40),
        proptest::collection::vec(arb_router_key(), 0..6),
        proptest::collection::vec(arb_aspa(), 0..6),
    )
        .prop_map(|(vrps, router_keys, aspas)| VrpSet {
            vrps,
            router_keys,
            aspas,
            generated: None,
        })
}

fn arb_comment() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[a-z \"\\\\\n\t\u{1}é😀]{0,12}")
}

fn arb_slurm() -> impl Strategy<Value = Slurm> {
    let prefix_filter = (
        proptest::option::of(arb_prefix()),
        proptest::option::of(arb_asn()),
        arb_comment(),
    )
        .prop_filter("prefix or asn", |(p, a, _)| p.is_some() || a.is_some())
        .prop_map(|(prefix, asn, comment)| PrefixFilter {
            prefix,
            asn,
            comment,
        });
    let bgpsec_filter = (
        proptest::option::of(arb_asn()),
        proptest::option::of(0usize..3),
        arb_comment(),
    )
        .prop_filter("asn or SKI", |(a, s, _)| a.is_some() || s.is_some())
        .prop_map(|(asn, s, comment)| BgpsecFilter {
            asn,
            ski: s.map(|s| b64(&SKIS[s], BASE64URL)),
            comment,
        });
    let aspa_filter = (1u32..5, arb_comment()).prop_map(|(c, comment)| AspaFilter {
        customer: Asn::new(c),
        comment,
    });
    let prefix_assertion = (
        arb_prefix(),
        arb_asn(),
        proptest::option::of(0u8..3),
        arb_comment(),
    )
        .prop_map(|(prefix, asn, extra, comment)| PrefixAssertion {
            prefix,
            asn,
            max_length: extra.map(|e| prefix.len() + e),
            comment,
        });
    let bgpsec_assertion =
        (arb_asn(), 0usize..3, 0usize..2, arb_comment()).prop_map(|(asn, s, k, comment)| {
            BgpsecAssertion {
                asn,
                ski: b64(&SKIS[s], BASE64URL),
                public_key: b64(&KEYS[k], BASE64URL),
                comment,
            }
        });
    let aspa_assertion = (
        1u32..5,
        proptest::collection::vec(1u32..9, 1..4),
        arb_comment(),
    )
        .prop_filter_map("providers other than the customer", |(c, p, comment)| {
            let mut providers: Vec<Asn> =
                asns(&p).into_iter().filter(|&x| x != Asn::new(c)).collect();
            providers.sort();
            providers.dedup();
            (!providers.is_empty()).then(|| AspaAssertion {
                customer: Asn::new(c),
                providers,
                comment,
            })
        });
    (
        1u8..=2,
        proptest::collection::vec(prefix_filter, 0..5),
        proptest::collection::vec(bgpsec_filter, 0..3),
        proptest::collection::vec(aspa_filter, 0..3),
        proptest::collection::vec(prefix_assertion, 0..5),
        proptest::collection::vec(bgpsec_assertion, 0..3),
        proptest::collection::vec(aspa_assertion, 0..4),
    )
        .prop_map(|(version, pf, bf, af, pa, ba, aa)| {
            let v2 = version == 2;
            Slurm {
                version,
                prefix_filters: pf,
                bgpsec_filters: bf,
                aspa_filters: if v2 { af } else { Vec::new() },
                prefix_assertions: pa,
                bgpsec_assertions: ba,
                aspa_assertions: if v2 { aa } else { Vec::new() },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn apply_matches_reference(s in arb_slurm(), set in arb_set()) {
        let want = reference_apply(&s, &set);
        let mut got = set.clone();
        s.apply(&mut got);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn filter_helpers_match_apply(s in arb_slurm(), set in arb_set()) {
        let kept: Vec<Vrp> =
            set.vrps.iter().filter(|v| !s.prefix_filters.iter().any(|f| f.matches(v))).cloned().collect();
        let mut only_filters = s.clone();
        only_filters.prefix_assertions.clear();
        let mut got = set.clone();
        only_filters.apply(&mut got);
        prop_assert_eq!(got.vrps, kept);
    }

    #[test]
    fn to_json_roundtrips(s in arb_slurm()) {
        let json = render::slurm::to_json(&s);
        let back = Slurm::parse(json.as_bytes());
        prop_assert_eq!(back.as_ref().ok(), Some(&s), "{:?}\n{}", back, json);
    }
}
