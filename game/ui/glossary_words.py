"""The words of game/report that the window shows (the glossary's terms and meanings, the move buttons and
their tooltips, the alliance map's classes and measures), marked here for the catalogue, each % written as the field {percent_sign}
(gettext's tools would take "% o" for a printf placeholder): the window translates them where it shows them
(look.term), whatever part wrote them.
tests/test_ui_french.py checks that every one of them is here."""

from ..i18n import N_

WORDS = (
    N_("Article 3"),
    N_("Each ally keeps and develops its own capacity to resist attack, by self-help and mutual aid (North "
       "Atlantic Treaty). The basis of the spending targets."),
    N_("Article 5"),
    N_("A mutual treaty commitment: an armed attack against one ally is an attack against all, and each ally"
       ' helps the one attacked with "such action as it deems necessary" (North Atlantic Treaty). No summit '
       "text changes it. The US guarantee on the table is about its credibility: how far the allies can "
       "count on the United States to honour it."),
    N_("US review of delivery"),
    N_("After the summit the United States judges how much of the promised rise in spending the other allies"
       " delivered (weighted by their GDP). Enough, and it keeps or strengthens its guarantee; too little, "
       "and it weakens it: the treaty stays, the commitment becomes less credible."),
    N_("2{percent_sign} line"),
    N_("NATO's defence ministers set 2{percent_sign} of GDP as a guideline in 2006, with no date to reach it. It counts "
       "core defence spending only."),
    N_("Secretary General"),
    N_("Chairs the talks and holds the pen (writes the draft), speaks for the Alliance as a whole, and has "
       "no vote: it cannot impose a text, commit any ally's money or overrule an objection."),
    N_("silence procedure"),
    N_("A draft is adopted unless some ally breaks silence (objects) before the deadline. One objection is "
       "enough to stop it: NATO decides by consensus."),
    N_("carve-out"),
    N_("A later deadline for one ally only, so that it can sign the communiqué without meeting the common date."),
    N_("pledge"),
    N_("A national promise to spend a given share of GDP on defence by a given year. Pledges can be raised, "
       "never lowered."),
    N_("projected"),
    N_("What an ally is expected to really spend at the end of the scenario's years: today's spending moving"
       " towards what it pledged (its own pledge, or the target agreed for it, whichever is higher) as fast "
       "as its budget, its parliament and the threat it feels allow. It may fall short."),
    N_("core defence"),
    N_("Armed forces, equipment and operations, as NATO counts them (the 2{percent_sign} floor, the 3.5{percent_sign} of the Hague target)."),
    N_("related spending"),
    N_("Infrastructure, resilience, cyber and the defence industry: the up to 1.5{percent_sign} that, with 3.5{percent_sign} of core"
       " defence, makes the headline 5{percent_sign} of The Hague (2025). Summit does not simulate it: its charts show "
       "core spending only."),
    N_("pen holder"),
    N_("Writes the draft communiqué. Here it is the Secretary General, who amends the text; other leaders "
       "can only propose amendments."),
    N_("no deal"),
    N_("If the last round ends with an objection, nothing is agreed and the scenario's no-deal terms apply."),
    N_("Table draft"),
    N_("Put a whole draft communiqué on the table for this round."),
    N_("Amend"),
    N_("Change one issue of the draft (the pen holder's amendments change the text; others propose)."),
    N_("Promise"),
    N_("Offer a leader something if its country pledges at least a level of spending."),
    N_("Threat"),
    N_("Warn a leader of consequences unless its country pledges at least a level of spending."),
    N_("Pledge"),
    N_("Carve-out"),
    N_("Statement"),
    N_("Say something to the table; you may state a limit on one issue."),
    N_("Break silence"),
    N_("Object to the draft, naming the issue. Under consensus one objection stops adoption."),
    N_("Pass"),
    N_("Do nothing this turn (in the silence procedure: stay silent, that is accept the draft)."),
    N_("under 2{percent_sign}"),
    N_("2–3.5{percent_sign}"),
    N_("3.5–5{percent_sign}"),
    N_("5{percent_sign} and over"),
    N_("no figure"),
    N_("spending now"),
    N_("pledged"),
)
