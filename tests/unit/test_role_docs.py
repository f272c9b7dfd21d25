"""The role's README table, its argument_specs and its defaults say the same thing."""

import os
import re

import yaml

ROLE = os.path.join(os.path.dirname(__file__), "..", "..", "roles", "whatsapp_sync")


def load(path):
    with open(os.path.join(ROLE, path)) as handle:
        return handle.read()


def readme_rows():
    rows = re.findall(r"^\| `(whatsapp_sync_\w+)` \| `([^`]*)` \|", load("README.md"), re.M)
    return dict(rows)


def test_readme_table_lists_every_argument_with_its_default():
    options = yaml.safe_load(load("meta/argument_specs.yml"))["argument_specs"]["main"]["options"]
    rows = readme_rows()
    assert sorted(rows) == sorted(options)
    for name, spec in options.items():
        default = spec["default"]
        shown = {True: "true", False: "false"}.get(default, str(default)) if default != "" else '""'
        assert rows[name] == shown, name


def test_defaults_match_argument_specs():
    options = yaml.safe_load(load("meta/argument_specs.yml"))["argument_specs"]["main"]["options"]
    defaults = yaml.safe_load(load("defaults/main.yml"))
    assert defaults == dict((name, spec["default"]) for name, spec in options.items())
