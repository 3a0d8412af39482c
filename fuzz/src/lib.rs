//! Shared checks for the fuzz targets in `fuzz_targets/`.
//!
//! Every loader must return `Ok` or a typed error for any bytes (never panic,
//! never hang, never blow up memory); on top of that each target asserts a
//! property that follows from the design of the code under test (see
//! `fuzz/README.md` for the list and why each one holds).

use routeguard::parse::{Format, LoadOptions, Loaded};
use routeguard::slurm::load_as;
use routeguard::VrpSet;

/// Invariants every successfully loaded set satisfies, whatever the format.
pub fn check_set(set: &VrpSet) {
    for v in &set.vrps {
        // `Vrp::new`/`with_max_length` enforce len <= max_length <= 32/128.
        assert!(
            v.max_length >= v.prefix.len() && v.max_length <= v.prefix.family().max_len(),
            "VRP with out-of-range max length: {v:?}"
        );
        // The trust-anchor interner maps "" and "N/A" to None.
        if let Some(ta) = &v.ta {
            assert!(!ta.is_empty() && &**ta != "N/A", "unknown TA kept as text: {v:?}");
        }
    }
    for a in &set.aspas {
        // `Aspa::new` sorts and de-duplicates the providers.
        assert!(a.providers.windows(2).all(|w| w[0] < w[1]), "ASPA providers not strictly ascending: {a:?}");
    }
}

/// Invariants of a successful load in either mode.
pub fn check_loaded(l: &Loaded, format: Format, opts: &LoadOptions) {
    // slurm::load_as reports the requested format; a JSON document with a
    // top-level SLURM member (`slurmVersion`) is read by the SLURM reader,
    // which says so.
    let slurm_in_json = format == Format::Json && l.format == Some(Format::Slurm);
    assert!(l.format == Some(format) || slurm_in_json, "load_as({format:?}) reported {:?}", l.format);
    if l.format == Some(Format::Slurm) {
        // `load_assertions` also reports tolerated deviations that skip nothing
        // (a missing list, a string ASN, …), so only the cap holds.
        assert!(l.warnings.len() <= opts.max_warnings, "more warnings than max_warnings");
    } else {
        // Warnings are the first `max_warnings` skipped records.
        assert_eq!(l.warnings.len(), l.skipped.min(opts.max_warnings), "warnings/skipped mismatch");
    }
    check_set(&l.set);
}

/// Loads `data` as `format` (`slurm::load_as`: the parse stage's loaders,
/// SLURM files through the SLURM reader) strictly and leniently and checks
/// that the two modes agree.
///
/// The loaders differ by mode only in `Ctx::bad_record{,_at}`: strict turns a
/// bad record into the error, lenient counts and skips it. Hence:
/// * strict `Ok(s)` ⇒ lenient `Ok(l)` with `l == s` (same set, no warnings,
///   nothing skipped): no bad record was met, so both runs took the same path;
/// * lenient `Ok(l)` with nothing skipped and no warning ⇒ strict `Ok(l)`:
///   the converse. (The SLURM reader behind `slurm::load_assertions` also relaxes rules
///   without skipping anything; each such relaxation warns.)
pub fn check_load(data: &[u8], format: Format) {
    let strict_opts = LoadOptions::default();
    let lenient_opts = LoadOptions::lenient();
    let strict = load_as(data, format, &strict_opts);
    let lenient = load_as(data, format, &lenient_opts);
    if let Ok(s) = &strict {
        check_loaded(s, format, &strict_opts);
        assert_eq!(s.skipped, 0, "strict mode skipped a record");
        assert_eq!(lenient.as_ref().ok(), Some(s), "strict accepted, lenient differs: {:?}", lenient.as_ref().err());
    }
    if let Ok(l) = &lenient {
        check_loaded(l, format, &lenient_opts);
        if l.skipped == 0 && l.warnings.is_empty() {
            assert_eq!(strict.as_ref().ok(), Some(l), "lenient skipped nothing, strict differs: {:?}", strict.as_ref().err());
        }
    }
}

/// `parse::rpki_object::decode` as `kind` (a ROA, an ASPA, a certificate):
/// `Ok` or a typed error; a decoded object decodes the same with the kind
/// left to the decoder (a signed object's kind comes from its content type,
/// and no certificate is a signed object); its VRPs and ASPA keep the model
/// invariants; its JSON rendering is valid JSON naming the kind, and its
/// text rendering names the kind.
pub fn check_decode(data: &[u8], kind: routeguard::parse::rpki_object::ObjectKind) {
    use routeguard::parse::rpki_object::decode;
    use routeguard::render::rpki_object::{to_json, to_text};
    let Ok(obj) = decode(data, Some(kind)) else {
        return;
    };
    assert_eq!(obj.kind(), kind);
    assert_eq!(decode(data, None).as_ref(), Ok(&obj), "decoding as {kind} and by content differ");
    let set = VrpSet {
        vrps: obj.vrps(),
        aspas: obj.aspa().cloned().into_iter().collect(),
        ..VrpSet::default()
    };
    check_set(&set);
    let json: serde_json::Value = serde_json::from_str(&to_json(Some("x"), &obj)).expect("valid JSON");
    assert_eq!(json["type"], kind.as_str());
    assert!(to_text("x", &obj).contains(&format!("type:           {kind}\n")));
}
