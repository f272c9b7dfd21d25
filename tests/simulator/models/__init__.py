"""The models of the simulated database, chosen per version profile."""

from .ir_actions import IrActionsServer, IrCronProgress, ir_cron_class
from .ir_config_parameter import IrConfigParameter
from .ir_model import IrAccess, IrModel, IrModelAccess, IrModelFields, ir_model_data_class
from .ir_module import IrModuleModule
from .res_users import ResCompany, ResGroups, ResPartner, res_users_class
from .stubs import STUBS
from .whatsapp import WhatsappSyncService


def model_classes(profile):
    classes = [
        ResGroups, ResCompany, ResPartner, res_users_class(profile),
        IrModel, IrModelFields, IrAccess if profile.security_model == "ir.access" else IrModelAccess,
        ir_model_data_class(profile), IrConfigParameter,
        IrActionsServer, ir_cron_class(profile), IrModuleModule, WhatsappSyncService,
    ]
    if profile.major >= IrCronProgress._min_major:
        classes.append(IrCronProgress)
    classes += [cls for cls in STUBS if cls._min_major <= profile.major <= cls._max_major]
    return classes
