"""examples/prometheus: the alert rules pass promtool's checks and their unit tests (odoo-cron-alerts.test.yml), the
example Prometheus configuration is valid, and every metric a rule uses is one the filter writes."""

import os
import re
import subprocess

import yaml

from ansible_collections.odoo_ops.odoo.plugins.filter.cron_health_metrics import CRON_METRICS, DATABASE_METRICS
from monitoring_support import EXAMPLES, tool


def promtool(*args):
    process = subprocess.run([tool("promtool")] + list(args), cwd=EXAMPLES, capture_output=True, text=True,
                             timeout=120, check=False)
    return process.returncode, process.stdout + process.stderr


def test_the_rules_are_valid():
    code, output = promtool("check", "rules", "odoo-cron-alerts.yml")
    assert code == 0 and "SUCCESS: 6 rules found" in output, output


def test_the_rules_pass_their_unit_tests():
    code, output = promtool("test", "rules", "odoo-cron-alerts.test.yml")
    assert code == 0 and "SUCCESS" in output, output


def test_the_example_configuration_is_valid():
    code, output = promtool("check", "config", "prometheus.yml")
    assert code == 0 and "SUCCESS" in output, output


def test_every_metric_the_rules_use_is_written_by_the_filter():
    with open(os.path.join(EXAMPLES, "odoo-cron-alerts.yml")) as handle:
        rules = [rule for group in yaml.safe_load(handle)["groups"] for rule in group["rules"]]
    written = set(name for name, _help in DATABASE_METRICS + CRON_METRICS)
    used = set(name for rule in rules for name in re.findall(r"\bodoo_cron_[a-z_]+", rule["expr"]))
    assert used and used <= written, used - written
    assert sorted(rule["alert"] for rule in rules) == sorted([
        "OdooCronScrapeFailed", "OdooCronMetricsStale", "OdooCronMetricsAbsent", "OdooCronOverdue", "OdooCronFailing",
        "OdooCronBroken"])
