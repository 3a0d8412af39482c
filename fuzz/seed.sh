#!/usr/bin/env bash
# Recreates the seed corpora fuzz/corpus/<target>/ (gitignored) from small
# real files: Routinator golden exports, StayRTR and rpki-client samples, the
# core test fixtures and the examples. Idempotent; existing corpus files
# (e.g. what earlier fuzzing found) are kept.
#
#   fuzz/seed.sh            # seed every target
#   SHARED=/path fuzz/seed.sh   # other location of the shared data
set -euo pipefail

FUZZ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$FUZZ")"
SHARED="${SHARED:-$ROOT/../shared}"
GOLDEN="$SHARED/data/formats/routinator-golden"
STAYRTR="$SHARED/data/formats/stayrtr"
VRPFMT="$SHARED/data/vrps/formats"
FIX="$ROOT/core/tests/fixtures"
EX="$ROOT/examples"
CORPUS="$FUZZ/corpus"
MAX=8192   # larger files are cut to their first $MAX bytes (keeps -max_len small)

# add TARGET FILE...: copies each existing, non-empty file as a seed.
add() {
    local target="$1"; shift
    mkdir -p "$CORPUS/$target"
    local f name
    for f in "$@"; do
        [ -f "$f" ] && [ -s "$f" ] || continue
        name="$(basename "$(dirname "$f")")_$(basename "$f")"
        head -c "$MAX" "$f" > "$CORPUS/$target/$name"
    done
}

# put TARGET NAME TEXT: a literal seed (printf-style escapes allowed).
put() {
    mkdir -p "$CORPUS/$1"
    printf '%b' "$3" > "$CORPUS/$1/$2"
}

shopt -s nullglob globstar

json=("$GOLDEN"/*.json "$GOLDEN"/*.jsonext "$STAYRTR"/*.rpki.json "$VRPFMT"/*.json "$EX"/*.json)
csv=("$GOLDEN"/*.csv "$GOLDEN"/*.csvcompat "$GOLDEN"/*.csvext "$FIX"/formats/*.csv)
openbgpd=("$GOLDEN"/*.openbgpd "$FIX"/formats/*.openbgpd)
bird=("$GOLDEN"/*.bird1 "$GOLDEN"/*.bird2 "$FIX"/formats/*.bird)
slurm=("$GOLDEN"/*.slurm "$GOLDEN"/*.slurm2 "$STAYRTR"/*slurm*.json "$FIX"/slurm/**/*.json)

add load_json "${json[@]}" "${slurm[@]}"
add load_csv "${csv[@]}"
add load_openbgpd "${openbgpd[@]}"
add load_bird "${bird[@]}"
add slurm "${slurm[@]}"
for t in load_sniffed write_roundtrip; do
    add "$t" "${json[@]}" "${csv[@]}" "${openbgpd[@]}" "${bird[@]}" "${slurm[@]}"
done

# Hand-written seeds for layouts the samples lack.
put load_json bare_array '[{"prefix":"10.0.0.0/8","maxLength":8,"asn":"1"},{"prefix":"2001:db8::/32","maxLength":48,"asn":64500}]'
put load_json rpki_client_2023_aspa '{"metadata":{"buildtime":"2023-10-01T00:05:43Z"},"roas":[{"asn":1,"prefix":"10.0.0.0/8","maxLength":8,"ta":"ripe","expires":1}],"provider_authorizations":{"ipv4":[{"customer_asid":1,"expires":3,"providers":[3,2]}],"ipv6":[{"customer_asid":1,"expires":2,"providers":[4]}]},"bgpsec_keys":[{"asn":1,"ski":"00AA","pubkey":"AA==","ta":"ripe","expires":9}]}'
put load_json aspa_objects '{"aspas":[{"customer_asid":5,"providers":[{"provider_asid":7,"afi_limit":"ipv4"},{"provider_asid":6}]},{"customer":"AS1234","providers":["AS4","AS1"],"ta":"N/A"}],"routerKeys":[{"asn":"AS1","SKI":"AB","routerPublicKey":"CD","ta":"arin"}]}'
put load_json escapes '{"metadata":{"generated":"7"},"roas":[{"asn":"AS1","prefix":"10.0.0.0/8","maxLength":8,"ta":"a\\"b\\\\c\\u00e9\\ud83d\\ude00"}]}'
put load_csv rpki_client 'ASN,IP Prefix,Max Length,Trust Anchor,Expires\r\nAS1,10.0.0.0/8,16,ripe,99\r\n"AS2","2001:db8::/32","48","N/A",""\r\n'
put load_csv headerless 'AS1,10.0.0.0/8,8\n64500,2001:db8::/32,48,arin\n# comment\n\n1.10,192.0.2.0/24,24\n'
put load_openbgpd mixed '# c\nroa-set {\n\t10.0.0.0/8 maxlen 9 source-as 1 expires 2\n\t2001:db8::/32 source-as 3\n}\n/* x */\naspa-set {\n\tcustomer-as 1 expires 2 provider-as { 2 allow inet, 3 allow inet6 }\n\tcustomer-as 4 provider-as { 5 }\n}\n'
put load_bird bird1 'roa 10.0.0.0/8 max 8 as 1;\nroa 2001:db8::/32 max 48 as 2;\n'
put load_bird rpki_client_static '/* c */ protocol static { roa4 { table T; }; route 10.0.0.0/8 max 8 as 1; route aspa 1 providers 2, 3; route aspa 4 transit; }\n'
for t in load_sniffed write_roundtrip; do
    for f in "$CORPUS"/load_json/{bare_array,rpki_client_2023_aspa,aspa_objects} "$CORPUS"/load_openbgpd/mixed "$CORPUS"/load_bird/rpki_client_static; do
        cp "$f" "$CORPUS/$t/hand_$(basename "$f")"
    done
done
put slurm lenient_deviations '\xef\xbb\xbf{"slurmVersion":1,"validationOutputFilters":{"prefixFilters":[{"asn":"AS1"}],"aspaFilters":[{"customerAsid":3}],"x":1},"locallyAddedAssertions":{"prefixAssertions":[{"asn":1,"prefix":"10.0.0.1/8"}],"bgpsecAssertions":[{"asn":1,"SKI":"not base64!","routerPublicKey":"AA=="}],"aspaAssertions":[{"customerAsn":1,"providers":[3,2,2]}]}}'

# prefix_asn: prefixes, ASNs and AS paths as users type them.
i=0
while read -r p a; do
    [ -n "${p:-}" ] && [ "${p:0:1}" != "#" ] || continue
    put prefix_asn "route_$i" "$p"; put prefix_asn "origin_$i" "${a:-}"; i=$((i + 1))
done < <(tr ',\t' '  ' < "$EX/routes.txt" 2>/dev/null || true)
n=0
for s in '192.0.2.0/24' '192.0.2.1/24' ' 192.0.2.77/24\n' '10.0.0.0/08' '0.0.0.0/0' '255.255.255.255/32' \
         '2001:DB8::/32' '::ffff:192.0.2.0/120' '::/0' 'fe80::1%eth0/64' '2001:db8::1' \
         'AS64500' 'as4294967295' '65535.65535' '1.10' 'AS1.10' \
         '64500 64501 {64502,64503}' '(65001 65002) 64500 [64510 64511]' 'AS1 AS2 {3 4} 5' ''; do
    put prefix_asn "hand_$n" "$s"; n=$((n + 1))
done

# rov_index: byte-coded VRP sets and routes (see fuzz_targets/rov_index.rs);
# deterministic pseudo-random seeds plus one hand-made nested set.
mkdir -p "$CORPUS/rov_index"
python3 - "$CORPUS/rov_index" <<'PY'
import random, sys, os
out = sys.argv[1]
rng = random.Random(6811)
def pfx(fam, length, addr):
    return bytes([fam, length]) + addr.to_bytes(4, "big")
# nested IPv4: 10.0.0.0/8 > 10.1.0.0/16 > 10.1.2.0/24 and an IPv6 pair
vrps = [pfx(0, 8, 0x0A000000) + bytes([0, 1]), pfx(0, 16, 0x0A010000) + bytes([8, 2]),
        pfx(0, 24, 0x0A010200) + bytes([0, 0x41]), pfx(1, 32, 0x20010DB8) + bytes([7, 0x83]),
        pfx(0, 0, 0) + bytes([0, 0])]
routes = [pfx(0, 24, 0x0A010200) + b"\x01", pfx(0, 25, 0x0A010280) + b"\x01",
          pfx(0, 20, 0x0A010000) + b"\x02", pfx(1, 48, 0x20010DB8) + b"\x03", pfx(0, 8, 0x0B000000) + b"\xff"]
open(os.path.join(out, "nested"), "wb").write(bytes([len(vrps)]) + b"".join(vrps) + b"".join(routes))
for k in range(24):
    n = rng.randrange(1, 32)
    body = bytes([n]) + bytes(rng.randrange(256) for _ in range(8 * n + 7 * rng.randrange(1, 12)))
    open(os.path.join(out, f"random_{k:02}"), "wb").write(body)
PY

# rpsl: IRRd samples, GRS excerpts, irrexplorer, the RPSL fixtures and a
# slice of dn42 and AS3257 (cut to $MAX bytes).
IRR="$SHARED/data/irr"
add rpsl "$IRR"/irrd-samples/*.rpsl "$IRR"/ripe-whois-grs/*.test "$IRR"/irrexplorer-v1/*.data \
    "$IRR"/arouteserver-rpsl-via/*.aut-num "$IRR"/dn42/dn42-registry.rpsl "$IRR"/rpsl-rs/AS3257.txt \
    "$FIX"/irr/rpsl-*
put rpsl crlf 'route: 192.0.2.0/24\r\norigin: AS1\r\n+ x\r\n\tmore # c\r\nsource: T\r\n\r\n*xxte: 1\n'
# rpsl_policy: policy lines from AS3257 and AS29075, plus structured ones.
mkdir -p "$CORPUS/rpsl_policy"
for f in "$IRR"/rpsl-rs/AS3257.txt "$IRR"/arouteserver-rpsl-via/29075.aut-num; do
    [ -f "$f" ] || continue
    grep -E '^(mp-)?(import|export|default)(-via)?:' "$f" | awk 'NR % 97 == 1' | sed -E 's/^[a-z-]+:[[:space:]]*//' |
        while IFS= read -r l; do printf '%s' "$l" > "$CORPUS/rpsl_policy/$(printf '%s' "$l" | cksum | cut -d' ' -f1)"; done
done
put rpsl_policy structured 'protocol BGP4 into OSPF afi ipv4.unicast, ipv6 { from AS1 action pref=1; accept { 192.0.2.0/24^+ }; from AS-A 192.0.2.1 at 192.0.2.2 accept <^AS1+$>; } refine { from AS-ANY accept NOT AS3 } except { from AS2 accept ANY }'
put rpsl_policy via 'AS6777 from AS15562 action community.={15562:40}; AS8714 from AS-ANY EXCEPT AS1:AS-C accept AS-SNIJDERS'

# as_path: paths and route lines (bgpdump -m heads of the RIS table, the
# examples); as_rel: the CAIDA file's head and the fixtures; bogon_list: the
# fixture list.
BGP="$SHARED/data/bgp/text"
mkdir -p "$CORPUS/as_path" "$CORPUS/as_rel"
if [ -f "$BGP/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz" ]; then
    zcat "$BGP/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz" | head -c "$MAX" > "$CORPUS/as_path/ris_head" || true
    zcat "$BGP/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz" | grep -m 20 '{' > "$CORPUS/as_path/ris_as_sets" || true
fi
if [ -f "$BGP/updates.20160811.1600.bgpdump-m.txt.gz" ]; then
    zcat "$BGP/updates.20160811.1600.bgpdump-m.txt.gz" | head -c "$MAX" > "$CORPUS/as_path/updates_head" || true
fi
add as_path "$EX"/paths.txt
put as_path confed '(65001 65002) [65003,65004] 64500 64500 {64501,64502}'
put as_path prefix_path '192.0.2.0/24 64496 AS64497 1.10 {64500 64501}\n\n# c\n2001:db8::/32\n'
if [ -f "$SHARED/data/asrel/20180101.as-rel.txt.xz" ]; then
    xz -dc "$SHARED/data/asrel/20180101.as-rel.txt.xz" | head -c "$MAX" > "$CORPUS/as_rel/caida_2018_head" || true
fi
add as_rel "$FIX"/asrel/*.txt "$EX"/asrel.txt
put as_rel serial2 '# input clique: 1 2\n# IXP ASes: 3\n1|2|0|bgp\n1|4|-1|mlp\n2|4|-1|bgp|x\n'
add bogon_list "$FIX"/bogon/*.txt
put bogon_list crlf '# bogons\r\n0.0.0.0/8\r\n10.0.0.0/8 # private\r\n2001:db8::/32\r\n\r\n'

# PeeringDB pages (real ones cut to $MAX bytes, so also truncations), a
# dump, hand-written edge cases; the facts file; Spoofer API JSON and CSV.
add peeringdb "$SHARED"/data/peeringdb/peeringdb-plus/*/*-page-1.json
put peeringdb dump '{"ix":{"data":[{"id":1,"org_id":2}]},"org":{"data":[{"id":2,"name":"O","website":null,"status":"ok"}]},"net":{"data":[{"id":3,"asn":64500,"org_id":2,"irr_as_set":"RIPE::AS64500:AS-CUST, AS-FOO@RADB AS64500 RS-X","info_prefixes4":null,"info_prefixes6":""}]},"poc":{"data":[{"id":4,"net_id":3,"role":"NOC","visible":"Public","email":"noc@example.net","phone":"+1 555 0100","status":"ok"}]}}'
put peeringdb page_mixed '{"data":[{"id":3,"asn":"AS64500","net_id":null},{"id":4,"net_id":3,"role":"Technical","visible":"Users","phone":"+31201234567"},{"id":5,"asn":1,"net_id":3,"ixlan_id":2}],"meta":{}}'
put sav_facts example '{"version":1,"interfaces":[{"name":"xe-0/0/1.100","device":"edge1","customer_asn":"AS64501","single_homed":true,"urpf":"strict","acl":["192.0.2.0/24","2001:db8:100::/48"],"prefixes":["192.0.2.0/24"]},{"name":"ge-0/0/2","single_homed":false,"urpf":"loose","prefixes":null}]}'
put device_config junos '\x00set system host-name edge1\nset interfaces xe-0/0/1 unit 100 family inet address 192.0.2.1/30\nset interfaces xe-0/0/1 unit 100 family inet rpf-check\nset interfaces xe-0/0/1 unit 100 family inet6 rpf-check mode loose\ndeactivate interfaces xe-0/0/1 unit 100 family inet6 rpf-check\nset interfaces xe-0/0/2 description "a b"\n'
put device_config ios '\x01hostname edge2\n!\ninterface GigabitEthernet0/0/1\n ip address 192.0.2.1 255.255.255.252\n ip verify unicast source reachable-via rx allow-default\n ipv6 verify unicast source reachable-via any\n no ipv6 verify unicast\ninterface preconfigure TenGigE0/0/0/1\n ipv4 verify unicast source reachable-via rx\n!\n'
put device_config customers '\x01# interface prefixes\nxe-0/0/1.100 192.0.2.0/24 2001:db8:100::/48\neth1\n'
put spoofer api_page '{"hydra:member":[{"@id":"/sessions/891176","@type":"Session","asn4":"3356","asn6":null,"client4":"4.30.179.0/24","client6":null,"country":"usa","nat4":true,"nat6":null,"privatespoof":"blocked","privatespoof6":null,"routedspoof":"blocked","routedspoof6":null,"session":891176,"timestamp":"2020-05-07T14:34:59+00:00"}],"hydra:totalItems":1}'
put spoofer api_lines '{"session":2,"timestamp":"2020-05-01T00:00:00+00:00","asn4":"64500","asn6":"64500","client4":"192.0.2.0/24","client6":"2001:db8::/40","nat4":false,"nat6":"False","privatespoof":"received","privatespoof6":"blocked","routedspoof":"rewritten","routedspoof6":"unknown"}\n{"session":3,"asn4":1,"routedspoof":"blocked"}\n'
put spoofer shadowserver '"timestamp","ip","asn","geo","network","version","type","routedspoof","session","nat"\n"2019-08-27 00:06:24","137.97.71.0",55836,"IN","137.97.71.0/24","ipv4","Session","received",739969,"True"\n'
put spoofer minimal '# mine\ntimestamp,asn,client,private,routed\n2024-03-01T10:00:00Z,AS64500,192.0.2.0/24,blocked,received\r\n1709287200,64501,2001:db8::/32,,blocked\n'

# decompress: a cap byte, then small inputs in each compression (several
# members, empty streams, a zstd skippable frame, truncations, plain text).
mkdir -p "$CORPUS/decompress"
python3 - "$CORPUS/decompress" "$FIX/irr/rpsl-syntax.rpsl" <<'PY'
import bz2, gzip, lzma, os, shutil, subprocess, sys
out, sample = sys.argv[1], sys.argv[2]
text = open(sample, "rb").read()[:2048] if os.path.exists(sample) else b"route: 192.0.2.0/24\norigin: AS1\n" * 40
comp = {"gzip": gzip.compress, "bzip2": bz2.compress, "xz": lzma.compress}
if shutil.which("zstd"):
    comp["zstd"] = lambda b: subprocess.run(["zstd", "-q", "-c"], input=b, capture_output=True, check=True).stdout
def put(name, cap, body):
    open(os.path.join(out, name), "wb").write(bytes([cap]) + body)
put("plain", 255, text)
for name, f in comp.items():
    one = f(text)
    put(name, 255, one)
    put(name + "_members", 255, f(text[:700]) + f(b"") + f(text[700:]))
    put(name + "_capped", 3, one)
    put(name + "_truncated", 255, one[: len(one) // 2])
if "zstd" in comp:
    put("zstd_skippable", 255, bytes([0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 9, 9]) + comp["zstd"](text))
PY

# mrt: the hand-made MRT fixture, and the first records of each real MRT
# file (decompressed; seeds over $MAX bytes are cut, which also seeds the
# reader's truncation path).
add mrt "$FIX"/routes/updates.mrt
for f in "$SHARED"/data/bgp/mrt/*.mrt.gz; do
    [ -f "$f" ] || continue
    mkdir -p "$CORPUS/mrt"
    gzip -dc "$f" 2>/dev/null | head -c "$MAX" > "$CORPUS/mrt/$(basename "$f" .mrt.gz)" || true
done

# decode_roa, decode_aspa, decode_cer: the shared rpki-client regression
# objects and the .cer fixture, each in every target (the wrong kind is an
# error path too).
for t in decode_roa decode_aspa decode_cer; do
    add "$t" "$FIX"/rpki/*.cer "$SHARED"/data/rpki-objects/rpki-client-regress/*/*.roa \
        "$SHARED"/data/rpki-objects/rpki-client-regress/*/*.asa
done

for d in "$CORPUS"/*/; do
    printf '%-16s %4d seeds\n' "$(basename "$d")" "$(find "$d" -type f | wc -l)"
done
