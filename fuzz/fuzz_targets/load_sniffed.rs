//! Fuzzes format sniffing plus loading (`parse::sniff`, `slurm::load`, the
//! entry that loads any export, SLURM files as data included): any
//! bytes give `Ok` or a typed error. A successful load reports the sniffed
//! format (or `None` for an empty result; SLURM for sniffed JSON that has a
//! top-level SLURM key), strict `Ok` ⇒ lenient returns the
//! identical `Loaded` (SLURM included: strict success means the lenient
//! reader relaxed nothing), and
//! the set satisfies the model invariants. Sniffing loses nothing: when the
//! JSON loader itself reads a non-empty set as JSON and no object in the
//! document (at any depth: the sniffer is a heuristic over the first 64 KiB
//! and may count nested keys; duplicated members count too) has a SLURM key, `sniff` says JSON and `load`
//! gives the same result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::{sniff, Format, LoadOptions};
use routeguard::slurm::{load, load_as};

const SLURM_KEYS: [&str; 3] = ["slurmVersion", "validationOutputFilters", "locallyAddedAssertions"];

/// Whether any object in a (valid JSON) document has a SLURM member name,
/// duplicated members included: every string token followed by `:` is a
/// member name.
fn has_slurm_key(doc: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = doc.get(i) {
        i += 1;
        if c != b'"' {
            continue;
        }
        let start = i - 1;
        while let Some(&c) = doc.get(i) {
            i += 1;
            match c {
                b'\\' => i += 1,
                b'"' => break,
                _ => {}
            }
        }
        let token = doc.get(start..i).unwrap_or_default();
        let next = doc.get(i..).unwrap_or_default().iter().find(|b| !b.is_ascii_whitespace());
        if next == Some(&b':') {
            if let Ok(name) = serde_json::from_slice::<String>(token) {
                if SLURM_KEYS.contains(&name.as_str()) {
                    return true;
                }
            }
        }
    }
    false
}

fuzz_target!(|data: &[u8]| {
    let sniffed = sniff(data);
    let strict = load(data, &LoadOptions::default());
    let lenient = load(data, &LoadOptions::lenient());
    for l in [&strict, &lenient].into_iter().flatten() {
        match l.format {
            // `load` returns `Loaded::default()` for whitespace/comments only.
            None => assert_eq!(l, &Default::default()),
            // The JSON loader hands a file with a top-level SLURM key (that
            // the sniffer may not have seen, e.g. beyond its 64 KiB head) over
            // to the SLURM reader.
            Some(f) => assert!(
                Some(f) == sniffed || (f == Format::Slurm && sniffed == Some(Format::Json)),
                "loaded as {f:?}, sniffed {sniffed:?}"
            ),
        }
        routeguard_fuzz::check_set(&l.set);
    }
    if let Ok(j) = load_as(data, Format::Json, &LoadOptions::lenient()) {
        let doc = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
        let valid = serde_json::from_slice::<serde_json::Value>(doc).is_ok();
        if j.format == Some(Format::Json) && !j.set.is_empty() && valid && !has_slurm_key(doc) {
            assert_eq!(sniffed, Some(Format::Json), "JSON export sniffed as {sniffed:?}");
            assert_eq!(lenient.as_ref().ok(), Some(&j));
        }
    }
    if let Ok(s) = &strict {
        assert_eq!(s.skipped, 0);
        assert_eq!(lenient.as_ref().ok(), Some(s), "strict accepted, lenient differs: {:?}", lenient.as_ref().err());
    }
});
