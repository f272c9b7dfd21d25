# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: cron_declarations_yaml
short_description: Cron declarations as a YAML document a person can read and commit
version_added: "1.1.0"
description:
  - Turns the RV(odoo_ops.odoo.odoo_cron_info#module:declarations) of M(odoo_ops.odoo.odoo_cron_info) into YAML text
    under one key, ready for O(odoo_ops.odoo.odoo_cron#module:crons).
  - Keys keep the order of the declarations (name and model first), multi-line code is a literal block,
    C(args) and C(kwargs) are written inline, and long lines are not folded, so a re-export of unchanged crons
    gives the same text.
positional: _input
options:
  _input:
    description: The declarations, a list of dictionaries.
    type: list
    elements: dict
    required: true
  key:
    description: Top-level key the list is written under.
    type: str
    default: odoo_crons
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: Read the crons as declarations
  odoo_ops.odoo.odoo_cron_info:
    as_declarations: true
  register: exported

- name: Write them to a file to commit
  ansible.builtin.copy:
    dest: crons.yml
    content: "{{ exported.declarations | odoo_ops.odoo.cron_declarations_yaml }}"
    mode: "0644"
'''

RETURN = r'''
_value:
  description: YAML text, one mapping with O(key) holding the list.
  type: str
'''

import json

import yaml
from ansible.errors import AnsibleFilterError

INLINE_KEYS = ("args", "kwargs")


class _Inline(object):
    def __init__(self, value):
        self.value = value


class _Dumper(yaml.SafeDumper):
    """Block style, with multi-line strings as literal blocks and ``args``/``kwargs`` inline."""


def _represent_str(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_inline(dumper, inline):
    value = inline.value
    if isinstance(value, dict):
        return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Inline, _represent_inline)


def cron_declarations_yaml(declarations, key="odoo_crons"):
    if not isinstance(declarations, list) or not all(isinstance(entry, dict) for entry in declarations):
        raise AnsibleFilterError("cron_declarations_yaml expects a list of declarations (dictionaries), such as "
                                 "odoo_cron_info's declarations")
    # JSON first: Ansible's string and mapping subclasses become plain ones, in the same order.
    plain = json.loads(json.dumps(declarations))
    entries = [dict((name, _Inline(value) if name in INLINE_KEYS else value) for name, value in entry.items())
               for entry in plain]
    return yaml.dump({key: entries}, Dumper=_Dumper, default_flow_style=False, sort_keys=False,
                     allow_unicode=True, width=100000, indent=2)


class FilterModule(object):
    def filters(self):
        return {"cron_declarations_yaml": cron_declarations_yaml}
