"""The table's words for the phases of a round (the top bar, its tooltip, the turn line) and the glossary's
window (Terms, T), in the window's language."""

from __future__ import annotations

from ....engine import Phase
from ....i18n import N_, _
from ... import look

PHASE_TIPS = {
    Phase.DRAFTING: N_("Drafting: the pen holder (the Secretary General) tables the draft communiqué or keeps the last "
                       "one."),
    Phase.CONSULTATIONS: N_("Consultations: each leader in turn amends, promises, threatens, pledges, asks for a "
                            "carve-out, makes a statement, or passes."),
    Phase.SILENCE: N_("Silence procedure: {meaning}"),
    Phase.OVER: N_("The negotiation is over."),
}


def phase_tip(phase: Phase) -> str:
    return PHASE_TIPS[phase].format(meaning=look.term(look.GLOSSARY["silence procedure"]))


def glossary_html(first: str | None = None) -> str:
    """Every term and its meaning, the term clicked (if any) first."""
    terms = sorted(look.GLOSSARY.items(), key=lambda kv: kv[0] != first)
    shown = [(look.term(term), look.term(meaning)) for term, meaning in terms]
    return "<br><br>".join(_("<b>{term}</b>: {meaning}").format(term=look.html(term[0].upper() + term[1:]),
                                                                meaning=look.html(meaning))
                           for term, meaning in shown)
