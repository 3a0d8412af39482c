#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: routeguard developers
# BSD-3-Clause (see the routeguard repository)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: manrs_report
short_description: Checks a network against the MANRS actions and writes the report
version_added: "0.1.0"
description:
  - Judges an operator on the four MANRS actions (Filtering, Anti-spoofing, Coordination, Global
    validation) from the routes seen from outside and whatever registry data is given, as
    C(routeguard manrs check) does; a rule whose data is missing is reported I(not evaluated),
    never passed.
  - Writes the report to O(dest) in the chosen O(format) and returns a summary (conformance and
    score per action, metrics, findings).
  - The task is C(changed) only when the content of O(dest) (or its mode/owner) changed; in
    check mode nothing is written.
  - Fails the task on non-conformance when O(fail_on_nonconformance=true), after writing the report.
  - Runs on the target host; the files are paths there. Give absolute paths - the module runs in
    a temporary directory, not in the playbook's.
author:
  - routeguard developers (!UNKNOWN)
requirements:
  - routeguard (the Python package) on the target host
options:
  asns:
    description: The operator's AS numbers (V(AS1000), V(1000) or asdot).
    type: list
    elements: str
    required: true
  routes:
    description:
      - Files of routes seen from outside - C(PREFIX PATH) lines, C(bgpdump -m) lines, CAIDA
        prefix2as or MRT files (gzip, bzip2, xz, zstd decompressed).
    type: list
    elements: path
    required: true
  vrps:
    description: A VRP file (any validator export routeguard reads).
    type: path
  slurm:
    description: A SLURM file (RFC 8416) applied to O(vrps).
    type: path
  irr:
    description: RPSL dumps - each item a path or a dict mapping a source name to a path.
    type: list
    elements: raw
  irr_preference:
    description: IRR source names in order of preference.
    type: list
    elements: str
  asrel:
    description: A CAIDA AS relationship file (as-rel).
    type: path
  peeringdb:
    description: PeeringDB API pages (C(net), C(poc)) as JSON files.
    type: list
    elements: path
  facts:
    description: The anti-spoofing network-facts file (customer interfaces).
    type: path
  spoofer:
    description: CAIDA Spoofer results (CSV files).
    type: list
    elements: path
  bogons:
    description: Extra bogon lists (Team Cymru style files).
    type: list
    elements: path
  as_set:
    description: The operator's as-set (found in PeeringDB or the aut-num when not given).
    type: str
  customers:
    description: Customer AS numbers, in addition to those the AS relationships name.
    type: list
    elements: str
  ready:
    description: The score from which an action is V(ready).
    type: float
  aspiring:
    description: The score from which an action is V(aspiring).
    type: float
  strict:
    description: Fail on any bad record of the data files instead of skipping it.
    type: bool
    default: false
  dest:
    description: Where to write the report; without it, only the summary is returned.
    type: path
  format:
    description:
      - The report's format - any the routeguard package renders (V(json) with the versioned
        schema C(routeguard-manrs/1), V(text), V(markdown), V(html)).
    type: str
    default: json
  fail_on_nonconformance:
    description: Fail the task when the operator does not conform to MANRS (the report is written first).
    type: bool
    default: false
extends_documentation_fragment:
  - ansible.builtin.files
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The report file's content before and after.
  platform:
    platforms: posix
seealso:
  - module: routeguard.routing.prefix_list
notes:
  - The same check from the command line is C(routeguard manrs check); C(routeguard manrs rules RULE)
    explains a rule.
"""

EXAMPLES = r"""
- name: MANRS report of AS1000 as Markdown
  routeguard.routing.manrs_report:
    asns: [AS1000]
    routes: [/var/lib/bgp/updates.bgpdump-m.txt]
    vrps: /var/lib/rpki/vrps.json
    irr: [{RIPE: /var/lib/irr/ripe.db.gz}]
    asrel: /var/lib/caida/as-rel.txt
    peeringdb: [/var/lib/peeringdb/net.json, /var/lib/peeringdb/poc.json]
    dest: /srv/reports/manrs-AS1000.md
    format: markdown
  register: manrs

- name: Show the verdict per action
  ansible.builtin.debug:
    msg: "{{ manrs.summary.actions | items2dict(key_name='action', value_name='conformant') }}"

- name: Stop the play when AS2000 does not conform
  routeguard.routing.manrs_report:
    asns: [AS2000]
    routes: [routes.txt]
    vrps: vrps.json
    irr: [irr.rpsl]
    dest: /srv/reports/manrs-AS2000.json
    fail_on_nonconformance: true
"""

RETURN = r"""
conformant:
  description: Whether the operator conforms to every required MANRS action.
  returned: always
  type: bool
  sample: false
dest:
  description: The report file.
  returned: when O(dest) is given
  type: str
  sample: /srv/reports/manrs-AS1000.json
summary:
  description:
    - The report without findings, rules and remedies - C(schema), C(operator), C(conformant),
      C(routes), C(actions) and C(metrics) as in the JSON report.
  returned: always
  type: dict
  contains:
    schema:
      description: The report schema's version.
      type: str
      sample: routeguard-manrs/1
    operator:
      description: AS numbers, as-set and customers of the operator.
      type: dict
    conformant:
      description: Whether the operator conforms.
      type: bool
    routes:
      description: Own, customer and seen route counts.
      type: dict
      sample: {own: 5, customer: 6, seen: 12}
    actions:
      description: Per action - C(action), C(number), C(title), C(required), C(evaluated), C(conformant), C(score), C(readiness), C(basis), C(counts).
      type: list
      elements: dict
    metrics:
      description: The MANRS Observatory metrics (C(m7irr), C(m7rpki), ...) and CAIDA's tests.
      type: dict
findings:
  description: One item per finding - C(rule), C(action), C(severity), C(subject), C(message).
  returned: always
  type: list
  elements: dict
  sample:
    - rule: filtering/own-rpki-invalid
      action: filtering
      severity: error
      subject: 13.0.0.0/24 AS1000
      message: AS1000 originates 13.0.0.0/24, which is RPKI invalid
nonconformant_actions:
  description: Titles of the actions found not conformant.
  returned: always
  type: list
  elements: str
  sample: [Filtering, Anti-spoofing, Global validation]
"""

import json
import pathlib

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.routeguard.routing.plugins.module_utils.common import (
    fail_routeguard,
    irr_arg,
    path_arg,
    require_routeguard,
    write_if_changed,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            asns=dict(type="list", elements="str", required=True),
            routes=dict(type="list", elements="path", required=True),
            vrps=dict(type="path"),
            slurm=dict(type="path"),
            irr=dict(type="list", elements="raw"),
            irr_preference=dict(type="list", elements="str"),
            asrel=dict(type="path"),
            peeringdb=dict(type="list", elements="path"),
            facts=dict(type="path"),
            spoofer=dict(type="list", elements="path"),
            bogons=dict(type="list", elements="path"),
            as_set=dict(type="str"),
            customers=dict(type="list", elements="str"),
            ready=dict(type="float"),
            aspiring=dict(type="float"),
            strict=dict(type="bool", default=False),
            dest=dict(type="path"),
            format=dict(type="str", default="json"),
            fail_on_nonconformance=dict(type="bool", default=False),
        ),
        add_file_common_args=True,
        supports_check_mode=True,
    )
    rg = require_routeguard(module)
    p = module.params
    result = dict(changed=False)

    try:
        ds = rg.Dataset(
            vrps=path_arg(p["vrps"]),
            slurm=path_arg(p["slurm"]),
            irr=irr_arg(module, p["irr"]) or None,
            irr_preference=p["irr_preference"],
            asrel=path_arg(p["asrel"]),
            peeringdb=p["peeringdb"],
            sav_facts=path_arg(p["facts"]),
            spoofer=p["spoofer"],
            bogons=p["bogons"],
            strict=p["strict"],
        )
    except (rg.RouteguardError, OSError) as exc:
        fail_routeguard(module, "cannot load the data", exc, **result)

    thresholds = {}
    if p["ready"] is not None:
        thresholds["ready"] = p["ready"]
    if p["aspiring"] is not None:
        thresholds["aspiring"] = p["aspiring"]
    try:
        report = ds.manrs_check(
            p["asns"],
            # Path objects: routeguard reads a list of str as route lines.
            [pathlib.Path(r) for r in p["routes"]],
            as_set=p["as_set"],
            customers=p["customers"],
            thresholds=thresholds or None,
        )
        content = report.render(p["format"])
        full = json.loads(report.to_json())
    except (rg.RouteguardError, OSError) as exc:
        fail_routeguard(module, "MANRS check", exc, **result)

    result["conformant"] = report.conformant
    result["summary"] = dict((k, full[k]) for k in ("schema", "operator", "conformant", "routes", "actions", "metrics"))
    result["findings"] = [
        dict(rule=f.rule, action=f.action, severity=f.severity, subject=f.subject, message=f.message)
        for f in report.findings
    ]
    result["nonconformant_actions"] = [a.title for a in report.actions if a.conformant is False]

    if p["dest"]:
        result["dest"] = p["dest"]
        write_if_changed(module, p["dest"], content, result)

    if p["fail_on_nonconformance"] and not report.conformant:
        module.fail_json(
            msg="%s does not conform to MANRS (not conformant: %s)"
            % (", ".join("AS%d" % a for a in report.asns), ", ".join(result["nonconformant_actions"]) or "-"),
            **result
        )
    module.exit_json(**result)


if __name__ == "__main__":
    main()
