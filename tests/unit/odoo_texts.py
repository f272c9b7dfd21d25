"""Odoo's own refusal texts, copied from real servers (notes of issue 21: real 14.0, 16.0, 17.0 and 19.0)
and 18.0 (measured by helper h21c)."""

# ir.actions.server.code (groups base.group_system) read, or searched on 17.0+, by a user with Internal User
# (which implies Technical Features): real 14.0, 16.0, 17.0
CODE_DETAILED_17 = ("The requested operation can not be completed due to security restrictions.\n\nDocument type: "
                    "Scheduled Actions (ir.cron)\nOperation: read\nUser: 6\nFields:\n- code (allowed for groups "
                    "'Administration / Settings')")
# the same, a user without Technical Features: real 14.0-17.0 (check_field_access_rights)
CODE_PLAIN_17 = ('You do not have enough rights to access the fields "code" on Scheduled Actions (ir.cron). Please '
                 "contact your system administrator.\n\n(Operation: read)")
# real 18.0, a search on code by a user with Technical Features (a read names Scheduled Actions (ir.cron))
CODE_DETAILED_18 = ('You do not have enough rights to access the fields "code" on Server Actions (ir.actions.server). '
                    "Please contact your system administrator.\n\nOperation: read\nUser: 6\nFields:\n- code "
                    "(allowed for groups 'Administration / Settings')")
# real 19.0: a read names ir.cron, a search the parent model
CODE_READ_19 = ('You do not have enough rights to access the field "code" on Scheduled Actions (ir.cron). Please '
                "contact your system administrator.\n\nOperation: read\nUser: 10\nGroups: allowed for groups "
                "'Role / Administrator'")
CODE_SEARCH_19 = ('You do not have enough rights to access the field "code" on Server Actions (ir.actions.server). '
                  "Please contact your system administrator.\n\nOperation: read\nUser: 10\nGroups: allowed for "
                  "groups 'Role / Administrator'")
CODE_REFUSALS = (CODE_DETAILED_17, CODE_PLAIN_17, CODE_DETAILED_18, CODE_READ_19, CODE_SEARCH_19)

# model-level refusals: real 14.0-17.0 (19.0 lists "- Role / Administrator")
WRITE_CRON = ("You are not allowed to modify 'Scheduled Actions' (ir.cron) records.\n\nThis operation is allowed for "
              "the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access "
              "if necessary.")
CREATE_IMD_16 = ("You are not allowed to create 'Model Data' (ir.model.data) records.\n\nThis operation is allowed "
                 "for the following groups:\n\t- Administration/Access Rights\n\nContact your administrator to "
                 "request access if necessary.")
WRITE_CRON_19 = ("You are not allowed to modify 'Scheduled Actions' (ir.cron) records.\n\nThis operation is allowed "
                 "for the following groups:\n\t- Role / Administrator\n\nContact your administrator to request "
                 "access if necessary.")
READ_PARAMETER = ("You are not allowed to access 'System Parameter' (ir.config_parameter) records.\n\nThis operation "
                  "is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator "
                  "to request access if necessary.")
# the module buttons (assert_log_admin_access): real 14.0, 16.0, 17.0, 19.0
ACCESS_DENIED = "Access Denied"
