from django.utils.translation import gettext_lazy as _

from safecampus.core.workflow import Transition, Workflow


def _recipient_only(letter, user):
    return None if letter.recipient_id == user.pk else _("Only the recipient can sign this letter.")


LETTER = Workflow("responsibility_letter", [
    Transition("sign", ("issued",), "signed", "responsibility.sign", _("Sign"), guards=(_recipient_only,),
               style="success"),
])
