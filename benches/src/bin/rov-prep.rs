//! Writes the end-to-end inputs of `benches/e2e-rov.sh` into a directory:
//!
//! - `vrps.json`: the rpki-client snapshot, decompressed (routeguard's input);
//! - `vrps.csv`: the same VRPs as Routinator CSV (the RTRlib harness's input),
//!   read with plain serde, independently of routeguard's loader;
//! - `routes.txt`: the benchmark routes as `PREFIX ASN` lines (see
//!   `routeguard_benches::routes` for what is kept and skipped).
//!
//! Usage: `rov-prep OUTDIR`. Exit 0 ok, 1 error, 3 shared data missing.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use routeguard_benches::{data, routes, vrps};

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: rov-prep OUTDIR");
        return ExitCode::from(1);
    };
    match run(out) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(3),
        Err(e) => {
            eprintln!("rov-prep: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(out: PathBuf) -> Result<bool, String> {
    let Some(dir) = data::data_dir() else {
        return Ok(false);
    };
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let json = data::read(&dir.join(data::VRPS)).map_err(|e| format!("{}: {e}", data::VRPS))?;
    let vrps = vrps::parse_rpki_client_json(&json)?;
    let text = data::read(&dir.join(data::PFX2AS)).map_err(|e| format!("{}: {e}", data::PFX2AS))?;
    let (routes, stats) = routes::workload(&text, &vrps);

    let write = |name: &str, f: &dyn Fn(&mut BufWriter<std::fs::File>) -> std::io::Result<()>| {
        let path = out.join(name);
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        f(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    write("vrps.json", &|w| w.write_all(&json))?;
    write("vrps.csv", &|w| vrps::write_routinator_csv(&vrps, w))?;
    write("routes.txt", &|w| routes::write_routes(&routes, w))?;
    eprintln!(
        "rov-prep: {} VRPs; {} routes ({} from pfx2as of {} lines: {} MOAS kept with the first ASN, \
         {} AS-set origins, {} AS0 and {} malformed skipped; {} from IPv6 VRPs, {} IPv6 AS0 VRPs skipped) -> {}",
        vrps.len(),
        routes.len(),
        stats.pfx2as_kept,
        stats.pfx2as_lines,
        stats.moas_first_asn,
        stats.as_set_skipped,
        stats.as0_skipped,
        stats.malformed_skipped,
        stats.v6_vrp_routes,
        stats.v6_as0_skipped,
        out.display()
    );
    Ok(true)
}
