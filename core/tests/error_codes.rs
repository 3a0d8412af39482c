//! Every error variant's `code()`: the table below is the contract (codes
//! are stable: changing one breaks callers that match on it), unique within
//! each enum, lowercase words joined by hyphens; the crate `Error` gives the
//! inner variant's code and keeps its `kind()`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use routeguard::dataset::{Diagnostic, InputError, LoadError};
use routeguard::diag::Location;
use routeguard::index::irr::{IrrLoadError, IrrQueryError};
use routeguard::io::{Compression, IoError, UnknownCompression};
use routeguard::model::{ModelError, UnknownWord};
use routeguard::parse::mrt::{MrtError, MrtErrorKind};
use routeguard::parse::rpsl::{RpslError, RpslErrorKind};
use routeguard::parse::{ParseError, ParseErrorKind};
use routeguard::slurm::SlurmError;
use routeguard::Error;

fn check(what: &str, table: &[(&'static str, &'static str)]) {
    let mut seen = BTreeSet::new();
    for (got, want) in table {
        assert_eq!(got, want, "{what}: code changed");
        assert!(seen.insert(*got), "{what}: code {got:?} used twice");
        assert!(
            !got.is_empty()
                && got.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{what}: {got:?} is not lowercase-hyphenated words"
        );
    }
}

fn model_errors() -> Vec<ModelError> {
    vec![
        ModelError::InvalidAsn("x".into()),
        ModelError::InvalidPrefix {
            input: "x".into(),
            reason: "bad",
        },
        ModelError::HostBitsSet {
            input: "192.0.2.1/24".into(),
            network: "192.0.2.0/24".into(),
        },
        ModelError::InvalidMaxLength {
            prefix: "192.0.2.0/24".into(),
            max_length: 33,
        },
        ModelError::InvalidAsPath("x".into()),
        ModelError::UnknownWord(UnknownWord::new("role", "x", "a or b")),
    ]
}

#[test]
fn model_codes() {
    let got: Vec<_> = model_errors().iter().map(ModelError::code).collect();
    check(
        "ModelError",
        &got.into_iter()
            .zip([
                "invalid-asn",
                "invalid-prefix",
                "host-bits-set",
                "invalid-max-length",
                "invalid-as-path",
                "unknown-word",
            ])
            .collect::<Vec<_>>(),
    );
    assert_eq!(UnknownWord::new("role", "x", "y").code(), "unknown-word");
}

#[test]
fn parse_codes() {
    use ParseErrorKind as K;
    let kinds = [
        (K::UnknownFormat, "unknown-format"),
        (K::Json("x".into()), "invalid-json"),
        (K::MissingField("asn"), "missing-field"),
        (
            K::InvalidField {
                field: "asn",
                message: "x".into(),
            },
            "invalid-field",
        ),
        (K::Syntax("x".into()), "syntax"),
        (K::Utf8, "invalid-utf8"),
        (K::Limit("x".into()), "limit"),
        (K::Slurm("x".into()), "invalid-slurm"),
        (K::SlurmInput, "slurm-input"),
        (K::Io("x".into()), "read"),
        (
            K::WrongDocument {
                expected: "a PeeringDB API page",
                found: "an array".into(),
            },
            "wrong-document",
        ),
    ];
    let table: Vec<_> = kinds.iter().map(|(k, c)| (k.code(), *c)).collect();
    check("ParseErrorKind", &table);
    // A model error inside gives its own code.
    for m in model_errors() {
        assert_eq!(K::Model(m.clone()).code(), m.code());
    }
    let e = ParseError::at(3, 1, K::Utf8);
    assert_eq!(e.code(), "invalid-utf8");
    assert_eq!(Error::from(e).code(), "invalid-utf8");
}

#[test]
fn rpsl_codes() {
    use RpslErrorKind as K;
    let kinds = [
        (K::Syntax("x".into()), "syntax"),
        (K::Utf8, "invalid-utf8"),
        (K::Limit("x".into()), "limit"),
        (K::Io("x".into()), "read"),
        (K::MissingField("source"), "missing-field"),
        (
            K::InvalidField {
                field: "source",
                message: "x".into(),
            },
            "invalid-field",
        ),
        (K::UnknownClass("x".into()), "unknown-class"),
        (K::DeletedObject("*xxte".into()), "deleted-object"),
        (
            K::MissingAttribute {
                class: "route".into(),
                attribute: "origin",
            },
            "missing-attribute",
        ),
        (
            K::RepeatedAttribute {
                class: "route".into(),
                attribute: "origin".into(),
            },
            "repeated-attribute",
        ),
        (
            K::UnknownAttribute {
                class: "route".into(),
                attribute: "x".into(),
            },
            "unknown-attribute",
        ),
    ];
    let table: Vec<_> = kinds.iter().map(|(k, c)| (k.code(), *c)).collect();
    check("RpslErrorKind", &table);
    for m in model_errors() {
        assert_eq!(K::Model(m.clone()).code(), m.code());
    }
}

#[test]
fn slurm_irr_io_codes() {
    let loc = Location::default();
    let slurm = [
        (
            SlurmError::Json {
                location: loc,
                message: "x".into(),
            },
            "invalid-json",
        ),
        (
            SlurmError::Invalid {
                location: loc,
                message: "x".into(),
            },
            "invalid",
        ),
        (
            SlurmError::Limit {
                location: loc,
                message: "x".into(),
            },
            "limit",
        ),
    ];
    check(
        "SlurmError",
        &slurm
            .iter()
            .map(|(e, c)| (e.code(), *c))
            .collect::<Vec<_>>(),
    );
    let query = [
        (IrrQueryError::SetNotFound("x".into()), "set-not-found"),
        (IrrQueryError::UnknownSource("x".into()), "unknown-source"),
        (IrrQueryError::InvalidName("x".into()), "invalid-set-name"),
    ];
    check(
        "IrrQueryError",
        &query
            .iter()
            .map(|(e, c)| (e.code(), *c))
            .collect::<Vec<_>>(),
    );
    let p = PathBuf::from("f");
    let io = [
        (
            IoError::Open {
                path: p.clone(),
                kind: std::io::ErrorKind::NotFound,
                os_code: None,
                message: "x".into(),
            },
            "open",
        ),
        (
            IoError::Read {
                path: p.clone(),
                kind: std::io::ErrorKind::Other,
                os_code: None,
                message: "x".into(),
            },
            "read",
        ),
        (
            IoError::Corrupt {
                path: p.clone(),
                compression: Compression::Gzip,
                message: "x".into(),
            },
            "corrupt",
        ),
        (
            IoError::TooLarge {
                path: p.clone(),
                compression: Compression::None,
                limit: 1,
            },
            "too-large",
        ),
        (
            IoError::Unsupported {
                path: p,
                compression: Compression::Xz,
            },
            "unsupported",
        ),
    ];
    check(
        "IoError",
        &io.iter().map(|(e, c)| (e.code(), *c)).collect::<Vec<_>>(),
    );
    // The wrappers give the inner code; the kinds name the stage.
    let rpsl = RpslError::at(2, 1, RpslErrorKind::UnknownClass("x".into()));
    let load = IrrLoadError::from(rpsl.clone());
    assert_eq!((load.code(), load.kind()), ("unknown-class", "parse"));
    let e = Error::from(load);
    assert_eq!((e.code(), e.kind()), ("unknown-class", "parse"));
    let load = IrrLoadError::from(io[4].0.clone());
    assert_eq!((load.code(), load.kind()), ("unsupported", "io"));
    let e = Error::from(rpsl.clone());
    assert_eq!((e.code(), e.kind()), ("unknown-class", "parse"));
    let e = Error::from(query[0].0.clone());
    assert_eq!((e.code(), e.kind()), ("set-not-found", "irr"));
    let e = Error::from(slurm[2].0.clone());
    assert_eq!((e.code(), e.kind()), ("limit", "slurm"));
    let e = Error::from(UnknownCompression { input: "lz".into() });
    assert_eq!((e.code(), e.kind()), ("unknown-word", "model"));
    let input = InputError::new("irr.db".into(), rpsl.clone());
    assert_eq!(input.code(), "unknown-class");
    assert_eq!(input.line(), 2);
    let e = Error::from(input);
    assert_eq!((e.code(), e.kind()), ("unknown-class", "parse"));
    let load = LoadError::from(IrrLoadError::from(rpsl.clone()));
    assert_eq!(load, LoadError::Rpsl(rpsl.clone()));
    let d = Diagnostic::from(rpsl);
    assert_eq!((d.code(), d.line()), ("unknown-class", 2));
}

#[test]
fn mrt_codes() {
    let kinds = [
        (MrtErrorKind::Truncated("x".into()), "truncated"),
        (MrtErrorKind::Corrupt("x".into()), "corrupt-record"),
        (MrtErrorKind::TooLarge { length: 1 }, "record-too-large"),
        (MrtErrorKind::MissingPeerTable, "missing-peer-table"),
        (MrtErrorKind::UnknownPeer(1), "unknown-peer"),
        (MrtErrorKind::PathTooLong, "path-too-long"),
        (MrtErrorKind::NotBuilt, "mrt-not-built"),
    ];
    check(
        "MrtErrorKind",
        &kinds
            .iter()
            .map(|(e, c)| (e.code(), *c))
            .collect::<Vec<_>>(),
    );
    // Wrapped model and I/O errors give their own codes.
    let model = MrtErrorKind::from(model_errors()[0].clone());
    assert_eq!(model.code(), model_errors()[0].code());
    let e = MrtError {
        record: 3,
        offset: 140,
        kind: kinds[0].0.clone(),
    };
    assert!(
        e.to_string().starts_with("MRT record 3 at byte 140: "),
        "{e}"
    );
    let input = InputError::new("rib.mrt".into(), e.clone());
    assert_eq!((input.code(), input.line()), ("truncated", 0));
    assert_eq!(input.mrt_record(), Some((3, 140)));
    let err = Error::from(input);
    assert_eq!((err.code(), err.kind()), ("truncated", "parse"));
    let err = Error::from(LoadError::from(e));
    assert_eq!((err.code(), err.kind()), ("truncated", "parse"));
}

#[cfg(feature = "net")]
#[test]
fn whois_codes() {
    use routeguard::net::whois::WhoisError as W;
    use std::time::Duration;
    let all = [
        (
            W::Connect {
                addr: "x".into(),
                message: "x".into(),
            },
            "connect",
        ),
        (
            W::Timeout {
                what: "read",
                after: Duration::from_secs(1),
            },
            "timeout",
        ),
        (
            W::Io {
                kind: std::io::ErrorKind::Other,
                message: "x".into(),
            },
            "io",
        ),
        (
            W::Closed {
                message: "x".into(),
            },
            "closed",
        ),
        (
            W::Protocol {
                message: "x".into(),
            },
            "protocol",
        ),
        (W::TooLarge { limit: 1 }, "too-large"),
        (W::Server("x".into()), "server"),
        (W::Rpsl(RpslError::at(1, 1, RpslErrorKind::Utf8)), "rpsl"),
        (
            W::InvalidQuery {
                message: "x".into(),
            },
            "invalid-query",
        ),
    ];
    check(
        "WhoisError",
        &all.iter().map(|(e, c)| (e.code(), *c)).collect::<Vec<_>>(),
    );
    let e = Error::from(all[0].0.clone());
    assert_eq!((e.code(), e.kind()), ("connect", "whois"));
}

#[cfg(feature = "rpki-objects")]
#[test]
fn rpki_object_codes() {
    use routeguard::parse::rpki_object::{ObjectError as O, ObjectKind};
    let kind = ObjectKind::Roa;
    let all = [
        (O::TooLarge { size: 2, limit: 1 }, "too-large"),
        (
            O::Malformed {
                kind,
                message: "x".into(),
            },
            "malformed",
        ),
        (O::LegacyAspa { version: 0 }, "legacy-aspa"),
        (
            O::ContentType {
                content_type: "x".into(),
                expected: None,
            },
            "content-type",
        ),
        (
            O::Unrecognised {
                signed_object: "x".into(),
                certificate: "y".into(),
            },
            "unrecognised",
        ),
        (
            O::InvalidContent {
                kind,
                message: "x".into(),
            },
            "invalid-content",
        ),
        (O::Internal { kind }, "internal"),
    ];
    check(
        "ObjectError",
        &all.iter().map(|(e, c)| (e.code(), *c)).collect::<Vec<_>>(),
    );
    for (e, _) in &all {
        assert_eq!(e.kind(), "parse");
        let wrapped = Error::from(e.clone());
        assert_eq!((wrapped.code(), wrapped.kind()), (e.code(), "parse"));
    }
    // A file error keeps the I/O error's code and kind.
    let io = O::from(IoError::TooLarge {
        path: PathBuf::from("x.roa"),
        compression: Compression::None,
        limit: 1,
    });
    assert_eq!((io.code(), io.kind()), ("too-large", "io"));
    let e = Error::from(io);
    assert_eq!((e.code(), e.kind()), ("too-large", "io"));
}

#[cfg(feature = "rtr")]
#[test]
fn rtr_codes() {
    use routeguard::net::rtr::pdu::{ErrorCode, PduErrorKind as K};
    use routeguard::net::rtr::session::{ApplyError, Record, SessionError as S};
    let kinds = [
        (K::BadLength { length: 3 }, "bad-length", 0),
        (K::TooLong { length: 1 << 20 }, "too-long", 0),
        (
            K::UnsupportedVersion { version: 3 },
            "unsupported-version",
            4,
        ),
        (K::UnsupportedType, "unsupported-type", 5),
        (K::TypeNotInVersion, "type-not-in-version", 5),
        (K::ReservedNotZero { field: "x" }, "reserved-not-zero", 0),
        (
            K::BadPrefix {
                len: 33,
                max_len: 33,
            },
            "bad-prefix",
            0,
        ),
        (K::SpkiTooLong { length: 1 << 16 }, "spki-too-long", 0),
        (K::BadErrorReport { detail: "x" }, "bad-error-report", 0),
        (
            K::ErrorTextTooLong { length: 1 << 16 },
            "error-text-too-long",
            0,
        ),
        (
            K::TooManyProviders { count: 16_381 },
            "too-many-providers",
            9,
        ),
        (K::BadAspa { layout: "x" }, "bad-aspa", 9),
        (
            K::AspaLayoutMismatch {
                fixed: "x",
                got: "y",
            },
            "aspa-layout-mismatch",
            0,
        ),
    ];
    check(
        "PduErrorKind",
        &kinds
            .iter()
            .map(|(k, c, _)| (k.code(), *c))
            .collect::<Vec<_>>(),
    );
    for (k, c, rtr) in &kinds {
        assert_eq!(k.error_code(), ErrorCode(*rtr), "{c}");
    }
    let sessions = [
        (
            S::UnexpectedPdu {
                pdu_type: 4,
                offset: 0,
                when: "x",
            },
            "unexpected-pdu",
            Some(0),
        ),
        (
            S::VersionMismatch {
                expected: 1,
                got: 2,
                offset: 0,
            },
            "version-mismatch",
            Some(8),
        ),
        (
            S::SessionMismatch {
                expected: 1,
                got: 2,
                offset: 0,
            },
            "session-mismatch",
            Some(0),
        ),
        (
            S::AspaLayoutMismatch {
                fixed: "x",
                got: "y",
                offset: 0,
            },
            "aspa-layout-mismatch",
            Some(0),
        ),
        (
            S::Remote {
                code: ErrorCode(1),
                text: "x".into(),
            },
            "remote",
            None,
        ),
    ];
    let mut table: Vec<_> = sessions.iter().map(|(e, c, _)| (e.code(), *c)).collect();
    table.push(("pdu", "pdu"));
    check("SessionError", &table);
    for (e, c, rtr) in &sessions {
        assert_eq!(e.error_code(), rtr.map(ErrorCode), "{c}");
    }
    let r = Record::Aspa(routeguard::net::rtr::session::AspaRecord {
        customer: routeguard::Asn::new(1),
        afi: None,
        providers: vec![],
    });
    let applies = [
        (
            ApplyError::DuplicateAnnouncement(r.clone()),
            "duplicate-announcement",
            7,
        ),
        (ApplyError::UnknownWithdrawal(r), "unknown-withdrawal", 6),
    ];
    check(
        "ApplyError",
        &applies
            .iter()
            .map(|(e, c, _)| (e.code(), *c))
            .collect::<Vec<_>>(),
    );
    for (e, c, rtr) in &applies {
        assert_eq!(e.error_code(), ErrorCode(*rtr), "{c}");
    }
    // The client's own variants, and the inner codes passed through; all
    // of kind `rtr` in the crate error.
    use routeguard::net::rtr::client::ClientError as C;
    use std::time::Duration;
    let clients = [
        (
            C::Connect {
                server: "x".into(),
                message: "y".into(),
            },
            "connect",
        ),
        (
            C::Timeout {
                what: "response",
                after: Duration::from_secs(1),
            },
            "timeout",
        ),
        (
            C::Io {
                kind: std::io::ErrorKind::BrokenPipe,
                message: "x".into(),
            },
            "io",
        ),
        (
            C::Closed {
                during_response: true,
            },
            "closed",
        ),
    ];
    check(
        "ClientError",
        &clients
            .iter()
            .map(|(e, c)| (e.code(), *c))
            .collect::<Vec<_>>(),
    );
    let inner = [
        C::Session(sessions[0].0.clone()),
        C::Apply(applies[0].0.clone()),
    ];
    for e in clients.iter().map(|(e, _)| e).chain(&inner) {
        let wrapped = Error::from(e.clone());
        assert_eq!((wrapped.code(), wrapped.kind()), (e.code(), "rtr"));
        assert_eq!(wrapped.to_string(), e.to_string());
    }
    assert_eq!(inner[0].code(), "unexpected-pdu");
    assert_eq!(inner[1].code(), "duplicate-announcement");
}

/// Real inputs give the typed errors: an RPSL dump an `RpslError`, a SLURM
/// file over a limit a `SlurmError::Limit` (not a message prefix).
#[test]
fn real_inputs_give_typed_errors() {
    use routeguard::parse::rpsl::{self, RpslOptions};
    let e =
        rpsl::parse_all(b"route: 192.0.2.0/24\nsource: T\n", &RpslOptions::default()).unwrap_err();
    assert_eq!(e.code(), "missing-attribute");
    assert_eq!(
        e.to_string(),
        "line 1, column 1: route object lacks mandatory attribute \"origin\""
    );
    let opts = routeguard::slurm::SlurmOptions {
        limits: routeguard::slurm::SlurmLimits {
            max_bytes: 4,
            ..Default::default()
        },
        ..Default::default()
    };
    let e = routeguard::slurm::Slurm::parse_with(b"{\"slurmVersion\": 1}", &opts).unwrap_err();
    assert!(e.is_limit());
    assert_eq!(e.code(), "limit");
    assert_eq!(
        e.to_string(),
        "input: invalid SLURM: limit exceeded: input of 19 bytes is over 4 bytes"
    );
    assert_eq!(
        e.to_parse_error().to_string(),
        "input: invalid SLURM: limit exceeded: input of 19 bytes is over 4 bytes"
    );
}

/// A read error while streaming an IRR dump is a typed `IrrLoadError::Io`:
/// the opener's own error (here: corrupt gzip, with the name) comes back.
#[cfg(feature = "io")]
#[test]
fn irr_reader_errors_are_typed() {
    use routeguard::io::{self, Limits};
    use routeguard::parse::rpsl::RpslOptions;
    use routeguard::IrrDbBuilder;
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    gz.extend_from_slice(b"not deflate at all, not at all");
    let input = io::open_reader(
        std::io::Cursor::new(gz),
        std::path::Path::new("dump.db.gz"),
        &Limits::default(),
    )
    .unwrap();
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    let e = b.add_reader(input, None).unwrap_err();
    let IrrLoadError::Io(io) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(io.code(), "corrupt");
    assert!(
        e.to_string().starts_with("dump.db.gz: invalid gzip data"),
        "{e}"
    );
    assert_eq!(Error::from(e).kind(), "io");
}

#[test]
fn antispoof_codes() {
    use routeguard::filter::antispoof::audit::AuditProblem;
    use routeguard::filter::antispoof::AntispoofError;
    use routeguard::parse::sav::UrpfMode;
    check(
        "AntispoofError",
        &[
            (
                AntispoofError::InvalidInterface {
                    name: "x y".into(),
                    reason: "bad",
                }
                .code(),
                "invalid-interface",
            ),
            (
                AntispoofError::InvalidName("x y".into()).code(),
                "invalid-name",
            ),
        ],
    );
    check(
        "AuditProblem",
        &[
            (AuditProblem::NotFound.code(), "interface-not-found"),
            (AuditProblem::NoAddressFamily.code(), "no-address-family"),
            (AuditProblem::Missing.code(), "urpf-missing"),
            (
                AuditProblem::NotStrict(UrpfMode::Loose).code(),
                "urpf-not-strict",
            ),
        ],
    );
}
