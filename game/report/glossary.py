"""Terms a student meets, explained in plain words: tooltips and the glossary in the window, and the
printed briefings (`summit brief`). Pure text, so the window and the command line share it.

GLOSSARY is keyed by the term in English in every language (what code looks up); its texts, and a term's
name through `term_name`, are in the language of the moment."""

from collections.abc import Iterator, Mapping

from ..i18n import N_, LazyText
from .series import percent_fields

_TEXTS = {
    "Article 3": N_("Each ally keeps and develops its own capacity to resist attack, by self-help and mutual "
                    "aid (North Atlantic Treaty). The basis of the spending targets."),
    "Article 5": N_("A mutual treaty commitment: an armed attack against one ally is an attack against all, and "
                    "each ally helps the one attacked with \"such action as it deems necessary\" (North Atlantic "
                    "Treaty). No summit text changes it. The US guarantee on the table is about its credibility: how "
                    "far the allies can count on the United States to honour it."),
    "US review of delivery": N_("After the summit the United States judges how much of the promised rise in "
                                "spending the other allies delivered (weighted by their GDP). Enough, and it keeps "
                                "or strengthens its guarantee; too little, and it weakens it: the treaty stays, the "
                                "commitment becomes less credible."),
    "2% line": N_("NATO's defence ministers set {two} of GDP as a guideline in 2006, with no date to reach it. It "
                  "counts core defence spending only."),
    "Secretary General": N_("Chairs the talks and holds the pen (writes the draft), speaks for the Alliance as a "
                            "whole, and has no vote: it cannot impose a text, commit any ally's money or overrule "
                            "an objection."),
    "silence procedure": N_("A draft is adopted unless some ally breaks silence (objects) before the deadline. "
                            "One objection is enough to stop it: NATO decides by consensus."),
    "carve-out": N_("A later deadline for one ally only, so that it can sign the communiqué without meeting the "
                    "common date."),
    "pledge": N_("A national promise to spend a given share of GDP on defence by a given year. Pledges can be "
                 "raised, never lowered."),
    "projected": N_("What an ally is expected to really spend at the end of the scenario's years: today's spending "
                    "moving towards what it pledged (its own pledge, or the target agreed for it, whichever is higher) "
                    "as fast as its budget, its parliament and the threat it feels allow. It may fall short."),
    "core defence": N_("Armed forces, equipment and operations, as NATO counts them (the {two} floor, the {core} of "
                       "the Hague target)."),
    "related spending": N_("Infrastructure, resilience, cyber and the defence industry: the up to {related} that, "
                           "with {core} of core defence, makes the headline {headline} of The Hague (2025). Summit does not "
                           "simulate it: its charts show core spending only."),
    "pen holder": N_("Writes the draft communiqué. Here it is the Secretary General, who amends the text; other "
                     "leaders can only propose amendments."),
    "no deal": N_("If the last round ends with an objection, nothing is agreed and the scenario's no-deal terms "
                  "apply."),
}

# The terms' names in the language shown (the keys above stay English: code looks them up by them). A
# percentage is a field, never a message's word ({two}: see game/report/series.py's percent_fields).
_NAMES = {"Article 3": N_("Article 3"), "Article 5": N_("Article 5"), "US review of delivery": N_("US review of delivery"),
          "2% line": N_("{two} line"), "Secretary General": N_("Secretary General"),
          "silence procedure": N_("silence procedure"), "carve-out": N_("carve-out"), "pledge": N_("pledge"),
          "projected": N_("projected"), "core defence": N_("core defence"), "related spending": N_("related spending"),
          "pen holder": N_("pen holder"), "no deal": N_("no deal")}


class Glossary(Mapping):
    """The terms and their explanations: GLOSSARY["pledge"] is the explanation in the language of the moment."""

    def __init__(self, texts: dict[str, LazyText]):
        self._texts = texts

    def __getitem__(self, term: str) -> str:
        return self._texts[term].format(**percent_fields())

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def term_name(term: str) -> str:
    """A term of the glossary (its English key) as it is written in the language of the moment."""
    return _NAMES[term].format(**percent_fields())


GLOSSARY = Glossary(_TEXTS)
assert set(_NAMES) == set(_TEXTS), "every term of the glossary has its name marked"

MOVE_KINDS = (  # kind, button text, what it does (tooltip when allowed): the window's and the devices' moves
    ("table", "Table draft", "Put a whole draft communiqué on the table for this round."),
    ("amend", "Amend", "Change one issue of the draft (the pen holder's amendments change the text; others propose)."),
    ("promise", "Promise", "Offer a leader something if its country pledges at least a level of spending."),
    ("threat", "Threat", "Warn a leader of consequences unless its country pledges at least a level of spending."),
    ("pledge", "Pledge", GLOSSARY["pledge"]),
    ("carve_out", "Carve-out", GLOSSARY["carve-out"]),
    ("statement", "Statement", "Say something to the table; you may state a limit on one issue."),
    ("break_silence", "Break silence", "Object to the draft, naming the issue. Under consensus one objection stops adoption."),
    ("pass", "Pass", "Do nothing this turn (in the silence procedure: stay silent, that is accept the draft)."),
)
