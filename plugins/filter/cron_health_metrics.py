# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: cron_health_metrics
short_description: Cron health as Prometheus metrics (text exposition format)
version_added: "1.1.0"
description:
  - Renders what M(odoo_ops.odoo.odoo_cron_info) read (with O(odoo_ops.odoo.odoo_cron_info#module:health=true))
    as Prometheus metrics in the text exposition format, for node_exporter's textfile collector or a Pushgateway.
    It sends no request; the metrics cost the same few requests as the health read.
  - "Per database (labels C(database), C(server)): C(odoo_cron_scrape_success) (1 when the crons were read, 0 when
    the read failed, so an unreachable database alerts instead of going silent), C(odoo_cron_scrape_timestamp_seconds)
    and C(odoo_cron_server_info) (label C(version))."
  - "Per cron (labels C(database), C(server), C(cron_id), C(cron), and C(xml_id) when it has one):
    C(odoo_cron_healthy) (1/0), C(odoo_cron_health_status) (label C(status), 1 for the current one of V(ok),
    V(inactive), V(overdue), V(failing), V(broken)), C(odoo_cron_active), C(odoo_cron_interval_seconds) (a month
    counts 31 days), C(odoo_cron_next_run_timestamp_seconds), C(odoo_cron_last_run_timestamp_seconds) (when it
    ran), and on Odoo 18.0 and later C(odoo_cron_consecutive_failures) and C(odoo_cron_consecutive_timeouts) (runs in a
    row killed by the time limit)."
  - Label values are escaped as the format requires (backslash, double quote, line feed); other characters are
    kept as UTF-8.
positional: _input
options:
  _input:
    description:
      - The result registered from M(odoo_ops.odoo.odoo_cron_info). A failed result (C(failed) true, for example
        with C(ignore_errors=true) on the task) gives C(odoo_cron_scrape_success 0) and no cron metrics.
    type: dict
    required: true
  database:
    description: The C(database) label, usually the Odoo database name.
    type: str
    required: true
  server:
    description: The C(server) label, for example the Odoo URL.
    type: str
    default: ""
  timestamp:
    description: Seconds since the epoch for C(odoo_cron_scrape_timestamp_seconds); default now.
    type: float
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: Read the crons with their health
  odoo_ops.odoo.odoo_cron_info:
    health: true
  register: cron_info
  # a database that cannot be read still gets its metrics: odoo_cron_scrape_success 0
  ignore_errors: true

- name: Render them (playbooks/cron_metrics.yml writes them for node_exporter, or pushes them to a Pushgateway)
  ansible.builtin.set_fact:
    cron_metrics: "{{ cron_info | odoo_ops.odoo.cron_health_metrics(database='odoo', server='https://erp.example.com') }}"

- name: The crons were read
  ansible.builtin.assert:
    that: >-
      'odoo_cron_scrape_success{database="odoo",server="https://erp.example.com"} 1' in cron_metrics.splitlines()
'''

RETURN = r'''
_value:
  description: The metrics, one C(# HELP) and one C(# TYPE) line per metric, ending with a line feed.
  type: str
'''

import calendar
import time
from datetime import datetime

from ansible.errors import AnsibleFilterError

STATUSES = ("ok", "inactive", "overdue", "failing", "broken")
_UNIT_SECONDS = {"minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800, "months": 31 * 86400}
_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

# name: help; every metric is a gauge
DATABASE_METRICS = (
    ("odoo_cron_scrape_success", "1 when the crons of the database were read, 0 when the read failed."),
    ("odoo_cron_scrape_timestamp_seconds", "When the crons of the database were read (or the read failed)."),
    ("odoo_cron_server_info", "The Odoo server's version, in the version label; always 1."),
)
CRON_METRICS = (
    ("odoo_cron_healthy", "1 when the cron's health is ok or inactive, 0 when overdue, failing or broken."),
    ("odoo_cron_health_status", "1 for the cron's current health status (ok, inactive, overdue, failing, broken)."),
    ("odoo_cron_active", "1 when the cron is active, 0 when archived."),
    ("odoo_cron_interval_seconds", "How often the cron runs (a month counts 31 days)."),
    ("odoo_cron_next_run_timestamp_seconds", "When Odoo's scheduler runs the cron next (nextcall)."),
    ("odoo_cron_last_run_timestamp_seconds", "When the cron last ran (lastcall)."),
    ("odoo_cron_consecutive_failures", "Failures in a row that Odoo counts (failure_count, Odoo 18.0+)."),
    ("odoo_cron_consecutive_timeouts", "Runs in a row killed by Odoo's time limit for crons (Odoo 18.0+)."),
)


def escape_label(value):
    """A label value as the text format writes it: backslash, double quote and line feed escaped."""
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def escape_help(text):
    return str(text).replace("\\", "\\\\").replace("\n", "\\n")


def _labels(pairs):
    return "{" + ",".join('%s="%s"' % (name, escape_label(value)) for name, value in pairs) + "}"


def _number(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "%d" % value
    return repr(float(value))


def _timestamp(text):
    try:
        return calendar.timegm(datetime.strptime(text, _DATETIME_FORMAT).timetuple()) if text else None
    except (TypeError, ValueError):
        return None


def _cron_samples(cron, base):
    labels = base + [("cron_id", cron.get("id")), ("cron", cron.get("name") or "")]
    if cron.get("xml_id"):
        labels.append(("xml_id", cron["xml_id"]))
    samples = {}
    health = cron.get("health")
    if isinstance(health, dict) and health.get("status") in STATUSES:
        samples["odoo_cron_healthy"] = [(labels, health["status"] in ("ok", "inactive"))]
        samples["odoo_cron_health_status"] = [(labels + [("status", status)], status == health["status"])
                                              for status in STATUSES]
        if isinstance(health.get("timeouts"), dict):
            samples["odoo_cron_consecutive_timeouts"] = [(labels, int(health["timeouts"].get("in_a_row") or 0))]
    samples["odoo_cron_active"] = [(labels, bool(cron.get("active")))]
    seconds = _UNIT_SECONDS.get(cron.get("interval_type"))
    if seconds and cron.get("interval_number") is not None:
        samples["odoo_cron_interval_seconds"] = [(labels, int(cron["interval_number"]) * seconds)]
    for metric, key in (("odoo_cron_next_run_timestamp_seconds", "nextcall"),
                        ("odoo_cron_last_run_timestamp_seconds", "lastcall")):
        moment = _timestamp(cron.get(key))
        if moment is not None:
            samples[metric] = [(labels, moment)]
    if "failure_count" in cron and cron["failure_count"] is not None:
        samples["odoo_cron_consecutive_failures"] = [(labels, int(cron["failure_count"] or 0))]
    return samples


def cron_health_metrics(result, database, server="", timestamp=None):
    if not isinstance(result, dict):
        raise AnsibleFilterError("cron_health_metrics expects the result registered from odoo_ops.odoo.odoo_cron_info, "
                                 "got %s" % type(result).__name__)
    if not database or not isinstance(database, str):
        raise AnsibleFilterError("cron_health_metrics: database must be the database name, got %r" % (database,))
    failed = bool(result.get("failed"))
    crons = [] if failed else result.get("crons")
    if not isinstance(crons, list) or not all(isinstance(cron, dict) for cron in crons):
        raise AnsibleFilterError("cron_health_metrics: the result has no list of crons (crons); pass the result "
                                 "registered from odoo_ops.odoo.odoo_cron_info")
    base = [("database", database), ("server", server or "")]
    samples = {
        "odoo_cron_scrape_success": [(base, not failed)],
        "odoo_cron_scrape_timestamp_seconds": [(base, time.time() if timestamp is None else float(timestamp))],
    }
    if not failed and result.get("server_version"):
        samples["odoo_cron_server_info"] = [(base + [("version", result["server_version"])], 1)]
    for cron in crons:
        for metric, rows in _cron_samples(cron, base).items():
            samples.setdefault(metric, []).extend(rows)
    lines = []
    for metric, text in DATABASE_METRICS + CRON_METRICS:
        if metric not in samples:
            continue
        lines.append("# HELP %s %s" % (metric, escape_help(text)))
        lines.append("# TYPE %s gauge" % metric)
        lines.extend("%s%s %s" % (metric, _labels(labels), _number(value)) for labels, value in samples[metric])
    return "\n".join(lines) + "\n"


class FilterModule(object):
    def filters(self):
        return {"cron_health_metrics": cron_health_metrics}
