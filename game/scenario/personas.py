"""Each role's personas: the first is the role's default; a leader's `persona` picks one. A persona changes both
what a leader says and how it plays; briefings show its description."""

from __future__ import annotations

from ..i18n import LazyText, N_

PERSONAS: dict[str, dict[str, LazyText]] = {
    "us_president": {
        "transactional": N_("Transactional: ties the US guarantee to payment, names and threatens the allies that "
                            "lag, and may block a text to show it means it."),
        "institutionalist": N_("Institutionalist: calls Article 5 ironclad, presses allies to invest as a shared "
                               "duty, and never makes the guarantee hang on a single bill."),
    },
    "secretary_general": {
        "mediator": N_("Mediator: moves the text a little at a time towards what the most allies can accept."),
        "pusher": N_("Pusher: moves the text boldly towards its own ambition, and asks the room to follow."),
    },
    "member": {
        "consensus_seeker": N_("Consensus seeker: gives ground as the deadline nears, once its red lines are safe."),
        "hard_bargainer": N_("Hard bargainer: holds out for more and concedes late."),
    },
}
"""Each role's personas (the first is the default): a persona changes both what a leader says and how it
plays; briefings show its description, in the language of the moment (str())."""
