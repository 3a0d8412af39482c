"""The Ansible collection routeguard.routing (bindings-python/ansible) with the
real ansible-core: built with ansible-galaxy, installed into a temporary
collections path, and a playbook (tests/ansible/playbook.yml) run against
localhost with this Python as the interpreter. Its results are compared with
the routeguard CLI (`validate`, `irr check`, `aspa verify`, `filter`, `bgpq4`,
`manrs check`) and the Python API on the bundled examples/ data; then
idempotence, check mode, the diff, non-conformance failing the task, the
missing-library message, and ansible-doc for every plugin.

Skips when ansible-core is not installed, or the CLI is not built (the
comparisons with it), except with CI=true, where both are failures. The CLI
is $ROUTEGUARD_CLI, else ${CARGO_TARGET_DIR:-target}/release/routeguard."""

from __future__ import annotations

import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest

import routeguard

from conftest import REPO, in_ci

COLLECTION = REPO / "bindings-python" / "ansible"
PLAYBOOK = Path(__file__).resolve().parent / "ansible" / "playbook.yml"
EX = REPO / "examples"
W = EX / "manrs"
BIN = Path(sys.executable).parent
FILTERS = ["rov_state", "irr_status", "aspa_verify", "prefix_list", "bogon"]
MODULES = ["manrs_report", "prefix_list"]
LOOKUPS = ["vrps"]
MANRS_ARGS = [
    "--routes", str(W / "routes.txt"), "--vrps", str(W / "vrps.json"), "--irr", f"RIPE={W / 'irr.rpsl'}",
    "--asrel", str(W / "asrel.txt"), "--peeringdb", str(W / "peeringdb-net.json"), str(W / "peeringdb-poc.json"),
    "--facts", str(W / "facts.json"), "--spoofer", str(W / "spoofer.csv"),
]  # fmt: skip


def _missing(msg: str) -> None:
    if in_ci():
        pytest.fail(msg)
    pytest.skip(msg)


def tool(name: str) -> str:
    """An ansible executable of this Python's environment (or on PATH)."""
    path = BIN / name
    if path.is_file():
        return str(path)
    found = shutil.which(name)
    if found is None:
        _missing(f"{name} not found: install ansible-core (scripts/setup.sh pins it) into this venv")
    return str(found)


@pytest.fixture(scope="module")
def ansible() -> None:
    if importlib.util.find_spec("ansible") is None:
        _missing("ansible-core is not installed (pip install ansible-core; scripts/setup.sh pins it)")


@pytest.fixture(scope="module")
def cli() -> Any:
    """Runs the routeguard CLI and returns its stdout."""
    env = os.environ.get("ROUTEGUARD_CLI")
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = Path(env) if env else target / "release" / "routeguard"
    if not path.is_file():
        _missing(f"routeguard CLI {path} not built (cargo build --release -p routeguard-cli, or set ROUTEGUARD_CLI)")

    def run(*args: str, stdin: str | None = None, ok: tuple[int, ...] = (0,)) -> str:
        p = subprocess.run([str(path), "--quiet", *args] if args[0] != "bgpq4" else [str(path), *args],
                           input=stdin, capture_output=True, text=True, check=False)  # fmt: skip
        assert p.returncode in ok, f"routeguard {' '.join(args)}: {p.returncode} {p.stderr}"
        return p.stdout

    return run


def routes() -> list[str]:
    return [ln for ln in (EX / "routes.txt").read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def path_lines() -> list[str]:
    """The PREFIX PATH lines of examples/paths.txt (not its bgpdump line)."""
    lines = (EX / "paths.txt").read_text().splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#") and "|" not in ln]


def paths() -> list[str]:
    """The AS paths of examples/paths.txt."""
    return [ln.split(None, 1)[1] for ln in path_lines()]


BOGON_ITEMS: list[int | str] = ["10.0.0.0/8", "1.1.1.0/24", 64500, "AS23456", "1.10", "2001:db8::/32", "193.0.0.0/25", "0.0.0.0/0"]
# Lacks 12.0.0.0/24 and has 10.9.0.0/16, which AS-EXAMPLENET does not.
PARTIAL_LIST = "ip prefix-list CUST-I permit 11.0.0.0/16\nip prefix-list CUST-I permit 10.9.0.0/16\n"


@pytest.fixture(scope="module")
def run(ansible: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Builds and installs the collection, runs the playbook with --diff;
    returns the results, the output and the paths."""
    tmp = tmp_path_factory.mktemp("ansible")
    build = subprocess.run(
        [tool("ansible-galaxy"), "collection", "build", str(COLLECTION), "--output-path", str(tmp)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    tarball = tmp / "routeguard-routing-0.1.0.tar.gz"
    assert tarball.is_file(), build.stdout
    coll = tmp / "collections"
    inst = subprocess.run(
        [tool("ansible-galaxy"), "collection", "install", str(tarball), "-p", str(coll)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert inst.returncode == 0, inst.stdout + inst.stderr
    assert (coll / "ansible_collections" / "routeguard" / "routing" / "MANIFEST.json").is_file()

    # A Python without routeguard (nor anything else) for the missing-library case.
    bare = tmp / "bare"
    venv.EnvBuilder(with_pip=False).create(bare)
    out = tmp / "out"
    out.mkdir()
    variables = {
        "repo": str(REPO),
        "out": str(out),
        "routes": routes(),
        "route_dicts": [dict(zip(("prefix", "origin"), r.replace(",", " ").split())) for r in routes()],
        "route_pairs": [r.replace(",", " ").split() for r in routes()],
        "paths": paths(),
        "path_lines": path_lines(),
        # AS_SEQUENCE-only paths as lists of AS numbers, the others as text.
        "path_dicts": [
            {"prefix": ln.split()[0], "path": [int(a) for a in ln.split()[1:]] if "{" not in ln else ln.split(None, 1)[1]}
            for ln in path_lines()
        ],
        "bogon_items": BOGON_ITEMS,
        "partial_list": PARTIAL_LIST,
        "bare_python": str(bare / "bin" / "python"),
        "test_python": sys.executable,
    }
    (tmp / "vars.json").write_text(json.dumps(variables))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(coll), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_HOME=str(tmp / "ahome"), ANSIBLE_LOCAL_TEMP=str(tmp / "atmp"), ANSIBLE_REMOTE_TMP=str(tmp / "rtmp"),
               LC_ALL="C.UTF-8")  # fmt: skip  (ansible-core needs a UTF-8 locale)
    p = subprocess.run(
        [tool("ansible-playbook"), "-i", "localhost,", "-c", "local", "--diff", "-e", f"@{tmp / 'vars.json'}", str(PLAYBOOK)],
        capture_output=True, text=True, env=env, cwd=tmp, check=False,
    )  # fmt: skip
    assert p.returncode == 0, p.stdout[-6000:] + p.stderr[-3000:]
    results = json.loads((out / "results.json").read_text())
    return {"r": results, "stdout": p.stdout, "out": out, "env": env}


def test_rov_state_matches_cli_and_api(run: dict[str, Any], cli: Any) -> None:
    r = run["r"]
    csv = cli("validate", "--vrps", str(EX / "vrps.json"), "--format", "csv", stdin="\n".join(routes()) + "\n")
    expected = [line.split(",")[2] for line in csv.splitlines()]
    assert len(expected) == len(routes()) and {"valid", "invalid", "not-found"} <= set(expected)
    assert r["rov_lines"] == expected
    assert r["rov_dicts"] == expected and r["rov_pairs"] == expected
    assert r["rov_single"] == expected[0]
    vrps = routeguard.VrpSet.from_file(EX / "vrps.json")
    pairs = [(p, o) for p, o in (x.replace(",", " ").split() for x in routes())]
    assert [str(v.state) for v in vrps.validate_many(pairs)] == expected


def test_rov_state_of_paths_matches_cli(run: dict[str, Any], cli: Any) -> None:
    """Routes with AS paths: the origin is taken per RFC 6811 (none after an AS_SET)."""
    csv = cli("validate", "--vrps", str(EX / "vrps.json"), "--format", "csv", stdin="\n".join(path_lines()) + "\n")
    expected = [line.split(",")[2] for line in csv.splitlines()]
    assert len(expected) == len(path_lines()) and "invalid" in expected and "valid" in expected
    assert run["r"]["rov_path_lines"] == expected
    assert run["r"]["rov_path_dicts"] == expected


def test_irr_status_matches_cli(run: dict[str, Any], cli: Any) -> None:
    csv = cli("irr", "check", "--irr", str(EX / "irr.rpsl"), stdin="\n".join(routes()) + "\n")
    expected = [line.split(",")[2] for line in csv.splitlines()]
    assert len(expected) == len(routes()) and len(set(expected)) >= 3
    assert run["r"]["irr_lines"] == expected
    assert run["r"]["irr_dicts"] == expected


def test_aspa_verify_matches_cli(run: dict[str, Any], cli: Any) -> None:
    up = cli("aspa", "verify", "--aspa", str(EX / "vrps.json"), "--direction", "upstream", stdin="\n".join(paths()) + "\n")
    down = cli("aspa", "verify", "--aspa", str(EX / "vrps.json"), "--direction", "downstream", stdin="\n".join(paths()) + "\n")
    assert run["r"]["aspa_up"] == up.split()
    assert run["r"]["aspa_down"] == down.split()
    assert "invalid" in up.split() and "valid" in up.split()


def test_bogon_matches_api(run: dict[str, Any]) -> None:
    b = routeguard.Bogons()
    expected = []
    for item in BOGON_ITEMS:
        if isinstance(item, int) or item in ("AS23456", "1.10"):
            expected.append(b.check_asn(item))
        else:
            expected.append(b.check_prefix(str(item)))
    words = ["ok" if f is None else f.kind for f in expected]
    assert run["r"]["bogon_words"] == words
    assert {"ok", "bogon-prefix", "bogon-asn", "too-specific", "default-route"} <= set(words)
    details = [None if f is None else {"kind": f.kind, "list": f.list, "entry": f.entry, "asn": f.asn} for f in expected]
    assert run["r"]["bogon_details"] == details


def test_prefix_lists_match_cli(run: dict[str, Any], cli: Any) -> None:
    r = run["r"]
    junos = cli("filter", "--irr", str(W / "irr.rpsl"), "--vrps", str(W / "vrps.json"), "--format", "junos",
                "--name", "CUST-J", "AS-EXAMPLENET")  # fmt: skip
    assert "prefix-list CUST-J" in junos
    assert r["junos_list"] == junos
    # The IOS list as bgpq4 prints it (routeguard's bgpq4 drop-in, offline).
    ios = cli("bgpq4", "--irr", str(W / "irr.rpsl"), "-A", "-l", "CUST-I", "AS-EXAMPLENET")
    assert ios.startswith("no ip prefix-list CUST-I")
    assert r["ios_list"] == ios


def test_prefix_list_module(run: dict[str, Any], cli: Any) -> None:
    r = run["r"]
    junos = cli("filter", "--irr", str(W / "irr.rpsl"), "--vrps", str(W / "vrps.json"), "--format", "junos",
                "--name", "CUST-J", "AS-EXAMPLENET")  # fmt: skip
    assert r["plist_first"]["changed"] is True
    assert r["plist_first"]["prefix_list"] == junos
    assert r["plist_second"]["changed"] is False
    # Check mode: a change is announced, the file keeps the first list.
    assert r["plist_check"]["changed"] is True
    assert "CUST-OTHER" in r["plist_check"]["prefix_list"]
    assert (run["out"] / "cust-j.conf").read_text() == junos
    ds = routeguard.Dataset(irr=str(W / "irr.rpsl"), vrps=str(W / "vrps.json"))
    f = ds.prefix_list("AS-EXAMPLENET", format="junos", name="CUST-J")
    assert r["plist_first"]["entries"] == len(f) and r["plist_first"]["asns"] == f.asns
    assert [d["prefix"] for d in r["plist_first"]["dropped"]] == [e.prefix for e in f.dropped]
    # The check-mode run's diff of the file (--diff): old list before, new after.
    (file_diff,) = [d for d in r["plist_check"]["diff"] if "before" in d]
    assert file_diff["before"] == junos and "CUST-OTHER" in file_diff["after"]


def test_prefix_list_module_diff(run: dict[str, Any], cli: Any, tmp_path: Path) -> None:
    r = run["r"]
    expected = routeguard.diff_prefix_lists(PARTIAL_LIST, r["ios_list"], name="CUST-I")
    # The same audit as `routeguard filter --diff` (exit 1: the lists differ).
    router = tmp_path / "router.txt"
    router.write_text(PARTIAL_LIST)
    cli_text = cli("filter", "--irr", str(W / "irr.rpsl"), "--name", "CUST-I", "--aggregate", "--diff", str(router),
                   "AS-EXAMPLENET", ok=(1,))  # fmt: skip
    partial = r["plist_partial"]
    assert partial["changed"] is True
    got = dict(partial["filter_diff"])
    text = got.pop("text")
    assert text == expected.to_text() == cli_text
    assert got == json.loads(expected.to_json())
    assert got["missing"] and got["extra"] and not got["equivalent"]
    (prepared,) = [d["prepared"] for d in partial["diff"]]
    assert expected.to_text() in prepared
    # --diff shows it in the play's output.
    for line in expected.to_text().splitlines():
        assert line in run["stdout"]
    full = r["plist_full"]
    assert full["changed"] is False and full["filter_diff"]["same"] is True
    assert "diff" not in full or not full["diff"]
    # current_list: the customer's list out of a whole configuration, as
    # `routeguard filter --diff-list` reads it.
    config = r["plist_config"]
    router.write_text("ip prefix-list MARTIANS permit 10.0.0.0/8 le 32\n" + r["ios_list"])
    cli_text = cli("filter", "--irr", str(W / "irr.rpsl"), "--name", "CUST-I", "--aggregate", "--diff", str(router),
                   "--diff-list", "CUST-I", "AS-EXAMPLENET")  # fmt: skip
    assert config["changed"] is False and config["filter_diff"]["same"] is True
    assert config["filter_diff"]["text"] == cli_text


def test_manrs_report_module(run: dict[str, Any], cli: Any) -> None:
    r = run["r"]
    report_json = cli("manrs", "check", "--asn", "AS1000", *MANRS_ARGS, "--format", "json", ok=(1,))
    written = (run["out"] / "manrs-AS1000.json").read_text()
    assert written == report_json
    first, second, check = r["manrs_first"], r["manrs_second"], r["manrs_check"]
    assert first["changed"] is True and second["changed"] is False
    assert check["changed"] is True  # markdown would replace the JSON; nothing written
    full = json.loads(report_json)
    assert first["conformant"] is False is full["conformant"]
    for key in ("schema", "operator", "conformant", "routes", "actions", "metrics"):
        assert first["summary"][key] == full[key], key
    assert [(f["rule"], f["subject"]) for f in first["findings"]] == [(f["rule"], f["subject"]) for f in full["findings"]]
    assert first["nonconformant_actions"] == [a["title"] for a in full["actions"] if a["conformant"] is False]
    # Failing the task on non-conformance, after writing the report.
    fail = r["manrs_fail"]
    assert fail["failed"] is True and "does not conform to MANRS" in fail["msg"] and "AS1000" in fail["msg"]
    text = cli("manrs", "check", "--asn", "AS1000", *MANRS_ARGS, "--format", "text", ok=(1,))
    assert (run["out"] / "manrs-AS1000.txt").read_text() == text
    # AS2000 conforms (exit 0 of the CLI): the task passes.
    cli("manrs", "check", "--asn", "AS2000", "--routes", str(W / "routes.txt"), "--vrps", str(W / "vrps.json"),
        "--irr", str(W / "irr.rpsl"))  # fmt: skip
    ok = r["manrs_ok"]
    assert ok["conformant"] is True and not ok.get("failed") and ok["changed"] is False


def test_manrs_report_matches_api(run: dict[str, Any]) -> None:
    ds = routeguard.Dataset(
        vrps=str(W / "vrps.json"), irr=[("RIPE", str(W / "irr.rpsl"))], asrel=str(W / "asrel.txt"),
        peeringdb=[str(W / "peeringdb-net.json"), str(W / "peeringdb-poc.json")],
        sav_facts=str(W / "facts.json"), spoofer=str(W / "spoofer.csv"),
    )  # fmt: skip
    report = ds.manrs_check(["AS1000"], W / "routes.txt")
    assert (run["out"] / "manrs-AS1000.json").read_text() == report.to_json()
    assert run["r"]["manrs_first"]["findings"] == [
        {"rule": f.rule, "action": f.action, "severity": f.severity, "subject": f.subject, "message": f.message}
        for f in report.findings
    ]


def test_vrps_lookup(run: dict[str, Any], cli: Any) -> None:
    r = run["r"]
    vrps = routeguard.VrpSet.from_file(EX / "vrps.json")

    def as_dicts(vs: list[routeguard.Vrp]) -> list[dict[str, Any]]:
        return [{"prefix": v.prefix, "max_length": v.max_length, "asn": v.asn, "ta": v.ta, "expires": v.expires} for v in vs]

    assert r["all_vrps"] == as_dicts(list(vrps))
    assert r["covering"] == as_dicts(vrps.validate("192.0.2.0/25", None).covering) and r["covering"]
    # The VRPs the CLI lists for the route.
    single = json.loads(cli("validate", "--vrps", str(EX / "vrps.json"), "--format", "json", "198.51.100.0/24", "AS64498"))
    assert [(d["prefix"], d["max_length"], d["asn"]) for d in r["deciding"]] == [
        (c["prefix"], c["maxLength"], routeguard.parse_asn(c["asn"])) for c in single["covering"]
    ]
    assert r["deciding"]


def test_missing_routeguard_message(run: dict[str, Any]) -> None:
    m = run["r"]["missing_lib"]
    assert m["failed"] is True
    assert "Failed to import the required Python library (routeguard" in m["msg"]


def _doc(kind: str, names: list[str], env: dict[str, str]) -> dict[str, Any]:
    p = subprocess.run([tool("ansible-doc"), "--json", "-t", kind, *[f"routeguard.routing.{n}" for n in names]],
                       capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert p.returncode == 0, p.stderr
    docs: dict[str, Any] = json.loads(p.stdout)
    return docs


@pytest.mark.parametrize(
    ("kind", "names"), [("filter", FILTERS), ("module", MODULES), ("lookup", LOOKUPS)]
)  # fmt: skip
def test_ansible_doc(run: dict[str, Any], kind: str, names: list[str]) -> None:
    env = run["env"]
    docs = _doc(kind, names, env)
    for name in names:
        entry = docs[f"routeguard.routing.{name}"]
        doc = entry["doc"]
        assert doc["short_description"] and doc["options"], name
        assert entry["examples"] and f"routeguard.routing.{name}" in entry["examples"], name
        assert entry["return"], name
        # The text form, as a user sees it.
        p = subprocess.run([tool("ansible-doc"), "-t", kind, f"routeguard.routing.{name}"],
                           capture_output=True, text=True, env=env, check=False)  # fmt: skip
        assert p.returncode == 0, p.stderr
        text = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", p.stdout).split())
        assert f"routeguard.routing.{name}" in text and "OPTIONS" in text and "EXAMPLES" in text, text
        assert " ".join(doc["description"][0].split()[:5]) in text, name


def test_filter_docs_match_signatures(run: dict[str, Any], plugins: Any) -> None:
    """Each filter's documented options are its function's keyword arguments."""
    docs = _doc("filter", FILTERS, run["env"])
    for name, fn in plugins.FilterModule().filters().items():
        params = list(inspect.signature(fn).parameters)[1:]
        documented = set(docs[f"routeguard.routing.{name}"]["doc"]["options"]) - {"_input"}
        assert documented == set(params), name


@pytest.fixture(scope="module")
def plugins(run: dict[str, Any]) -> Any:
    """The installed collection's filter plugin module (imported from the
    collections path the playbook used)."""
    sys.path.insert(0, str(run["env"]["ANSIBLE_COLLECTIONS_PATH"]))
    try:
        from ansible_collections.routeguard.routing.plugins.filter import routing  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return routing


def test_filter_cache_reuses_then_reloads_a_changed_file(plugins: Any, tmp_path: Path) -> None:
    datasets = plugins.datasets
    f = tmp_path / "vrps.csv"
    f.write_text("ASN,IP Prefix,Max Length,Trust Anchor\nAS64496,192.0.2.0/24,24,t\n")
    first = datasets.vrp_set(str(f), "test")
    assert datasets.vrp_set(str(f), "test") is first  # the same object: no second load
    route = "192.0.2.0/24 AS64496"
    assert plugins.rov_state([route] * 3, str(f)) == ["valid"] * 3
    assert datasets.vrp_set(str(f), "test") is first
    # Another VRP for the prefix, and a newer mtime: loaded again.
    f.write_text("ASN,IP Prefix,Max Length,Trust Anchor\nAS64511,192.0.2.0/24,24,t\n")
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = datasets.vrp_set(str(f), "test")
    assert second is not first
    expected = str(routeguard.VrpSet.from_file(f).validate("192.0.2.0/24", "AS64496").state)
    assert expected == "invalid"
    assert plugins.rov_state(route, str(f)) == expected
    # Relative and absolute names of one file share the entry.
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert datasets.vrp_set("vrps.csv", "test") is second
    finally:
        os.chdir(cwd)


def test_filter_errors_are_clear(plugins: Any, tmp_path: Path) -> None:
    AnsibleFilterError = plugins.AnsibleFilterError
    vrps = str(EX / "vrps.json")
    missing = tmp_path / "nope.json"
    with pytest.raises(AnsibleFilterError, match=r"routeguard\.routing\.rov_state: vrps file .*nope\.json: No such file"):
        plugins.rov_state(["192.0.2.0/24 AS64496"], str(missing))
    with pytest.raises(AnsibleFilterError, match=r"rov_state: item 1: '# comment' is not one route"):
        plugins.rov_state(["192.0.2.0/24 AS64496", "# comment"], vrps)
    with pytest.raises(AnsibleFilterError, match=r"rov_state: item 1: .* is not one route \(it has a line break\)"):
        plugins.rov_state(["", "192.0.2.0/24 AS64496\n192.0.2.0/25 AS64496"], vrps)
    with pytest.raises(AnsibleFilterError, match=r"rov_state: .*192\.0\.2\.1/24"):
        plugins.rov_state(["192.0.2.1/24 AS64496"], vrps)  # host bits: strict, as the CLI
    with pytest.raises(AnsibleFilterError, match=r"item 0: a route dict needs the keys prefix and origin"):
        plugins.rov_state([{"prefix": "192.0.2.0/24"}], vrps)
    with pytest.raises(AnsibleFilterError, match=r"irr_status: irr file .*nope\.rpsl"):
        plugins.irr_status(["192.0.2.0/24 AS64496"], str(tmp_path / "nope.rpsl"))
    with pytest.raises(AnsibleFilterError, match=r"prefix_list: .*"):
        plugins.prefix_list("AS-EXAMPLENET", str(W / "irr.rpsl"), format="no-such-router")
    with pytest.raises(AnsibleFilterError, match=r"bogon: expected prefixes and AS numbers"):
        plugins.bogon([["10.0.0.0/8"]])
