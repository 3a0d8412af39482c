#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: routeguard developers
# BSD-3-Clause (see the routeguard repository)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: prefix_list
short_description: Generates a router prefix list from IRR data and diffs it against the current one
version_added: "0.1.0"
description:
  - Expands as-sets, route-sets and AS numbers over local IRR dumps (as IRRd and bgpq4 resolve
    them), drops (or tags) RPKI-invalid pairs when VRPs are given, and renders the customer
    prefix filter for a router platform, as C(routeguard filter) does.
  - Compares it with the list the router holds (O(current), O(current_path), else the content of
    O(dest)) with routeguard's prefix-list audit (missing, extra and changed entries, and whether
    both accept the same routes) and returns that diff; in diff mode (C(--diff)) the audit is
    shown as text.
  - The task is C(changed) when the list given in O(current) or O(current_path) accepts other
    routes than the generated one (as C(routeguard filter --diff) exits 1), and when O(dest)'s
    content (or mode/owner) changed. Run again with the same data, a task that only writes
    O(dest) is not C(changed).
  - Supports check mode (nothing is written).
  - Runs on the target host; the files are paths there. Give absolute paths - the module runs in
    a temporary directory, not in the playbook's.
author:
  - routeguard developers (!UNKNOWN)
requirements:
  - routeguard (the Python package) on the target host
options:
  objects:
    description: The as-sets, route-sets and AS numbers to expand.
    type: list
    elements: str
    required: true
  irr:
    description: RPSL dumps - each item a path or a dict mapping a source name to a path.
    type: list
    elements: raw
    required: true
  irr_preference:
    description: IRR source names in order of preference.
    type: list
    elements: str
  sources:
    description: The IRR sources to use, in order (bgpq4 C(-S)).
    type: list
    elements: str
  vrps:
    description: A VRP file; RPKI-invalid (prefix, origin) pairs are dropped, or tagged with O(rpki=tag).
    type: path
  slurm:
    description: A SLURM file applied to O(vrps).
    type: path
  rpki:
    description: What to do with RPKI-invalid pairs when O(vrps) is given.
    type: str
    choices: [drop, tag]
  roa_as_route:
    description: ROAs of the filter's AS numbers stand in for missing route objects.
    type: bool
    default: false
  max_len:
    description: Leave out prefixes longer than this (bgpq4 C(-m)).
    type: int
  family:
    description: The address family.
    type: int
    choices: [4, 6]
    default: 4
  format:
    description:
      - The router platform - any filter format of the routeguard package, e.g. V(ios),
        V(ios-xr), V(junos), V(eos), V(bird), V(openbgpd), V(routeros7), V(sros), V(srlinux),
        V(huawei), V(frr), V(vyos), V(json).
    type: str
    default: ios
  name:
    description: The prefix list's name.
    type: str
    default: NN
  aggregate:
    description: Aggregate the prefixes as bgpq4 C(-A) does.
    type: bool
    default: false
  dest:
    description: Where to write the list; its old content is the current list unless O(current) or O(current_path) is given.
    type: path
  current:
    description: The list the router holds, as text (any form routeguard renders).
    type: str
  current_path:
    description: A file with the list the router holds.
    type: path
  current_format:
    description: The form of the current list (sniffed when not given), e.g. V(ios), V(junos), V(bird), V(json).
    type: str
  current_list:
    description:
      - Compare only the current text's list of this name (both families), for a current text that holds
        several lists, such as a router's whole configuration. A name the text lacks fails the task.
      - When not given, every list of the current text is read together.
    type: str
  strict:
    description: Fail on any bad record of the data files instead of skipping it.
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
    details: The prefix-list audit against the current list, and the O(dest) file's content before and after.
  platform:
    platforms: posix
seealso:
  - plugin: routeguard.routing.prefix_list
    plugin_type: filter
  - module: routeguard.routing.manrs_report
"""

EXAMPLES = r"""
- name: Junos prefix list of a customer, without RPKI-invalid routes
  routeguard.routing.prefix_list:
    objects: [AS-EXAMPLENET]
    irr: [{RIPE: /var/lib/irr/ripe.db.gz}]
    vrps: /var/lib/rpki/vrps.json
    format: junos
    name: CUST-EXAMPLENET
    dest: /srv/configs/edge1/cust-examplenet.conf
  register: plist

- name: Audit the list a router holds (changed when it accepts other routes)
  routeguard.routing.prefix_list:
    objects: [AS-EXAMPLENET]
    irr: [irr.rpsl]
    format: ios
    name: CUST
    current: "{{ router_running_list }}"
  register: audit
  diff: true

- name: Show what is missing on the router
  ansible.builtin.debug:
    msg: "{{ audit.filter_diff.missing | map(attribute='prefix') }}"
"""

RETURN = r"""
prefix_list:
  description: The generated list, as the router's configuration text.
  returned: always
  type: str
  sample: "no ip prefix-list CUST\nip prefix-list CUST permit 11.0.0.0/16\n"
dest:
  description: The file written.
  returned: when O(dest) is given
  type: str
entries:
  description: The number of entries (prefix ranges and origins) of the filter.
  returned: always
  type: int
  sample: 3
asns:
  description: The AS numbers the objects expand to.
  returned: always
  type: list
  elements: int
  sample: [1000, 2000]
missing_sets:
  description: Sets named in the expansion that the dumps do not hold.
  returned: always
  type: list
  elements: str
dropped:
  description: Entries dropped as RPKI invalid - C(prefix), C(low), C(high), C(origin), C(rpki).
  returned: always
  type: list
  elements: dict
filter_diff:
  description:
    - routeguard's audit of the current list against the generated one (the JSON of
      C(routeguard filter --diff)) plus its text.
  returned: when a current list is given, or O(dest) exists
  type: dict
  contains:
    same:
      description: Both lists have the same entries.
      type: bool
    equivalent:
      description: Both lists accept the same routes.
      type: bool
    missing:
      description: Entries of the generated list the current one lacks.
      type: list
      elements: dict
    extra:
      description: Entries of the current list the generated one lacks.
      type: list
      elements: dict
    changed:
      description: Prefixes whose length ranges differ.
      type: list
      elements: dict
    text:
      description: The audit as text.
      type: str
"""

import json

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.routeguard.routing.plugins.module_utils.common import (
    fail_routeguard,
    irr_arg,
    path_arg,
    read_text,
    require_routeguard,
    write_if_changed,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            objects=dict(type="list", elements="str", required=True),
            irr=dict(type="list", elements="raw", required=True),
            irr_preference=dict(type="list", elements="str"),
            sources=dict(type="list", elements="str"),
            vrps=dict(type="path"),
            slurm=dict(type="path"),
            rpki=dict(type="str", choices=["drop", "tag"]),
            roa_as_route=dict(type="bool", default=False),
            max_len=dict(type="int"),
            family=dict(type="int", choices=[4, 6], default=4),
            format=dict(type="str", default="ios"),
            name=dict(type="str", default="NN"),
            aggregate=dict(type="bool", default=False),
            dest=dict(type="path"),
            current=dict(type="str"),
            current_path=dict(type="path"),
            current_format=dict(type="str"),
            current_list=dict(type="str"),
            strict=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("current", "current_path")],
        add_file_common_args=True,
        supports_check_mode=True,
    )
    rg = require_routeguard(module)
    p = module.params
    result = dict(changed=False)

    try:
        ds = rg.Dataset(
            irr=irr_arg(module, p["irr"]),
            irr_preference=p["irr_preference"],
            vrps=path_arg(p["vrps"]),
            slurm=path_arg(p["slurm"]),
            strict=p["strict"],
        )
    except (rg.RouteguardError, OSError) as exc:
        fail_routeguard(module, "cannot load the data", exc, **result)

    kwargs = dict(
        family=p["family"],
        roa_as_route=p["roa_as_route"],
        format=p["format"],
        name=p["name"],
        aggregate=p["aggregate"],
    )
    if p["sources"]:
        kwargs["sources"] = p["sources"]
    if p["rpki"] is not None:
        kwargs["rpki"] = p["rpki"]
    if p["max_len"] is not None:
        kwargs["max_len"] = p["max_len"]
    try:
        f = ds.prefix_list(p["objects"], **kwargs)
        text = f.render()
    except (rg.RouteguardError, OSError) as exc:
        fail_routeguard(module, "prefix list", exc, **result)

    result["prefix_list"] = text
    result["entries"] = len(f)
    result["asns"] = f.asns
    result["missing_sets"] = f.missing_sets
    result["dropped"] = [
        dict(prefix=e.prefix, low=e.low, high=e.high, origin=e.origin, rpki=e.rpki) for e in f.dropped
    ]

    # The list the router holds: given as text, as a file, or the old dest.
    if p["current"] is not None:
        current, current_from = p["current"], "the current list"
    elif p["current_path"]:
        current = read_text(module, p["current_path"], "current_path")
        if current is None:
            module.fail_json(msg="current_path %s does not exist" % p["current_path"], **result)
        current_from = p["current_path"]
    else:
        current = read_text(module, p["dest"], "dest") if p["dest"] else None
        current_from = p["dest"]

    if current is not None:
        try:
            diff = f.diff(current, format=p["current_format"], name=p["name"], list=p["current_list"])
        except (rg.RouteguardError, ValueError) as exc:
            fail_routeguard(module, "current list (%s)" % current_from, exc, **result)
        result["filter_diff"] = json.loads(diff.to_json())
        result["filter_diff"]["text"] = diff.to_text()
        if module._diff and not diff.same:
            result["diff"] = [
                {"prepared": "routeguard prefix-list audit of %s against the generated list:\n%s" % (current_from, diff.to_text())}
            ]
        # A list given as current (not dest's old content) that accepts other
        # routes is a change to make, as `routeguard filter --diff` exits 1.
        if current_from != p["dest"]:
            result["changed"] = not diff.equivalent

    if p["dest"]:
        result["dest"] = p["dest"]
        write_if_changed(module, p["dest"], text, result)

    module.exit_json(**result)


if __name__ == "__main__":
    main()
