//! Tests of the RTR codec and session: round trips, the `rpki` crate's own
//! async reader and writer as the reference peer, StayRTR's bis-10 ASPA
//! bytes, scripted byte streams (good and garbage), and a proptest of the
//! session + store against a plain set model.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::pdu::*;
use super::session::*;
use crate::model::{Asn, Family, Prefix};

// ---------------------------------------------------------------- helpers

fn bytes(pdus: &[Pdu]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in pdus {
        p.encode(&mut out).unwrap();
    }
    out
}

fn origin(s: &str, max: u8, asn: u32) -> RouteOrigin {
    RouteOrigin {
        prefix: s.parse().unwrap(),
        max_length: max,
        asn: Asn::new(asn),
    }
}

fn pfx(version: u8, announce: bool, o: RouteOrigin) -> Pdu {
    Pdu::Prefix {
        version,
        announce,
        origin: o,
    }
}

fn eod(version: u8, session: u16, serial: u32) -> Pdu {
    Pdu::EndOfData {
        version,
        session,
        serial,
        timers: (version > 0).then_some(Timers {
            refresh: 3600,
            retry: 600,
            expire: 7200,
        }),
    }
}

fn decode_all(mut buf: &[u8], layout: AspaLayout) -> Vec<Pdu> {
    let mut out = Vec::new();
    while let Some((p, n)) = decode(buf, layout).unwrap() {
        out.push(p);
        buf = &buf[n..];
    }
    assert!(buf.is_empty(), "left over: {buf:?}");
    out
}

/// The single Error Report in `out`.
fn report_in(out: &[u8]) -> ErrorReport {
    match decode(out, AspaLayout::Auto).unwrap() {
        Some((Pdu::ErrorReport(r), n)) if n == out.len() => r,
        other => panic!("no lone error report in {out:?}: {other:?}"),
    }
}

// ---------------------------------------------------------------- strategies

fn prefix_strategy() -> impl Strategy<Value = Prefix> {
    prop_oneof![
        (any::<u32>(), 0u8..=32).prop_map(|(a, l)| Prefix::from_bits_relaxed(
            Family::V4,
            u128::from(a) << 96,
            l
        )
        .unwrap()),
        (any::<u128>(), 0u8..=128)
            .prop_map(|(a, l)| Prefix::from_bits_relaxed(Family::V6, a, l).unwrap()),
    ]
}

fn origin_strategy() -> impl Strategy<Value = RouteOrigin> {
    (prefix_strategy(), any::<u8>(), any::<u32>()).prop_map(|(p, m, a)| {
        let span = p.family().max_len() - p.len();
        RouteOrigin {
            prefix: p,
            max_length: p.len() + m % (span + 1),
            asn: Asn::new(a),
        }
    })
}

fn key_strategy() -> impl Strategy<Value = RouterKeyPayload> {
    (
        any::<[u8; 20]>(),
        any::<u32>(),
        proptest::collection::vec(any::<u8>(), 0..200),
    )
        .prop_map(|(ski, asn, spki)| RouterKeyPayload {
            ski,
            asn: Asn::new(asn),
            spki,
        })
}

fn asns(max: usize) -> impl Strategy<Value = Vec<Asn>> {
    proptest::collection::vec(any::<u32>().prop_map(Asn::new), 0..max)
}

fn wire_strategy() -> impl Strategy<Value = AspaWire> {
    prop_oneof![
        Just(AspaWire::Bis14),
        Just(AspaWire::Bis10(AspaAfi::Ipv4)),
        Just(AspaWire::Bis10(AspaAfi::Ipv6)),
    ]
}

/// Any PDU valid at its version.
fn pdu_strategy() -> impl Strategy<Value = Pdu> {
    (0u8..=MAX_VERSION).prop_flat_map(|version| {
        let timers = (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(a, b, c)| Timers {
            refresh: a,
            retry: b,
            expire: c,
        });
        let mut arms: Vec<BoxedStrategy<Pdu>> = vec![
            (any::<u16>(), any::<u32>())
                .prop_map(move |(session, serial)| Pdu::SerialNotify {
                    version,
                    session,
                    serial,
                })
                .boxed(),
            (any::<u16>(), any::<u32>())
                .prop_map(move |(session, serial)| Pdu::SerialQuery {
                    version,
                    session,
                    serial,
                })
                .boxed(),
            Just(Pdu::ResetQuery { version }).boxed(),
            any::<u16>()
                .prop_map(move |session| Pdu::CacheResponse { version, session })
                .boxed(),
            (any::<bool>(), origin_strategy())
                .prop_map(move |(announce, origin)| Pdu::Prefix {
                    version,
                    announce,
                    origin,
                })
                .boxed(),
            (any::<u16>(), any::<u32>(), timers)
                .prop_map(move |(session, serial, t)| Pdu::EndOfData {
                    version,
                    session,
                    serial,
                    timers: (version > 0).then_some(t),
                })
                .boxed(),
            Just(Pdu::CacheReset { version }).boxed(),
            (
                0u16..12,
                proptest::collection::vec(any::<u8>(), 0..64),
                "\\PC{0,40}",
            )
                .prop_map(move |(code, pdu, text)| {
                    Pdu::ErrorReport(ErrorReport {
                        version,
                        code: ErrorCode(code),
                        pdu,
                        text,
                    })
                })
                .boxed(),
        ];
        if version >= 1 {
            arms.push(
                (any::<bool>(), key_strategy())
                    .prop_map(move |(announce, key)| Pdu::RouterKey {
                        version,
                        announce,
                        key,
                    })
                    .boxed(),
            );
        }
        if version >= 2 {
            arms.push(
                (any::<bool>(), wire_strategy(), any::<u32>(), asns(40))
                    .prop_map(move |(announce, wire, c, providers)| Pdu::Aspa {
                        version,
                        announce,
                        wire,
                        customer: Asn::new(c),
                        providers,
                    })
                    .boxed(),
            );
        }
        proptest::strategy::Union::new(arms)
    })
}

// ---------------------------------------------------------------- codec

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// encode → decode is the identity for every PDU and version, the
    /// length field is the byte count, and every strict prefix needs more
    /// bytes. (An ASPA is decoded in its own layout; Auto agrees except on
    /// the documented ambiguous -14 withdrawals.)
    #[test]
    fn roundtrip(p in pdu_strategy()) {
        let b = p.to_bytes().unwrap();
        prop_assert_eq!(u32::from_be_bytes(b[4..8].try_into().unwrap()) as usize, b.len());
        let layout = match &p {
            Pdu::Aspa { wire, .. } => AspaLayout::of(*wire),
            _ => AspaLayout::Auto,
        };
        prop_assert_eq!(decode(&b, layout).unwrap(), Some((p.clone(), b.len())));
        for cut in [0, 1, 7, b.len() / 2, b.len() - 1] {
            if cut < b.len() {
                prop_assert_eq!(decode(&b[..cut], layout), Ok(None));
            }
        }
        if let Pdu::Aspa { announce, wire, providers, customer, .. } = &p {
            let ambiguous = *wire == AspaWire::Bis14 && !announce && !providers.is_empty()
                && customer.get() >> 25 == 0
                && usize::from(customer.get() as u16) + 1 == providers.len();
            if !ambiguous {
                prop_assert_eq!(decode(&b, AspaLayout::Auto).unwrap(), Some((p.clone(), b.len())));
            }
        }
        // With trailing bytes, the first PDU is the same.
        let mut more = b.clone();
        more.extend_from_slice(&[2, 8, 0, 0, 0, 0, 0, 8]);
        prop_assert_eq!(decode(&more, layout).unwrap(), Some((p, b.len())));
    }

    /// Whatever the bytes: no panic, a consumed count within the buffer,
    /// and a decoded PDU re-encodes to a PDU that decodes to itself.
    #[test]
    fn decode_garbage(b in proptest::collection::vec(any::<u8>(), 0..80), ty in 0u8..13, v in 0u8..4) {
        let mut b = b;
        if b.len() >= 8 {
            b[0] = v;
            b[1] = ty;
            let len = (b.len() as u32).to_be_bytes();
            b[4..8].copy_from_slice(&len);
        }
        for layout in [AspaLayout::Auto, AspaLayout::Bis10, AspaLayout::Bis14] {
            match decode(&b, layout) {
                Ok(Some((p, n))) => {
                    prop_assert!(n <= b.len() && n >= HEADER_LEN);
                    let again = p.to_bytes().unwrap();
                    let l = match &p { Pdu::Aspa { wire, .. } => AspaLayout::of(*wire), _ => layout };
                    prop_assert_eq!(decode(&again, l).unwrap(), Some((p, again.len())));
                }
                Ok(None) => prop_assert!(b.len() < HEADER_LEN || u32::from_be_bytes(b[4..8].try_into().unwrap()) as usize > b.len()),
                Err(e) => {
                    prop_assert!(e.pdu.len() <= b.len());
                    prop_assert!(!e.code().is_empty());
                }
            }
        }
    }
}

#[test]
fn stayrtr_bis10_aspa_bytes() {
    // Captured from StayRTR 0.5.1 (research notes §3).
    // 02 0b 0000 | 00000018 | 01 | 00 | 0002 | 000003b1 | 0000339d 00024b61
    let b = hex(concat!(
        "020b0000", "00000018", "01", "00", "0002", "000003b1", "0000339d", "00024b61"
    ));
    assert_eq!(b.len(), 24);
    let want = Pdu::Aspa {
        version: 2,
        announce: true,
        wire: AspaWire::Bis10(AspaAfi::Ipv4),
        customer: Asn::new(945),
        providers: vec![Asn::new(13213), Asn::new(150369)],
    };
    for layout in [AspaLayout::Auto, AspaLayout::Bis10] {
        assert_eq!(decode(&b, layout).unwrap(), Some((want.clone(), 24)));
    }
    assert_eq!(want.to_bytes().unwrap(), b);
    // Read as bis-14 it is what rpki 0.20.1 silently makes of it: a
    // withdrawal of customer 0x01000002 with the real customer as a
    // provider. Pinning the wrong layout is on the user; Auto gets it right.
    assert_eq!(
        decode(&b, AspaLayout::Bis14).unwrap(),
        Some((
            Pdu::Aspa {
                version: 2,
                announce: false,
                wire: AspaWire::Bis14,
                customer: Asn::new(0x0100_0002),
                providers: vec![Asn::new(945), Asn::new(13213), Asn::new(150369)],
            },
            24
        ))
    );
    // The IPv6 list: AFI byte 1; a withdrawal: flags 0.
    let mut v6 = b.clone();
    v6[9] = 1;
    v6[8] = 0;
    assert!(matches!(
        decode(&v6, AspaLayout::Auto).unwrap(),
        Some((
            Pdu::Aspa {
                announce: false,
                wire: AspaWire::Bis10(AspaAfi::Ipv6),
                ..
            },
            24
        ))
    ));
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[test]
fn bis14_detection() {
    // Announcement: flags in header byte 2.
    let ann = Pdu::Aspa {
        version: 2,
        announce: true,
        wire: AspaWire::Bis14,
        customer: Asn::new(64500),
        providers: vec![Asn::new(1), Asn::new(2)],
    };
    let b = ann.to_bytes().unwrap();
    assert_eq!(&b[..8], &[2, 11, 1, 0, 0, 0, 0, 20]);
    assert_eq!(decode(&b, AspaLayout::Auto).unwrap(), Some((ann, 20)));
    // Withdrawal with an empty list: length 12 (rpki's reader refuses it).
    let wd = Pdu::Aspa {
        version: 2,
        announce: false,
        wire: AspaWire::Bis14,
        customer: Asn::new(64500),
        providers: vec![],
    };
    let b = wd.to_bytes().unwrap();
    assert_eq!(b.len(), 12);
    assert_eq!(decode(&b, AspaLayout::Auto).unwrap(), Some((wd, 12)));
    // Forced bis-10 on a bis-14 announcement: an ASPA error (code 9).
    let e = decode(
        &Pdu::Aspa {
            version: 2,
            announce: true,
            wire: AspaWire::Bis14,
            customer: Asn::new(7),
            providers: vec![Asn::new(1)],
        }
        .to_bytes()
        .unwrap(),
        AspaLayout::Bis10,
    )
    .unwrap_err();
    assert_eq!(e.code(), "bad-aspa");
    assert_eq!(e.error_code(), ErrorCode::ASPA_PROVIDER_LIST_ERROR);
}

#[test]
fn limits_and_garbage() {
    let dec = |b: &[u8]| decode(b, AspaLayout::Auto);
    // Huge length: fails on the header alone.
    let e = dec(&[2, 4, 0, 0, 0x7f, 0xff, 0xff, 0xff]).unwrap_err();
    assert_eq!(
        (e.code(), e.error_code()),
        ("too-long", ErrorCode::CORRUPT_DATA)
    );
    assert_eq!(e.pdu, vec![2, 4, 0, 0, 0x7f, 0xff, 0xff, 0xff]);
    // MAX_PDU_LEN itself waits for the bytes.
    assert_eq!(dec(&[2, 10, 0, 0, 0, 0, 0xff, 0xff]), Ok(None));
    // Length below the header, wrong fixed sizes.
    assert_eq!(
        dec(&[2, 2, 0, 0, 0, 0, 0, 4]).unwrap_err().code(),
        "bad-length"
    );
    assert_eq!(
        dec(&[2, 4, 0, 0, 0, 0, 0, 24]).unwrap_err().code(),
        "bad-length"
    );
    assert_eq!(
        dec(&[0, 7, 0, 0, 0, 0, 0, 24]).unwrap_err().code(),
        "bad-length"
    );
    assert_eq!(
        dec(&[1, 7, 0, 0, 0, 0, 0, 12]).unwrap_err().code(),
        "bad-length"
    );
    // Unknown types: 5 (reserved) and 42.
    for ty in [5, 42, 12, 255] {
        let e = dec(&[1, ty, 0, 0, 0, 0, 0, 8]).unwrap_err();
        assert_eq!(
            (e.code(), e.error_code()),
            ("unsupported-type", ErrorCode::UNSUPPORTED_PDU_TYPE)
        );
        assert_eq!(e.pdu_type, Some(ty));
    }
    // Version 3.
    let e = dec(&[3, 2, 0, 0, 0, 0, 0, 8]).unwrap_err();
    assert_eq!(e.error_code(), ErrorCode::UNSUPPORTED_PROTOCOL_VERSION);
    // Router key in v0, ASPA in v1.
    let mut rk = Pdu::RouterKey {
        version: 1,
        announce: true,
        key: RouterKeyPayload {
            ski: [1; 20],
            asn: Asn::new(5),
            spki: vec![1, 2, 3],
        },
    }
    .to_bytes()
    .unwrap();
    rk[0] = 0;
    assert_eq!(dec(&rk).unwrap_err().code(), "type-not-in-version");
    let mut aspa = Pdu::Aspa {
        version: 2,
        announce: true,
        wire: AspaWire::Bis14,
        customer: Asn::new(1),
        providers: vec![Asn::new(2)],
    }
    .to_bytes()
    .unwrap();
    aspa[0] = 1;
    assert_eq!(
        dec(&aspa).unwrap_err().error_code(),
        ErrorCode::UNSUPPORTED_PDU_TYPE
    );
    // Reserved fields (RFC 8210 §5): prefix zero byte, reset query field,
    // router key zero byte.
    let mut p = pfx(1, true, origin("192.0.2.0/24", 24, 1))
        .to_bytes()
        .unwrap();
    p[11] = 1;
    assert_eq!(dec(&p).unwrap_err().code(), "reserved-not-zero");
    assert_eq!(
        dec(&[1, 2, 0, 1, 0, 0, 0, 8]).unwrap_err().code(),
        "reserved-not-zero"
    );
    rk[0] = 1;
    rk[3] = 1;
    assert_eq!(dec(&rk).unwrap_err().code(), "reserved-not-zero");
    // Prefix lengths.
    let mut p = pfx(1, true, origin("192.0.2.0/24", 24, 1))
        .to_bytes()
        .unwrap();
    p[9] = 33;
    assert_eq!(dec(&p).unwrap_err().code(), "bad-prefix");
    p[9] = 24;
    p[10] = 23;
    assert_eq!(dec(&p).unwrap_err().code(), "bad-prefix");
    // Host bits are cleared (like rpki's relaxed reading).
    let mut p = pfx(1, true, origin("192.0.2.0/24", 24, 1))
        .to_bytes()
        .unwrap();
    p[15] = 7;
    assert_eq!(
        dec(&p).unwrap().unwrap().0,
        pfx(1, true, origin("192.0.2.0/24", 24, 1))
    );
    // SPKI cap.
    let big = Pdu::RouterKey {
        version: 1,
        announce: true,
        key: RouterKeyPayload {
            ski: [0; 20],
            asn: Asn::new(1),
            spki: vec![0; MAX_SPKI_LEN + 1],
        },
    };
    assert_eq!(big.to_bytes().unwrap_err().code(), "spki-too-long");
    let mut raw = vec![1, 9, 1, 0];
    raw.extend_from_slice(&((32 + MAX_SPKI_LEN + 1) as u32).to_be_bytes());
    raw.resize(32 + MAX_SPKI_LEN + 1, 0);
    assert_eq!(dec(&raw).unwrap_err().code(), "spki-too-long");
    // Provider cap: 16,380 fit a bis-14 PDU; 16,381 do not.
    let many = |n: usize, wire| Pdu::Aspa {
        version: 2,
        announce: true,
        wire,
        customer: Asn::new(1),
        providers: (0..n as u32).map(Asn::new).collect(),
    };
    let ok = many(MAX_PROVIDERS, AspaWire::Bis14).to_bytes().unwrap();
    assert_eq!(ok.len(), 12 + 4 * MAX_PROVIDERS);
    assert_eq!(dec(&ok).unwrap().unwrap().1, ok.len());
    assert_eq!(
        many(MAX_PROVIDERS + 1, AspaWire::Bis14)
            .to_bytes()
            .unwrap_err()
            .code(),
        "too-many-providers"
    );
    // bis-10 has 4 more bytes: 16,380 would exceed 65,535.
    assert_eq!(
        many(MAX_PROVIDERS, AspaWire::Bis10(AspaAfi::Ipv4))
            .to_bytes()
            .unwrap_err()
            .code(),
        "too-long"
    );
    // bis-10 count that disagrees with the length.
    let mut b10 = many(2, AspaWire::Bis10(AspaAfi::Ipv4)).to_bytes().unwrap();
    b10[11] = 3;
    assert_eq!(
        decode(&b10, AspaLayout::Bis10).unwrap_err().code(),
        "bad-aspa"
    );
    // Encoding a type the version lacks, or timers that do not fit it.
    assert_eq!(
        Pdu::EndOfData {
            version: 0,
            session: 1,
            serial: 1,
            timers: Some(Timers::default())
        }
        .to_bytes()
        .unwrap_err()
        .code(),
        "type-not-in-version"
    );
    assert_eq!(
        Pdu::ResetQuery { version: 3 }
            .to_bytes()
            .unwrap_err()
            .code(),
        "unsupported-version"
    );
}

#[test]
fn error_report_lengths() {
    let r = Pdu::ErrorReport(ErrorReport {
        version: 1,
        code: ErrorCode::CORRUPT_DATA,
        pdu: vec![1, 2, 3],
        text: "bad".into(),
    });
    let b = r.to_bytes().unwrap();
    assert_eq!(b.len(), 8 + 4 + 3 + 4 + 3);
    // Encapsulated length beyond the PDU.
    let mut x = b.clone();
    x[11] = 200;
    assert_eq!(
        decode(&x, AspaLayout::Auto).unwrap_err().code(),
        "bad-error-report"
    );
    // Text length short of the PDU end, and beyond it.
    let mut x = b.clone();
    x[18] = 2;
    assert_eq!(
        decode(&x, AspaLayout::Auto).unwrap_err().code(),
        "bad-error-report"
    );
    let mut x = b.clone();
    x[18] = 9;
    assert_eq!(
        decode(&x, AspaLayout::Auto).unwrap_err().code(),
        "bad-error-report"
    );
    // Truncated: the PDU length says more than the two lengths cover.
    let mut x = b.clone();
    x[7] += 1;
    x.push(0);
    assert_eq!(
        decode(&x, AspaLayout::Auto).unwrap_err().code(),
        "bad-error-report"
    );
    // No room for the text length at all.
    let x = [1u8, 10, 0, 0, 0, 0, 0, 16, 0, 0, 0, 4, 1, 2, 3, 4];
    assert_eq!(
        decode(&x, AspaLayout::Auto).unwrap_err().code(),
        "bad-error-report"
    );
    // Invalid UTF-8 is kept, replaced.
    let mut x = b.clone();
    x[19] = 0xff;
    match decode(&x, AspaLayout::Auto).unwrap().unwrap().0 {
        Pdu::ErrorReport(e) => assert_eq!(e.text, "\u{fffd}ad"),
        other => panic!("{other:?}"),
    }
    // ErrorReport::new cuts text and PDU so that it always encodes.
    let long = "é".repeat(MAX_ERROR_TEXT_LEN);
    let e = ErrorReport::new(2, ErrorCode::CORRUPT_DATA, &vec![7; 70_000], &long);
    assert!(e.text.len() <= MAX_ERROR_TEXT_LEN && e.text.chars().all(|c| c == 'é'));
    let b = Pdu::ErrorReport(e).to_bytes().unwrap();
    assert_eq!(b.len(), MAX_PDU_LEN as usize);
}

// ---------------------------------------------------------------- vs rpki

mod reference {
    use rpki::resources::Asn as RAsn;
    use rpki::rtr::pdu as r;
    use rpki::rtr::state::{Serial as RSerial, State};

    use super::*;

    fn block<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    /// What rpki writes for `p`, and what it makes of our bytes (read with
    /// its reader and written again); `None` where rpki has no equivalent
    /// (a bis-10 ASPA) or no reader (Error Report: writer only; an ASPA
    /// withdrawal with no providers, which its reader refuses).
    fn rpki_bytes(p: &Pdu, ours: &[u8]) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
        block(async move {
            let mut w = Vec::new();
            let mut src = ours;
            let mut back = Vec::new();
            let state = |s: u16, n: u32| State::from_parts(s, RSerial(n));
            let read_back: bool;
            match p {
                Pdu::SerialNotify {
                    version,
                    session,
                    serial,
                } => {
                    r::SerialNotify::new(*version, state(*session, *serial))
                        .write(&mut w)
                        .await
                        .unwrap();
                    r::SerialNotify::read(&mut src)
                        .await
                        .unwrap()
                        .write(&mut back)
                        .await
                        .unwrap();
                    read_back = true;
                }
                Pdu::SerialQuery {
                    version,
                    session,
                    serial,
                } => {
                    r::SerialQuery::new(*version, state(*session, *serial))
                        .write(&mut w)
                        .await
                        .unwrap();
                    r::SerialQuery::read(&mut src)
                        .await
                        .unwrap()
                        .write(&mut back)
                        .await
                        .unwrap();
                    read_back = true;
                }
                Pdu::ResetQuery { version } => {
                    r::ResetQuery::new(*version).write(&mut w).await.unwrap();
                    r::ResetQuery::read(&mut src)
                        .await
                        .unwrap()
                        .write(&mut back)
                        .await
                        .unwrap();
                    read_back = true;
                }
                Pdu::CacheResponse { version, session } => {
                    r::CacheResponse::new(*version, state(*session, 0))
                        .write(&mut w)
                        .await
                        .unwrap();
                    r::CacheResponse::read(&mut src)
                        .await
                        .unwrap()
                        .write(&mut back)
                        .await
                        .unwrap();
                    read_back = true;
                }
                Pdu::Prefix {
                    version,
                    announce,
                    origin,
                } => {
                    let flags = u8::from(*announce);
                    let asn = RAsn::from_u32(origin.asn.get());
                    let (plen, max) = (origin.prefix.len(), origin.max_length);
                    match origin.prefix.addr() {
                        std::net::IpAddr::V4(a) => {
                            r::Ipv4Prefix::new(*version, flags, plen, max, a, asn)
                                .write(&mut w)
                                .await
                                .unwrap();
                            r::Ipv4Prefix::read(&mut src)
                                .await
                                .unwrap()
                                .write(&mut back)
                                .await
                                .unwrap();
                        }
                        std::net::IpAddr::V6(a) => {
                            r::Ipv6Prefix::new(*version, flags, plen, max, a, asn)
                                .write(&mut w)
                                .await
                                .unwrap();
                            r::Ipv6Prefix::read(&mut src)
                                .await
                                .unwrap()
                                .write(&mut back)
                                .await
                                .unwrap();
                        }
                    }
                    read_back = true;
                }
                Pdu::EndOfData {
                    version,
                    session,
                    serial,
                    timers,
                } => {
                    let t = timers.unwrap_or_default().into();
                    r::EndOfData::new(*version, state(*session, *serial), t)
                        .write(&mut w)
                        .await
                        .unwrap();
                    let h = r::Header::read(&mut src).await.unwrap();
                    let e = r::EndOfData::read_payload(h, &mut src).await.unwrap();
                    assert_eq!(e.session(), *session);
                    assert_eq!(e.serial(), RSerial(*serial));
                    assert_eq!(e.timing().map(Timers::from), *timers);
                    e.write(&mut back).await.unwrap();
                    read_back = true;
                }
                Pdu::CacheReset { version } => {
                    r::CacheReset::new(*version).write(&mut w).await.unwrap();
                    r::CacheReset::read(&mut src)
                        .await
                        .unwrap()
                        .write(&mut back)
                        .await
                        .unwrap();
                    read_back = true;
                }
                Pdu::RouterKey {
                    version,
                    announce,
                    key,
                } => {
                    let info = r::RouterKeyInfo::try_from(key.spki.clone()).unwrap();
                    r::RouterKey::new(
                        *version,
                        u8::from(*announce),
                        key.ski,
                        RAsn::from_u32(key.asn.get()),
                        info,
                    )
                    .write(&mut w)
                    .await
                    .unwrap();
                    let k = r::RouterKey::read(&mut src).await.unwrap();
                    assert_eq!(k.key_identifier(), key.ski);
                    assert_eq!(k.asn().into_u32(), key.asn.get());
                    assert_eq!(k.flags() & 1, u8::from(*announce));
                    k.write(&mut back).await.unwrap();
                    read_back = true;
                }
                Pdu::ErrorReport(e) => {
                    r::Error::new(e.version, e.code.0, &e.pdu, e.text.as_bytes())
                        .write(&mut w)
                        .await
                        .unwrap();
                    read_back = false;
                }
                Pdu::Aspa {
                    version,
                    announce,
                    wire: AspaWire::Bis14,
                    customer,
                    providers,
                } => {
                    let ps = r::ProviderAsns::try_from_iter(
                        providers.iter().map(|p| RAsn::from_u32(p.get())),
                    )
                    .unwrap();
                    r::Aspa::new(
                        *version,
                        u8::from(*announce),
                        RAsn::from_u32(customer.get()),
                        ps,
                    )
                    .write(&mut w)
                    .await
                    .unwrap();
                    read_back = !providers.is_empty();
                    if read_back {
                        let a = r::Aspa::read(&mut src).await.unwrap();
                        assert_eq!(a.customer().into_u32(), customer.get());
                        let got: Vec<u32> = a.providers().iter().map(|p| p.into_u32()).collect();
                        let want: Vec<u32> = providers.iter().map(|p| p.get()).collect();
                        assert_eq!(got, want);
                        a.write(&mut back).await.unwrap();
                    }
                }
                Pdu::Aspa { .. } => return None,
            }
            if read_back {
                assert!(src.is_empty(), "rpki left {} bytes", src.len());
            }
            Some((w, read_back.then_some(back)))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Our bytes equal rpki's for every PDU type it has; rpki reads
        /// our bytes back to the same bytes; we read rpki's bytes to the
        /// same PDU.
        #[test]
        fn same_bytes_as_rpki(p in pdu_strategy()) {
            let ours = p.to_bytes().unwrap();
            if let Some((theirs, back)) = rpki_bytes(&p, &ours) {
                prop_assert_eq!(&theirs, &ours, "{:?}", p);
                if let Some(back) = back {
                    prop_assert_eq!(&back, &ours);
                }
                let layout = match &p { Pdu::Aspa { wire, .. } => AspaLayout::of(*wire), _ => AspaLayout::Auto };
                prop_assert_eq!(decode(&theirs, layout).unwrap(), Some((p, ours.len())));
            }
        }
    }

    /// One of each PDU type rpki supports, at each version it exists in:
    /// the exhaustive list the proptest samples from.
    #[test]
    fn every_type_every_version() {
        let mut compared = BTreeSet::new();
        for version in 0..=MAX_VERSION {
            let mut pdus = vec![
                Pdu::SerialNotify {
                    version,
                    session: 0xb54a,
                    serial: 7,
                },
                Pdu::SerialQuery {
                    version,
                    session: 0xb54a,
                    serial: u32::MAX,
                },
                Pdu::ResetQuery { version },
                Pdu::CacheResponse {
                    version,
                    session: 1,
                },
                pfx(version, true, origin("192.0.2.0/24", 32, 64500)),
                pfx(version, false, origin("2001:db8::/32", 48, 64501)),
                eod(version, 9, 1),
                Pdu::CacheReset { version },
                Pdu::ErrorReport(ErrorReport::new(
                    version,
                    ErrorCode::DUPLICATE_ANNOUNCEMENT_RECEIVED,
                    &[1, 2],
                    "dup",
                )),
            ];
            if version >= 1 {
                pdus.push(Pdu::RouterKey {
                    version,
                    announce: true,
                    key: RouterKeyPayload {
                        ski: [0xab; 20],
                        asn: Asn::new(64502),
                        spki: vec![0x30; 91],
                    },
                });
            }
            if version >= 2 {
                pdus.push(Pdu::Aspa {
                    version,
                    announce: true,
                    wire: AspaWire::Bis14,
                    customer: Asn::new(945),
                    providers: vec![Asn::new(13213), Asn::new(150369)],
                });
                pdus.push(Pdu::Aspa {
                    version,
                    announce: false,
                    wire: AspaWire::Bis14,
                    customer: Asn::new(945),
                    providers: vec![],
                });
            }
            for p in pdus {
                let ours = p.to_bytes().unwrap();
                let (theirs, back) = rpki_bytes(&p, &ours).unwrap();
                assert_eq!(theirs, ours, "{p:?}");
                if let Some(back) = back {
                    assert_eq!(back, ours);
                }
                compared.insert((p.pdu_type(), version));
            }
        }
        // 9 types at v0 (0-4, 6-8, 10), 10 at v1 (+ 9), 11 at v2 (+ 11).
        assert_eq!(compared.len(), 9 + 10 + 11);
    }

    /// rpki's own client-side conversion of a bis-14 ASPA matches ours, and
    /// its payload types convert to ours.
    #[test]
    fn timers_and_state_types() {
        let t = rpki::rtr::payload::Timing {
            refresh: 1,
            retry: 2,
            expire: 3,
        };
        let ours = Timers::from(t);
        assert_eq!((ours.refresh, ours.retry, ours.expire), (1, 2, 3));
        let back: rpki::rtr::payload::Timing = ours.into();
        assert_eq!((back.refresh, back.retry, back.expire), (1, 2, 3));
        assert_eq!(
            Timers::default(),
            Timers {
                refresh: 3600,
                retry: 600,
                expire: 7200
            }
        );
        // RFC 1982 comparison comes from rpki's Serial.
        assert!(Serial(u32::MAX) < Serial(0));
    }
}

// ---------------------------------------------------------------- session

fn started(opts: SessionOptions) -> (Session, Vec<u8>) {
    let mut s = Session::new(opts);
    s.start();
    let out = s.take_output();
    (s, out)
}

fn reset_stream(version: u8, session: u16, serial: u32, origins: &[RouteOrigin]) -> Vec<u8> {
    let mut pdus = vec![Pdu::CacheResponse { version, session }];
    pdus.extend(origins.iter().map(|o| pfx(version, true, *o)));
    pdus.push(eod(version, session, serial));
    bytes(&pdus)
}

fn one_update(events: Vec<Event>) -> Delta {
    match <[Event; 1]>::try_from(events) {
        Ok([Event::Update(d)]) => d,
        Ok(other) => panic!("expected one update, got {other:?}"),
        Err(v) => panic!("expected one update, got {v:?}"),
    }
}

#[test]
fn full_reset_then_serial_delta() {
    let (mut s, out) = started(SessionOptions::default());
    assert_eq!(out, bytes(&[Pdu::ResetQuery { version: 2 }]));
    let a = origin("192.0.2.0/24", 24, 64500);
    let b = origin("2001:db8::/32", 40, 64501);
    let c = origin("198.51.100.0/24", 24, 64502);
    let stream = reset_stream(2, 0xb54a, 0, &[a, b]);
    assert_eq!(decode_all(&stream, AspaLayout::Auto).len(), 4);
    // Byte by byte: nothing until End of Data.
    let mut events = Vec::new();
    for (i, byte) in stream.iter().enumerate() {
        let ev = s.feed(std::slice::from_ref(byte));
        if i + 1 < stream.len() {
            assert!(ev.is_empty(), "event before End of Data: {ev:?}");
        }
        events.extend(ev);
    }
    let d = one_update(events);
    assert!(d.reset);
    assert_eq!((d.session, d.serial, d.version), (0xb54a, Serial(0), 2));
    assert_eq!(d.announce.origins, vec![a, b]);
    assert_eq!(d.timers.refresh, 3600);
    let mut store = PayloadSet::new();
    store.apply(&d).unwrap();
    assert_eq!(s.state(), Some((0xb54a, Serial(0))));
    assert!(s.take_output().is_empty());
    // Refresh: a Serial Query.
    assert!(s.query());
    assert_eq!(
        s.take_output(),
        bytes(&[Pdu::SerialQuery {
            version: 2,
            session: 0xb54a,
            serial: 0
        }])
    );
    assert!(!s.query(), "one query at a time");
    let delta = bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 0xb54a,
        },
        pfx(2, true, c),
        pfx(2, false, a),
        eod(2, 0xb54a, 1),
    ]);
    let d = one_update(s.feed(&delta));
    assert!(!d.reset);
    assert_eq!(
        (d.announce.origins.clone(), d.withdraw.origins.clone()),
        (vec![c], vec![a])
    );
    store.apply(&d).unwrap();
    assert_eq!(store.origins().copied().collect::<Vec<_>>(), vec![c, b]);
    assert_eq!(s.state(), Some((0xb54a, Serial(1))));
}

#[test]
fn serial_notify_and_cache_reset() {
    let mut s = Session::with_state(SessionOptions::default(), 7, Serial(3));
    s.start();
    assert_eq!(
        s.take_output(),
        bytes(&[Pdu::SerialQuery {
            version: 2,
            session: 7,
            serial: 3
        }])
    );
    // Cache Reset: a Reset Query follows, the state is gone.
    assert_eq!(
        s.feed(&bytes(&[Pdu::CacheReset { version: 2 }])),
        vec![Event::CacheReset]
    );
    assert_eq!(s.take_output(), bytes(&[Pdu::ResetQuery { version: 2 }]));
    assert_eq!(s.state(), None);
    let d = one_update(s.feed(&reset_stream(2, 8, 10, &[origin("192.0.2.0/24", 24, 1)])));
    assert!(d.reset && d.session == 8);
    // Serial Notify while idle: a Serial Query at once.
    let ev = s.feed(&bytes(&[Pdu::SerialNotify {
        version: 2,
        session: 8,
        serial: 11,
    }]));
    assert_eq!(
        ev,
        vec![Event::SerialNotify {
            session: 8,
            serial: 11,
            queried: true
        }]
    );
    assert_eq!(
        s.take_output(),
        bytes(&[Pdu::SerialQuery {
            version: 2,
            session: 8,
            serial: 10
        }])
    );
    // Serial Notify within the response: queried after End of Data.
    let ev = s.feed(&bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 8,
        },
        Pdu::SerialNotify {
            version: 2,
            session: 8,
            serial: 12,
        },
    ]));
    assert_eq!(
        ev,
        vec![Event::SerialNotify {
            session: 8,
            serial: 12,
            queried: false
        }]
    );
    assert!(s.take_output().is_empty());
    let d = one_update(s.feed(&bytes(&[eod(2, 8, 11)])));
    assert!(d.announce.is_empty() && d.withdraw.is_empty());
    assert_eq!(
        s.take_output(),
        bytes(&[Pdu::SerialQuery {
            version: 2,
            session: 8,
            serial: 11
        }])
    );
    // Cache Reset in answer to a Reset Query is out of sequence.
    let mut r = Session::new(SessionOptions::default());
    r.start();
    r.take_output();
    let ev = r.feed(&bytes(&[Pdu::CacheReset { version: 2 }]));
    assert!(matches!(
        &ev[..],
        [Event::Error(SessionError::UnexpectedPdu {
            pdu_type: 8,
            ..
        })]
    ));
    let rep = report_in(&r.take_output());
    assert_eq!(
        (rep.code, rep.pdu.clone()),
        (
            ErrorCode::CORRUPT_DATA,
            bytes(&[Pdu::CacheReset { version: 2 }])
        )
    );
}

#[test]
fn version_downgrade_silent_and_by_error_report() {
    // StayRTR -protocol 1: answers a v2 Reset Query in v1.
    let (mut s, _) = started(SessionOptions::default());
    let d = one_update(s.feed(&reset_stream(1, 5, 0, &[origin("192.0.2.0/24", 24, 1)])));
    assert_eq!(d.version, 1);
    assert!(s.negotiated());
    assert!(s.query());
    assert_eq!(
        s.take_output(),
        bytes(&[Pdu::SerialQuery {
            version: 1,
            session: 5,
            serial: 0
        }])
    );
    // Once negotiated, a v2 PDU (a flip) is fatal code 8.
    let flip = bytes(&[Pdu::CacheResponse {
        version: 2,
        session: 5,
    }]);
    let ev = s.feed(&flip);
    assert!(matches!(
        &ev[..],
        [Event::Error(SessionError::VersionMismatch {
            expected: 1,
            got: 2,
            offset: 52
        })]
    ));
    let rep = report_in(&s.take_output());
    assert_eq!(
        (rep.version, rep.code, rep.pdu),
        (1, ErrorCode::UNEXPECTED_PROTOCOL_VERSION, flip)
    );
    // Bytes after a fatal error are ignored.
    assert!(s.feed(&[0; 40]).is_empty());

    // Error Report code 4 at version 1: downgrade once, then v1 queries.
    let (mut s, _) = started(SessionOptions::default());
    let e4 = bytes(&[Pdu::ErrorReport(ErrorReport::new(
        1,
        ErrorCode::UNSUPPORTED_PROTOCOL_VERSION,
        &[],
        "v1 only",
    ))]);
    assert_eq!(s.feed(&e4), vec![Event::Downgrade { from: 2, to: 1 }]);
    assert!(
        s.take_output().is_empty(),
        "an Error Report is never answered"
    );
    s.start();
    assert_eq!(s.take_output(), bytes(&[Pdu::ResetQuery { version: 1 }]));
    // A second code 4 is fatal.
    let e4b = bytes(&[Pdu::ErrorReport(ErrorReport::new(
        0,
        ErrorCode::UNSUPPORTED_PROTOCOL_VERSION,
        &[],
        "v0",
    ))]);
    assert!(matches!(
        &s.feed(&e4b)[..],
        [Event::Error(SessionError::Remote {
            code: ErrorCode(4),
            ..
        })]
    ));

    // A higher version than asked (v2 answer to a pinned v1 query): code 8.
    let (mut s, out) = started(SessionOptions {
        version: Some(1),
        ..Default::default()
    });
    assert_eq!(out, bytes(&[Pdu::ResetQuery { version: 1 }]));
    let ev = s.feed(&reset_stream(2, 5, 0, &[]));
    assert!(matches!(
        &ev[..],
        [Event::Error(SessionError::VersionMismatch {
            expected: 1,
            got: 2,
            ..
        })]
    ));
    assert_eq!(
        report_in(&s.take_output()).code,
        ErrorCode::UNEXPECTED_PROTOCOL_VERSION
    );
    // Pinned v1 takes no lower version either.
    let (mut s, _) = started(SessionOptions {
        version: Some(1),
        ..Default::default()
    });
    assert!(matches!(
        &s.feed(&reset_stream(0, 5, 0, &[]))[..],
        [Event::Error(SessionError::VersionMismatch { .. })]
    ));
}

#[test]
fn version_0_has_no_keys_and_short_eod() {
    let (mut s, _) = started(SessionOptions {
        version: Some(0),
        ..Default::default()
    });
    let d = one_update(s.feed(&reset_stream(0, 1, 4, &[origin("10.0.0.0/8", 8, 1)])));
    assert_eq!(d.timers, Timers::default());
    assert_eq!(d.version, 0);
    // A Router Key PDU at v0: Unsupported PDU Type (5).
    s.query();
    s.take_output();
    let mut key = Pdu::RouterKey {
        version: 1,
        announce: true,
        key: RouterKeyPayload {
            ski: [1; 20],
            asn: Asn::new(1),
            spki: vec![9],
        },
    }
    .to_bytes()
    .unwrap();
    key[0] = 0;
    let mut stream = bytes(&[Pdu::CacheResponse {
        version: 0,
        session: 1,
    }]);
    stream.extend_from_slice(&key);
    let ev = s.feed(&stream);
    match &ev[..] {
        [Event::Error(SessionError::Pdu(e))] => {
            // Offsets count from the start of the connection: 40 bytes of
            // reset, then the 8-byte Cache Response.
            assert_eq!((e.code(), e.offset), ("type-not-in-version", 48));
        }
        other => panic!("{other:?}"),
    }
    let rep = report_in(&s.take_output());
    assert_eq!(
        (rep.version, rep.code, rep.pdu),
        (0, ErrorCode::UNSUPPORTED_PDU_TYPE, key)
    );
}

#[test]
fn session_mismatch_and_stale_state() {
    // A Cache Response with another session id than the held one.
    let mut s = Session::with_state(SessionOptions::default(), 7, Serial(3));
    s.start();
    s.take_output();
    let cr = bytes(&[Pdu::CacheResponse {
        version: 2,
        session: 8,
    }]);
    let ev = s.feed(&cr);
    assert!(matches!(
        &ev[..],
        [Event::Error(SessionError::SessionMismatch {
            expected: 7,
            got: 8,
            ..
        })]
    ));
    let rep = report_in(&s.take_output());
    assert_eq!((rep.code, rep.pdu), (ErrorCode::CORRUPT_DATA, cr));
    assert_eq!(s.state(), None, "flushed");
    s.start();
    assert_eq!(s.take_output(), bytes(&[Pdu::ResetQuery { version: 2 }]));
    // End of Data with another session than its Cache Response.
    let ev = s.feed(&bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        eod(2, 2, 0),
    ]));
    assert!(matches!(
        &ev[..],
        [Event::Error(SessionError::SessionMismatch {
            expected: 1,
            got: 2,
            offset: 8
        })]
    ));
    // StayRTR after a restart: Error Report code 0 to our Serial Query.
    let mut s = Session::with_state(SessionOptions::default(), 7, Serial(3));
    s.start();
    s.take_output();
    let e0 = bytes(&[Pdu::ErrorReport(ErrorReport::new(
        2,
        ErrorCode::CORRUPT_DATA,
        &bytes(&[Pdu::SerialQuery {
            version: 2,
            session: 7,
            serial: 3,
        }]),
        "Session ID mismatch: client is desynchronized",
    ))]);
    assert_eq!(
        s.feed(&e0),
        vec![Event::ResetRequired {
            text: "Session ID mismatch: client is desynchronized".into()
        }]
    );
    assert!(s.take_output().is_empty());
    assert_eq!(s.state(), None);
    s.start();
    assert_eq!(s.take_output(), bytes(&[Pdu::ResetQuery { version: 2 }]));
    // No Data Available: not fatal, query again later.
    let e2 = bytes(&[Pdu::ErrorReport(ErrorReport::new(
        2,
        ErrorCode::NO_DATA_AVAILABLE,
        &[],
        "no data",
    ))]);
    assert_eq!(
        s.feed(&e2),
        vec![Event::NoData {
            text: "no data".into()
        }]
    );
    assert!(!s.is_closed());
    assert!(s.query());
    assert_eq!(s.take_output(), bytes(&[Pdu::ResetQuery { version: 2 }]));
    // Any other Error Report: fatal, not answered.
    let e1 = bytes(&[Pdu::ErrorReport(ErrorReport::new(
        2,
        ErrorCode::INTERNAL_ERROR,
        &[],
        "oops",
    ))]);
    assert!(matches!(
        &s.feed(&e1)[..],
        [Event::Error(SessionError::Remote {
            code: ErrorCode(1),
            ..
        })]
    ));
    assert!(s.take_output().is_empty() && s.is_closed());
}

#[test]
fn garbage_streams_give_the_right_error_reports() {
    // (bytes after the Reset Query, expected RTR code, expected encapsulated PDU)
    let cr = bytes(&[Pdu::CacheResponse {
        version: 2,
        session: 1,
    }]);
    let with_cr = |tail: &[u8]| [cr.as_slice(), tail].concat();
    let bad_len = [2u8, 4, 0, 0, 0, 0, 0, 19];
    let huge = [2u8, 4, 0, 0, 0xff, 0xff, 0xff, 0xff];
    let type5 = [2u8, 5, 0, 0, 0, 0, 0, 8];
    let type42 = [2u8, 42, 0, 0, 0, 0, 0, 12, 1, 2, 3, 4];
    let mut trunc_err = bytes(&[Pdu::ErrorReport(ErrorReport::new(
        2,
        ErrorCode::INTERNAL_ERROR,
        &[1, 2, 3],
        "x",
    ))]);
    trunc_err[11] = 99; // encapsulated length beyond the PDU
    let query_from_cache = bytes(&[Pdu::ResetQuery { version: 2 }]);
    let payload_first = bytes(&[pfx(2, true, origin("192.0.2.0/24", 24, 1))]);
    let cases: Vec<(&str, Vec<u8>, ErrorCode, Vec<u8>)> = vec![
        (
            "bad length",
            with_cr(&bad_len),
            ErrorCode::CORRUPT_DATA,
            bad_len.to_vec(),
        ),
        (
            "huge length",
            with_cr(&huge),
            ErrorCode::CORRUPT_DATA,
            huge.to_vec(),
        ),
        (
            "type 5",
            with_cr(&type5),
            ErrorCode::UNSUPPORTED_PDU_TYPE,
            type5.to_vec(),
        ),
        (
            "type 42",
            with_cr(&type42),
            ErrorCode::UNSUPPORTED_PDU_TYPE,
            type42[..8].to_vec(),
        ),
        (
            "truncated error report",
            trunc_err.clone(),
            ErrorCode::CORRUPT_DATA,
            trunc_err.clone(),
        ),
        (
            "query from cache",
            with_cr(&query_from_cache),
            ErrorCode::CORRUPT_DATA,
            query_from_cache.clone(),
        ),
        (
            "payload before cache response",
            payload_first.clone(),
            ErrorCode::CORRUPT_DATA,
            payload_first.clone(),
        ),
        (
            "version 3",
            with_cr(&[3, 4, 0, 0, 0, 0, 0, 20]),
            ErrorCode::UNEXPECTED_PROTOCOL_VERSION,
            vec![3, 4, 0, 0, 0, 0, 0, 20],
        ),
    ];
    for (what, stream, code, pdu) in cases {
        let (mut s, _) = started(SessionOptions::default());
        let ev = s.feed(&stream);
        assert!(matches!(&ev[..], [Event::Error(_)]), "{what}: {ev:?}");
        if let [Event::Error(e)] = &ev[..] {
            assert_eq!(e.error_code(), Some(code), "{what}");
        }
        let rep = report_in(&s.take_output());
        assert_eq!((rep.code, &rep.pdu), (code, &pdu), "{what}");
        assert!(s.is_closed(), "{what}");
    }
}

#[test]
fn eof_mid_pdu_and_mid_update_discards() {
    let (mut s, _) = started(SessionOptions::default());
    let mut stream = reset_stream(
        2,
        1,
        0,
        &[origin("192.0.2.0/24", 24, 1), origin("192.0.2.0/25", 25, 1)],
    );
    stream.truncate(stream.len() - 5); // into the End of Data
    assert!(s.feed(&stream).is_empty());
    let dropped = s.close();
    assert_eq!(
        dropped,
        Dropped {
            update: true,
            partial_bytes: 19
        }
    );
    assert_eq!(s.state(), None);
    // Reconnect: a fresh reset, nothing of the old one leaks in.
    s.start();
    assert_eq!(s.take_output(), bytes(&[Pdu::ResetQuery { version: 2 }]));
    let d = one_update(s.feed(&reset_stream(2, 1, 0, &[origin("10.0.0.0/8", 8, 2)])));
    assert_eq!(d.announce.origins, vec![origin("10.0.0.0/8", 8, 2)]);
    // Keeps (session, serial) across a reconnect for a Serial Query.
    s.close();
    s.start();
    assert_eq!(
        s.take_output(),
        bytes(&[Pdu::SerialQuery {
            version: 2,
            session: 1,
            serial: 0
        }])
    );
}

#[test]
fn apply_errors_are_reported() {
    let (mut s, _) = started(SessionOptions::default());
    let a = origin("192.0.2.0/24", 24, 1);
    let mut store = PayloadSet::new();
    store
        .apply(&one_update(s.feed(&reset_stream(2, 1, 0, &[a]))))
        .unwrap();
    // Duplicate announcement.
    s.query();
    s.take_output();
    let d = one_update(s.feed(&bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        pfx(2, true, a),
        eod(2, 1, 1),
    ])));
    let before = store.clone();
    let e = store.apply(&d).unwrap_err();
    assert_eq!(store, before, "all or nothing");
    assert_eq!(
        (e.code(), e.error_code()),
        (
            "duplicate-announcement",
            ErrorCode::DUPLICATE_ANNOUNCEMENT_RECEIVED
        )
    );
    s.reject(&e);
    let rep = report_in(&s.take_output());
    assert_eq!(
        (rep.code, rep.pdu),
        (ErrorCode(7), pfx(2, true, a).to_bytes().unwrap())
    );
    assert_eq!(s.state(), None, "the next connection resets");
    // Unknown withdrawal; and a withdrawal in a reset.
    let b = origin("10.0.0.0/8", 8, 1);
    let (mut s, _) = started(SessionOptions::default());
    let d = one_update(s.feed(&bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        pfx(2, false, b),
        eod(2, 1, 0),
    ])));
    let e = PayloadSet::new().apply(&d).unwrap_err();
    assert_eq!(e.error_code(), ErrorCode::WITHDRAWAL_OF_UNKNOWN_RECORD);
    s.reject(&e);
    assert_eq!(
        report_in(&s.take_output()).pdu,
        pfx(2, false, b).to_bytes().unwrap()
    );
    // Duplicates within one reset.
    let (mut s, _) = started(SessionOptions::default());
    let d = one_update(s.feed(&reset_stream(2, 1, 0, &[b, b])));
    assert_eq!(
        PayloadSet::new().apply(&d).unwrap_err().code(),
        "duplicate-announcement"
    );
}

fn aspa10(announce: bool, afi: AspaAfi, c: u32, ps: &[u32]) -> Pdu {
    Pdu::Aspa {
        version: 2,
        announce,
        wire: AspaWire::Bis10(afi),
        customer: Asn::new(c),
        providers: ps.iter().map(|&p| Asn::new(p)).collect(),
    }
}

fn aspa14(announce: bool, c: u32, ps: &[u32]) -> Pdu {
    Pdu::Aspa {
        version: 2,
        announce,
        wire: AspaWire::Bis14,
        customer: Asn::new(c),
        providers: ps.iter().map(|&p| Asn::new(p)).collect(),
    }
}

#[test]
fn aspa_bis10_merge_and_stayrtr_order() {
    let (mut s, _) = started(SessionOptions::default());
    let mut store = PayloadSet::new();
    let reset = bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        aspa10(true, AspaAfi::Ipv4, 945, &[13213, 150369]),
        aspa10(true, AspaAfi::Ipv6, 945, &[13213]),
        aspa10(true, AspaAfi::Ipv4, 64500, &[1]),
        eod(2, 1, 0),
    ]);
    store.apply(&one_update(s.feed(&reset))).unwrap();
    let merged = store.aspas();
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0].customer, Asn::new(945));
    assert_eq!(merged[0].providers, vec![Asn::new(13213), Asn::new(150369)]);
    assert_eq!(store.aspa_afi_conflicts(), vec![Asn::new(945)]);
    // StayRTR's serial update: announce the new list, then withdraw the
    // old one, same (customer, AFI).
    s.query();
    s.take_output();
    let upd = bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        aspa10(true, AspaAfi::Ipv4, 64500, &[1, 2]),
        aspa10(false, AspaAfi::Ipv4, 64500, &[1]),
        eod(2, 1, 1),
    ]);
    store.apply(&one_update(s.feed(&upd))).unwrap();
    let merged = store.aspas();
    assert_eq!(merged[1].providers, vec![Asn::new(1), Asn::new(2)]);
    // A bis-14 PDU after bis-10 ones on the same connection: code 0.
    s.query();
    s.take_output();
    let mixed = bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        aspa14(true, 64500, &[3]),
    ]);
    let ev = s.feed(&mixed);
    assert!(matches!(
        &ev[..],
        [Event::Error(SessionError::AspaLayoutMismatch {
            offset: 180,
            ..
        })]
    ));
    let rep = report_in(&s.take_output());
    assert_eq!(
        (rep.code, rep.pdu),
        (ErrorCode::CORRUPT_DATA, bytes(&[aspa14(true, 64500, &[3])]))
    );
}

#[test]
fn aspa_bis14_replace_and_withdraw() {
    let (mut s, _) = started(SessionOptions::default());
    let mut store = PayloadSet::new();
    store
        .apply(&one_update(s.feed(&bytes(&[
            Pdu::CacheResponse {
                version: 2,
                session: 1,
            },
            aspa14(true, 10, &[1]),
            aspa14(true, 20, &[2]),
            eod(2, 1, 0),
        ]))))
        .unwrap();
    s.query();
    s.take_output();
    store
        .apply(&one_update(s.feed(&bytes(&[
            Pdu::CacheResponse {
                version: 2,
                session: 1,
            },
            aspa14(true, 10, &[5, 4]),
            aspa14(false, 20, &[]),
            eod(2, 1, 1),
        ]))))
        .unwrap();
    let merged = store.aspas();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].providers, vec![Asn::new(4), Asn::new(5)]);
    // Pinned bis-10 reads a bis-14 announcement as an ASPA error (code 9).
    let (mut s, _) = started(SessionOptions {
        aspa_layout: AspaLayout::Bis10,
        ..Default::default()
    });
    let ev = s.feed(&bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        aspa14(true, 10, &[1]),
    ]));
    assert!(matches!(&ev[..], [Event::Error(SessionError::Pdu(_))]));
    assert_eq!(
        report_in(&s.take_output()).code,
        ErrorCode::ASPA_PROVIDER_LIST_ERROR
    );
}

#[test]
fn announce_then_withdraw_cancels() {
    let (mut s, _) = started(SessionOptions::default());
    let a = origin("192.0.2.0/24", 24, 1);
    let b = origin("10.0.0.0/8", 8, 1);
    let mut store = PayloadSet::new();
    store
        .apply(&one_update(s.feed(&reset_stream(2, 1, 0, &[a]))))
        .unwrap();
    s.query();
    s.take_output();
    let d = one_update(s.feed(&bytes(&[
        Pdu::CacheResponse {
            version: 2,
            session: 1,
        },
        pfx(2, true, b),
        pfx(2, false, b),
        pfx(2, false, a),
        pfx(2, true, a),
        eod(2, 1, 1),
    ])));
    assert!(d.announce.is_empty() && d.withdraw.is_empty(), "{d:?}");
    store.apply(&d).unwrap();
    assert_eq!(store.origins().copied().collect::<Vec<_>>(), vec![a]);
}

// ---------------------------------------------------------------- model

fn universe() -> Vec<RouteOrigin> {
    let mut v = Vec::new();
    for i in 0..12u32 {
        let p =
            Prefix::from_bits(Family::V4, u128::from(0x0a00_0000 + (i << 8)) << 96, 24).unwrap();
        v.push(RouteOrigin {
            prefix: p,
            max_length: 24,
            asn: Asn::new(64500 + i % 3),
        });
    }
    for i in 0..4u128 {
        let p = Prefix::from_bits(Family::V6, (0x2001_0db8u128 << 96) | (i << 80), 48).unwrap();
        v.push(RouteOrigin {
            prefix: p,
            max_length: 64,
            asn: Asn::new(1),
        });
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random valid deltas (sent as byte streams, cut into random chunks)
    /// applied through the session and PayloadSet equal a plain set model;
    /// ASPAs likewise against a map model (bis-14: replace by customer).
    #[test]
    fn session_matches_set_model(
        updates in proptest::collection::vec(
            proptest::collection::vec(0usize..16, 0..10), 1..8),
        aspa_updates in proptest::collection::vec(
            proptest::collection::vec((any::<bool>(), 0u32..5, proptest::collection::vec(0u32..6, 0..4)), 0..5), 1..8),
        chunk in 1usize..64,
    ) {
        let u = universe();
        let (mut s, _) = started(SessionOptions::default());
        let mut store = PayloadSet::new();
        let mut model: BTreeSet<RouteOrigin> = BTreeSet::new();
        let mut aspa_model: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        let n = updates.len().max(aspa_updates.len());
        for step in 0..n {
            // Build a valid delta against the model (announce absent,
            // withdraw present, each record once).
            let mut pdus = vec![Pdu::CacheResponse { version: 2, session: 9 }];
            let mut touched = BTreeSet::new();
            // Each touched record flips: withdrawn if held, else announced.
            for &i in updates.get(step).map(Vec::as_slice).unwrap_or(&[]) {
                let o = u[i];
                if !touched.insert(i) { continue; }
                if model.remove(&o) {
                    pdus.push(pfx(2, false, o));
                } else {
                    model.insert(o);
                    pdus.push(pfx(2, true, o));
                }
            }
            let mut atouched = BTreeSet::new();
            for (announce, c, ps) in aspa_updates.get(step).cloned().unwrap_or_default() {
                if !atouched.insert(c) { continue; }
                if announce {
                    let mut sorted = ps.clone();
                    sorted.sort_unstable();
                    sorted.dedup();
                    aspa_model.insert(c, sorted);
                    pdus.push(aspa14(true, c, &ps));
                } else if aspa_model.remove(&c).is_some() {
                    pdus.push(aspa14(false, c, &[]));
                }
            }
            pdus.push(eod(2, 9, step as u32));
            if step > 0 {
                prop_assert!(s.query());
                s.take_output();
            }
            let stream = bytes(&pdus);
            let mut events = Vec::new();
            for c in stream.chunks(chunk) {
                events.extend(s.feed(c));
            }
            let d = one_update(events);
            prop_assert_eq!(d.reset, step == 0);
            store.apply(&d).unwrap();
            prop_assert_eq!(store.origins().copied().collect::<Vec<_>>(), model.iter().copied().collect::<Vec<_>>());
            let got: BTreeMap<u32, Vec<u32>> = store
                .aspas()
                .into_iter()
                .map(|a| (a.customer.get(), a.providers.iter().map(|p| p.get()).collect()))
                .collect();
            prop_assert_eq!(got, aspa_model.clone());
            prop_assert_eq!(s.state(), Some((9, Serial(step as u32))));
        }
    }

    /// Whatever the cache sends: no panic, every output is a whole number
    /// of valid PDUs (queries or Error Reports), and after an error only
    /// one Error Report went out.
    #[test]
    fn session_survives_garbage(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..8), start_pdu in pdu_strategy()) {
        let (mut s, _) = started(SessionOptions::default());
        let mut first = start_pdu.to_bytes().unwrap();
        first.extend(chunks.concat());
        let mut out = Vec::new();
        for c in first.chunks(17) {
            let ev = s.feed(c);
            out.extend(s.take_output());
            for e in &ev {
                if let Event::Error(err) = e {
                    prop_assert!(!err.code().is_empty());
                }
            }
        }
        let mut rest = out.as_slice();
        while !rest.is_empty() {
            let (p, n) = decode(rest, AspaLayout::Auto).unwrap().unwrap();
            let ok = matches!(p, Pdu::ErrorReport(_) | Pdu::SerialQuery { .. } | Pdu::ResetQuery { .. });
            prop_assert!(ok, "{:?}", p);
            rest = &rest[n..];
        }
    }

    /// Chunking does not matter: a stream of valid and invalid PDUs fed in
    /// chunks gives the events and output of feeding it whole.
    #[test]
    fn chunking_is_invisible(
        pdus in proptest::collection::vec(pdu_strategy(), 0..12),
        junk in proptest::collection::vec(any::<u8>(), 0..24),
        chunk in 1usize..40,
    ) {
        let mut stream = bytes(&[Pdu::CacheResponse { version: 2, session: 3 }]);
        for p in &pdus {
            p.encode(&mut stream).unwrap();
        }
        stream.extend_from_slice(&junk);
        let run = |chunk: usize| {
            let (mut s, _) = started(SessionOptions::default());
            let mut events = Vec::new();
            let mut out = Vec::new();
            for c in stream.chunks(chunk) {
                events.extend(s.feed(c));
                out.extend(s.take_output());
            }
            (events, out)
        };
        prop_assert_eq!(run(stream.len()), run(chunk));
    }
}
