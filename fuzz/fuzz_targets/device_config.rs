//! Fuzzes the router configuration reader (Junos `set` form and IOS-style
//! text; the first byte picks the dialect) and the customers file reader on
//! arbitrary bytes: no panic, hang or unbounded allocation. Checks the
//! limits and invariants of an accepted configuration: names within
//! `MAX_NAME_LEN`, interfaces sorted and unique, every line number inside
//! the input, `find` of each name giving it back, and an audit of every
//! interface that names only interfaces of the configuration.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::filter::antispoof::audit::audit;
use routeguard::parse::customers::parse_customers;
use routeguard::parse::device::{parse_device_config, ConfigDialect, MAX_NAME_LEN};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let _ = parse_customers(rest);
    let dialect = if first & 1 == 0 { ConfigDialect::Junos } else { ConfigDialect::Ios };
    let Ok(cfg) = parse_device_config(rest, dialect) else { return };
    let lines = rest.split(|b| *b == b'\n').count();
    assert!(cfg.hostname.as_ref().is_none_or(|h| h.len() <= MAX_NAME_LEN));
    for w in cfg.interfaces.windows(2) {
        assert!(w[0].name < w[1].name);
    }
    for i in &cfg.interfaces {
        assert!(i.name.len() <= MAX_NAME_LEN && i.line >= 1 && i.line <= lines);
        for f in [i.ipv4, i.ipv6].into_iter().flatten() {
            assert!(f.line >= 1 && f.line <= lines);
        }
        assert_eq!(cfg.interface(&i.name).map(|x| &x.name), Some(&i.name));
    }
    for f in audit(&cfg, &[]) {
        assert!(cfg.interface(&f.interface).is_some());
    }
});
