# Copyright: routeguard developers
# BSD-3-Clause (see the routeguard repository)

from __future__ import annotations

DOCUMENTATION = r"""
name: vrps
author: routeguard developers (!UNKNOWN)
version_added: "0.1.0"
short_description: Validated ROA payloads (VRPs) of an RPKI validator export
description:
  - Reads VRP files (rpki-client, Routinator, StayRTR/GoRTR/OctoRPKI JSON, CSV, openbgpd, bird;
    compressed files too) on the controller and returns VRPs as dicts with C(prefix),
    C(max_length), C(asn), C(ta) and C(expires).
  - With O(prefix), the VRPs covering that prefix (RFC 6811 - the prefix is equal to or more
    specific than theirs); with O(prefix) and O(origin), the VRPs that decide the route's state
    (those that match it when it is valid, else every covering one, as C(routeguard validate)
    lists them). Without O(prefix), every VRP of the file, in file order.
  - Each term is one file; the VRPs of all terms are returned in order. Use C(query) (or
    C(wantlist=true)) to always get a list.
  - A file is loaded once per Ansible process and reused until it changes on disk.
options:
  _terms:
    description:
      - Paths of VRP files on the controller; relative ones are searched as the C(file) lookup
        searches (the role's or play's C(files/) directories, then the playbook's directory), then
        in the current directory.
    type: list
    elements: path
    required: true
  prefix:
    description: A prefix (strict - host bits are an error); only the VRPs covering it are returned.
    type: str
  origin:
    description: With O(prefix), the route's origin AS (V(64500), V(AS64500)); the VRPs deciding its state are returned.
    type: str
  slurm:
    description: A SLURM file (RFC 8416) applied to the VRPs.
    type: path
  vrp_format:
    description: The files' format when it should not be sniffed (V(json), V(csv), V(openbgpd), V(bird), V(slurm)).
    type: str
requirements:
  - routeguard (the Python package) on the Ansible controller
seealso:
  - plugin: routeguard.routing.rov_state
    plugin_type: filter
"""

EXAMPLES = r"""
- name: VRPs covering 192.0.2.0/25
  ansible.builtin.debug:
    msg: "{{ query('routeguard.routing.vrps', 'vrps.json', prefix='192.0.2.0/25') }}"
  # [{'prefix': '192.0.2.0/24', 'max_length': 24, 'asn': 64496, 'ta': 'example', 'expires': 1795435200}]

- name: Which ROAs allow AS64496 to announce the prefix
  ansible.builtin.debug:
    msg: "{{ query('routeguard.routing.vrps', 'vrps.json', prefix='192.0.2.0/24', origin='AS64496') | map(attribute='max_length') }}"

- name: Every VRP of a file, through a SLURM file
  ansible.builtin.set_fact:
    all_vrps: "{{ query('routeguard.routing.vrps', '/var/lib/rpki/vrps.json', slurm='/etc/rpki/local.slurm.json') }}"
"""

RETURN = r"""
_list:
  description: The VRPs, one dict each.
  type: list
  elements: dict
  contains:
    prefix:
      description: The ROA prefix.
      type: str
      sample: 192.0.2.0/24
    max_length:
      description: The maximum length.
      type: int
      sample: 24
    asn:
      description: The AS number allowed to originate (0 for an AS0 ROA).
      type: int
      sample: 64496
    ta:
      description: The trust anchor, when the file names it.
      type: str
      sample: ripe
    expires:
      description: The expiry time (seconds since the epoch), when the file gives it.
      type: int
      sample: 1795435200
"""

import os

from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.lookup import LookupBase

from ansible_collections.routeguard.routing.plugins.plugin_utils import datasets


def _vrp(v):
    return {"prefix": v.prefix, "max_length": v.max_length, "asn": v.asn, "ta": v.ta, "expires": v.expires}


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        prefix = self.get_option("prefix")
        origin = self.get_option("origin")
        slurm = self.get_option("slurm")
        vrp_format = self.get_option("vrp_format")
        plugin = "routeguard.routing.vrps"
        if origin is not None and prefix is None:
            raise AnsibleLookupError("%s: origin needs a prefix" % plugin)
        rg = datasets.require_routeguard(plugin, AnsibleLookupError)
        out = []
        for term in terms:
            path = self.find_file_in_search_path(variables, "files", term, ignore_missing=True)
            if path is None and os.path.isfile(os.path.expanduser(term)):
                path = term
            if path is None:
                raise AnsibleLookupError("%s: VRP file %s not found" % (plugin, term))
            vset = datasets.vrp_set(path, plugin, slurm, vrp_format, AnsibleLookupError)
            if prefix is None:
                out.extend(_vrp(v) for v in vset)
                continue
            try:
                # With no origin nothing matches, so every covering VRP is listed.
                result = vset.validate(str(prefix), None if origin is None else str(origin))
            except rg.RouteguardError as exc:
                raise AnsibleLookupError("%s: %s" % (plugin, to_native(exc)))
            out.extend(_vrp(v) for v in result.covering)
        return out
