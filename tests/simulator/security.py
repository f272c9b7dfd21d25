"""Access rights: ir.model.access rows, groups, and the AccessError text.

The rows are facts from odoo/addons/base/security/ir.model.access.csv of each branch
(14.0, 16.0, 17.0, 18.0) and tests/addons/whatsapp_integration/security/; they are
seeded as real ir.model.access records and checked from the database, so an ACL
changed over RPC takes effect. The error text comes from ir_model.py
IrModelAccess.check (14.0-17.0) / _make_access_error (18.0), identical wording:

    You are not allowed to modify 'Scheduled Actions' (ir.cron) records.

    This operation is allowed for the following groups:
    \t- Administration/Settings

    Contact your administrator to request access if necessary.
"""

from . import errors

# xml id -> (category name, group name, implied xml ids); base/security/base_groups.xml
# and base/data/ir_module_category_data.xml (same names on 14.0 and 18.0).
GROUPS = {
    "base.group_user": ("User types", "Internal User", ()),
    "base.group_portal": ("User types", "Portal", ()),
    "base.group_public": ("User types", "Public", ()),
    "base.group_erp_manager": ("Administration", "Access Rights", ("base.group_user",)),
    "base.group_system": ("Administration", "Settings", ("base.group_erp_manager",)),
    "base.group_no_one": ("Technical", "Technical Features", ()),
    "base.group_multi_company": ("Technical", "Multi Companies", ()),
}

# 19.0 (res_groups.py; measured): a group's name no longer carries a category ("Role / Administrator"
# is the name itself), and the AccessError lists these names alone
GROUP_NAMES_19 = {
    "base.group_user": "Role / User",
    "base.group_portal": "Role / Portal",
    "base.group_public": "Role / Public",
    "base.group_erp_manager": "Access Rights",
    "base.group_system": "Role / Administrator",
    "base.group_no_one": "Technical Features",
    "base.group_multi_company": "Multi Companies",
}


def group_label(profile, xmlid):
    """(category or None, name) of a known group as the branch names it."""
    if profile.major >= 19:
        return None, GROUP_NAMES_19[xmlid]
    category, name, _implied = GROUPS[xmlid]
    return category, name


MODES = ("read", "write", "create", "unlink")
ALL = (1, 1, 1, 1)
READ = (1, 0, 0, 0)


def acl_rows(profile):
    """[(module, csv id, name, model, group xml id or None, (r, w, c, u))]."""
    user_model = READ if profile.ir_model_user_read else (0, 0, 0, 0)
    rows = [
        ("base", "access_ir_cron_group_cron", "ir_cron group_cron", "ir.cron",
         "base.group_system", ALL),
        ("base", "access_ir_actions_server_group_system", "ir_actions_server_group_system",
         "ir.actions.server", "base.group_system", ALL),
        ("base", "access_ir_model_data_group_erp_manager", "ir_model_data group_erp_manager",
         "ir.model.data", "base.group_erp_manager", ALL),
        ("base", "access_ir_model_data_user", "ir_model_data user", "ir.model.data",
         "base.group_user", tuple(profile.imd_user_acl)),
        ("base", "access_ir_model_group_erp_manager", "ir_model group_erp_manager", "ir.model",
         "base.group_erp_manager", ALL),
        ("base", "access_ir_model_user", "ir_model_all", "ir.model", "base.group_user",
         user_model),
        ("base", "access_ir_model_fields_group_erp_manager", "ir_model_fields group_erp_manager",
         "ir.model.fields", "base.group_erp_manager", ALL),
        ("base", "access_ir_model_fields_user", "ir_model_fields all", "ir.model.fields",
         "base.group_user", user_model),
        ("base", "access_ir_model_access_group_erp_manager", "ir_model_access_group_erp_manager",
         "ir.model.access", "base.group_erp_manager", ALL),
        ("base", "access_ir_module_module_group_user", "ir_module_module group_user",
         "ir.module.module", "base.group_system", ALL),
        ("base", "access_ir_config_parameter_system", "ir_config_parameter_system",
         "ir.config_parameter", "base.group_system", ALL),
        ("base", "access_res_groups_group_erp_manager", "res_groups group_erp_manager",
         "res.groups", "base.group_erp_manager", ALL),
        ("base", "access_res_groups_group_user", "res_groups group_user", "res.groups",
         "base.group_user", READ),
        ("base", "access_res_users_group_erp_manager", "res_users group_erp_manager",
         "res.users", "base.group_erp_manager", ALL),
        # res.partner / res.company rows: ids and names not checked against the csv
        ("base", "access_res_partner_group_user", "res_partner group_user", "res.partner",
         "base.group_user", ALL),
        ("base", "access_res_partner_public", "res_partner public", "res.partner",
         "base.group_public", READ),
        ("base", "access_res_company_all", "res_company all", "res.company", None, READ),
        ("base", "access_res_company_group_erp_manager", "res_company group_erp_manager",
         "res.company", "base.group_erp_manager", ALL),
        # tests/addons/whatsapp_integration/security/ir.model.access.csv
        ("whatsapp_integration", "access_whatsapp_sync_service_user",
         "whatsapp.sync.service user", "whatsapp.sync.service", "base.group_user", READ),
        ("whatsapp_integration", "access_whatsapp_sync_service_system",
         "whatsapp.sync.service system", "whatsapp.sync.service", "base.group_system", ALL),
    ]
    if profile.major >= 18:
        # ir.cron.progress (18.0): administrators only; the row is assumed (not checked against the csv)
        rows.append(("base", "access_ir_cron_progress", "ir_cron_progress", "ir.cron.progress",
                     "base.group_system", ALL))
    if profile.major >= 17:     # 17.0 split "res_users all" per user type
        rows += [
            ("base", "access_res_users_public", "res_users all", "res.users",
             "base.group_public", READ),
            ("base", "access_res_users_portal", "res_users all", "res.users",
             "base.group_portal", READ),
            ("base", "access_res_users_employee", "res_users all", "res.users",
             "base.group_user", READ),
        ]
    else:
        rows.append(("base", "access_res_users_all", "res_users all", "res.users", None, READ))
    return rows


def implied_closure(group_xmlids):
    result = set()
    todo = list(group_xmlids)
    while todo:
        gid = todo.pop()
        if gid in result:
            continue
        result.add(gid)
        todo.extend(GROUPS.get(gid, ("", "", ()))[2])
    return result


def _acl_records(env, model_name):
    db = env.db
    models = db.tables.get("ir.model", {})
    return [row for row in db.tables.get("ir.model.access", {}).values()
            if row.get("active") and models.get(row.get("model_id"), {}).get("model") == model_name]


def check_access(env, model_name, description, mode, raise_exception=True):
    """IrModelAccess.check(model, mode): True, False, or raise AccessError."""
    if env.su:
        return True
    perm = "perm_" + mode
    group_ids = env.user_group_ids()
    allowed = any(row.get(perm) and (not row.get("group_id") or row["group_id"] in group_ids)
                  for row in _acl_records(env, model_name))
    if allowed or not raise_exception:
        return allowed
    raise access_error_for(env, model_name, description, mode)


def access_error_for(env, model_name, description, mode):
    heads = {
        "read": "You are not allowed to access '%(kind)s' (%(model)s) records.",
        "write": "You are not allowed to modify '%(kind)s' (%(model)s) records.",
        "create": "You are not allowed to create '%(kind)s' (%(model)s) records.",
        "unlink": "You are not allowed to delete '%(kind)s' (%(model)s) records.",
    }
    operation_error = heads[mode] % {"kind": description or model_name, "model": model_name}
    groups_table = env.db.tables.get("res.groups", {})
    names = []
    for row in _acl_records(env, model_name):
        if not row.get("perm_" + mode) or not row.get("group_id"):
            continue
        xmlid = env.db.group_xmlid(row["group_id"])
        category = group_label(env.profile, xmlid)[0] if xmlid in GROUPS else None
        names.append((category or "", groups_table.get(row["group_id"], {}).get("name", "")))
    # group_names_with_access: ORDER BY c.name, g.name; '%s/%s' % x if x[0] else x[1]
    groups = "\n".join("\t- %s" % ("%s/%s" % pair if pair[0] else pair[1])
                       for pair in sorted(set(names)))
    if groups:
        group_info = "This operation is allowed for the following groups:\n%s" % groups
    else:
        group_info = "No group currently allows this operation."
    resolution = "Contact your administrator to request access if necessary."
    return errors.access_error("%s\n\n%s\n\n%s" % (operation_error, group_info, resolution))
