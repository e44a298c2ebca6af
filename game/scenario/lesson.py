"""What a scenario teaches and what really happened: its objectives, its history and the reasons for a position.

These are optional fields of either format (1 and 2): a scenario without them plays as before, so the format's
version does not change. The game never reads them; the scenario browser, the briefings, the teacher's guide and
the debrief show them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from .localized import localized

# The words an objective may open with: what a student can do afterwards (Bloom's outcome verbs, as a teacher
# writes them), not a topic ("Burden sharing") nor an activity ("Play the summit").
OUTCOME_VERBS = frozenset({
    "analyse", "analyze", "apply", "argue", "assess", "build", "calculate", "classify", "compare", "contrast",
    "critique", "defend", "describe", "design", "distinguish", "evaluate", "explain", "identify", "interpret",
    "judge", "justify", "list", "name", "negotiate", "outline", "predict", "recognise", "recognize", "state",
    "summarise", "summarize", "use", "weigh",
})

# One sentence a player reads: in English, or in English and French (game/scenario/localized.py)
Sentence = localized(400, 1)
# A date as history writes it: a year, a month or a day ("2014", "2014-09", "2014-09-05").
Date = Annotated[StrictStr, Field(pattern=r"^[0-9]{4}(-[01][0-9](-[0-3][0-9])?)?$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Reference(_Frozen):
    """A first-hand document a history item rests on: its title and publisher, and where it can be read."""

    title: Annotated[StrictStr, Field(min_length=1, max_length=300)]
    publisher: Annotated[StrictStr, Field(min_length=1, max_length=120)]
    url: Annotated[StrictStr, Field(pattern=r"^https?://\S+$", max_length=500)] | None = None
    accessed: Date | None = None    # when the url was read

    def __str__(self) -> str:
        return f"{self.publisher}, {self.title}"


class HistoryItem(_Frozen):
    """One thing that really happened, on `date`, and the document that says so."""

    date: Date
    text: Sentence
    source: Reference | None = None   # a history item without one is warned about


class Why(_Frozen):
    """Why a leader holds a position: one sentence, resting on a statement in the scenario's `sources`."""

    text: Sentence
    source: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


def opens_with_an_outcome_verb(objective: str) -> bool:
    """Whether an objective starts with a verb of what a student can do ("Explain why ...")."""
    first = objective.split(maxsplit=1)[0].strip(",:;.").lower() if objective.strip() else ""
    return first in OUTCOME_VERBS
