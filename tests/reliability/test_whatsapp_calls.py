"""The collection calls nothing on whatsapp.sync.service but cron_sync_all_data and the ORM's own methods.

The real addon has only that public method (and the fields sync_status, last_sync_message); anything
else the collection called would fail there ("The method '...' does not exist"). The simulator counts
every call by model and method, so each module that touches the model runs here, failing paths too.
"""

import pytest

from module_runner import run_module

from reliability_support import connection

MODEL = "whatsapp.sync.service"
ADDON_METHODS = {"cron_sync_all_data"}
# odoo/models.py BaseModel's public methods that the external API reaches.
ORM_METHODS = {"search", "search_read", "search_count", "read", "fields_get", "create", "write", "unlink",
               "name_get", "name_search", "default_get", "exists", "check_access_rights", "read_group"}


def methods_called(sim):
    prefix = MODEL + "."
    return set(key[len(prefix):] for key in sim.counters()["by_call"] if key.startswith(prefix))


@pytest.mark.parametrize("version", ["14.0", "18.0"])
def test_only_the_addons_method_and_the_orm_are_called(request, simulators, version):
    from shared_simulators import shared_simulator
    shared_simulator(simulators, version)
    sim = simulators[version]
    sim.reset()
    sim.clear_faults()
    conn = connection(sim)
    assert not run_module("odoo_module", dict(conn, name="whatsapp_integration")).get("failed")
    sim.reset_counters()
    runs = [
        ("odoo_whatsapp_sync", dict(conn, sync_now=True), True),
        ("odoo_whatsapp_sync", dict(conn, sync_now=True, daily=True), False),
        ("odoo_cron_info", dict(conn, model=MODEL), False),
        ("odoo_cron_run", dict(conn, xml_id="whatsapp_integration.ir_cron_whatsapp_sync_hourly"), False),
    ]
    for name, args, check_mode in runs:
        result = run_module(name, args, check_mode=check_mode)
        assert not result.get("failed"), (name, result)
    sim.set_faults(fail_next_sync=True)
    assert run_module("odoo_whatsapp_sync", dict(conn, sync_now=True)).get("failed")
    called = methods_called(sim)
    assert "cron_sync_all_data" in called and "search_read" in called  # the runs above did reach the model
    assert called <= ADDON_METHODS | ORM_METHODS, sorted(called - ADDON_METHODS - ORM_METHODS)
