"""Access rights: ir.model.access rows, groups, and the AccessError text.

The rows are facts from odoo/addons/base/security/ir.model.access.csv of each branch
(14.0, 16.0, 17.0, 18.0) and tests/addons/whatsapp_integration/hooks.py; they are
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
    # base_groups.xml: Contact Creation (users: base.user_root, base.user_admin); 19.0 also makes Settings imply
    # it (implied_by_ids, database.py)
    "base.group_partner_manager": ("Extra Rights", "Contact Creation", ()),
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
    # base_groups.xml 19.0: privilege "Contact", group "Creation" (read from source, not measured)
    "base.group_partner_manager": "Contact / Creation",
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
        # base/security/ir.model.access.csv 14.0-19.0: internal users read contacts, Contact Creation writes them
        # (so a user in Settings alone cannot create a user, whose contact is created with its rights: measured
        # on real 14.0-18.0, "You are not allowed to create 'Contact' (res.partner) records")
        ("base", "access_res_partner_group_user", "res_partner group_user", "res.partner",
         "base.group_user", READ),
        ("base", "access_res_partner_group_partner_manager", "res_partner group_partner_manager", "res.partner",
         "base.group_partner_manager", ALL),
        ("base", "access_res_partner_public", "res_partner public", "res.partner",
         "base.group_public", READ),
        ("base", "access_res_company_all", "res_company all", "res.company", None, READ),
        ("base", "access_res_company_group_erp_manager", "res_company group_erp_manager",
         "res.company", "base.group_erp_manager", ALL),
        # tests/addons/whatsapp_integration/hooks.py (written at install, external ids as a CSV's)
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


# 20.0: odoo/addons/base/security/ir.access.csv @c26577dc5717 (header id,model_id,group_id/id,operation,
# domain,name), the rows of the models the simulator has; (module, csv id, name, model, group or None,
# operation, domain). A row without a group is a restriction (ir_access.py @5d9a6616756d); the domains
# of permissions and restrictions narrow records, which the simulator does not model (model-level only).
ACCESS_ROWS_20 = (
    ("base", "access_ir_cron_group_system", "ir_cron group_cron", "ir.cron", "base.group_system", "rwcd", ""),
    # ir.cron.progress: administrators, as on 18.0/19.0 (assumed, like those: not read from a 20.0 csv)
    ("base", "access_ir_cron_progress", "ir_cron_progress", "ir.cron.progress", "base.group_system", "rwcd", ""),
    ("base", "access_ir_actions_server_group_system", "ir_actions_server_group_system", "ir.actions.server",
     "base.group_system", "rwcd", ""),
    ("base", "access_ir_model_data_group_erp_manager", "ir_model_data group_erp_manager", "ir.model.data",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_ir_model_group_erp_manager", "ir_model group_erp_manager", "ir.model",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_ir_model_fields_group_erp_manager", "ir_model_fields group_erp_manager", "ir.model.fields",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_ir_access_group_erp_manager", "ir_access_group_erp_manager", "ir.access",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_ir_module_module_group_system", "ir_module_module group_user", "ir.module.module",
     "base.group_system", "rwcd", ""),
    ("base", "access_ir_config_parameter_group_system", "ir_config_parameter_system", "ir.config_parameter",
     "base.group_system", "rwcd", ""),
    ("base", "access_res_groups_group_erp_manager", "res_groups group_erp_manager", "res.groups",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_res_groups_group_user", "res_groups group_user", "res.groups", "base.group_user", "r", ""),
    ("base", "access_res_users_group_public", "res_users all", "res.users", "base.group_public", "r", ""),
    ("base", "access_res_users_group_portal", "portal user access", "res.users", "base.group_portal", "r",
     "[('commercial_partner_id', '=', user.commercial_partner_id.id)]"),
    ("base", "access_res_users_group_user", "res_users all", "res.users", "base.group_user", "r", ""),
    ("base", "access_res_users_group_erp_manager", "res_users group_erp_manager", "res.users",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_res_users_global", "user rule", "res.users", None, "rwcd",
     "['|', ('share', '=', False), ('company_ids', 'in', company_ids)]"),
    ("base", "access_res_partner_group_public", "res_partner: portal/public: read access on my commercial "
     "partner", "res.partner", "base.group_public", "r", "[('id', 'child_of', user.commercial_partner_id.id)]"),
    ("base", "access_res_partner_group_user", "res_partner group_user", "res.partner", "base.group_user", "r", ""),
    # base_groups.xml @1717cee40894 makes base.group_partner_manager implied by base.group_system
    ("base", "access_res_partner_group_partner_manager", "res_partner group_partner_manager", "res.partner",
     "base.group_partner_manager", "rwcd", ""),
    ("base", "access_res_company_group_erp_manager", "company rule erp manager", "res.company",
     "base.group_erp_manager", "rwcd", ""),
    ("base", "access_res_company_group_user", "company rule employee", "res.company", "base.group_user", "r",
     "[('id','in', company_ids)]"),
    ("base", "access_res_company_group_public", "company rule public", "res.company", "base.group_public", "r",
     "[('id','in', company_ids)]"),
    # tests/addons/whatsapp_integration/hooks.py (written at install into ir.access on 20.0)
    ("whatsapp_integration", "access_whatsapp_sync_service_user", "whatsapp.sync.service user",
     "whatsapp.sync.service", "base.group_user", "r", ""),
    ("whatsapp_integration", "access_whatsapp_sync_service_system", "whatsapp.sync.service system",
     "whatsapp.sync.service", "base.group_system", "rwcd", ""),
)
LETTERS = {"read": "r", "write": "w", "create": "c", "unlink": "d"}


def implied_closure(db, group_ids):
    """The ids of ``group_ids`` and of every group they imply, from the res.groups rows' ``implied_ids``
    (res_groups.py trans_implied_ids, 14.0-19.0), so a group created over RPC implies what it was given."""
    groups = db.tables.get("res.groups", {})
    result = set()
    todo = list(group_ids)
    while todo:
        gid = todo.pop()
        if gid in result or gid not in groups:
            continue
        result.add(gid)
        todo.extend(groups[gid].get("implied_ids") or [])
    return result


def _acl_records(env, model_name):
    db = env.db
    models = db.tables.get("ir.model", {})
    return [row for row in db.tables.get(env.profile.security_model, {}).values()
            if row.get("active") and models.get(row.get("model_id"), {}).get("model") == model_name]


def grants(env, row, mode):
    """Whether an access row allows ``mode`` to its group (None: everyone).

    14.0-19.0 ir.model.access: the perm_<mode> boolean, a row without a group grants everyone;
    20.0 ir.access: the letter of ``mode`` in ``operation``, and only a row with a group grants.
    """
    if env.profile.security_model == "ir.access":
        return bool(row.get("group_id")) and LETTERS[mode] in (row.get("operation") or "")
    return bool(row.get("perm_" + mode))


def check_access(env, model_name, description, mode, raise_exception=True):
    """IrModelAccess.check(model, mode) (14.0-19.0) / the model part of ir.access (20.0)."""
    if env.su:
        return True
    group_ids = env.user_group_ids()
    allowed = any(grants(env, row, mode) and (not row.get("group_id") or row["group_id"] in group_ids)
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
        if not grants(env, row, mode) or not row.get("group_id"):
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
