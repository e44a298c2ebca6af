"""How the validator words a value that does not fit: a "did you mean" for a near id (accents and capitals
folded), and why a value cannot stand on an issue. Shared by the checks of both formats."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection
from typing import Any

from ..i18n import msg
from .model import Issue


def did_you_mean(word: object, choices: Collection[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ' (expected one of a, b, c)'."""
    folded = folded_id(word)  # 'Orban' or 'ORBAN' for 'orban': the same id but for accents and capitals
    same = [choice for choice in choices if folded is not None and folded_id(choice) == folded]
    close = same[:1] or difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    if close:
        return msg(" (did you mean {close!r}?)", close=close[0])
    listed = ", ".join(sorted(choices)[:12]) + (", ..." if len(choices) > 12 else "")
    return msg(" (expected one of: {listed})", listed=listed) if choices else ""


def folded_id(word: object) -> str | None:
    """The id a designer most likely meant by `word`: accents dropped, capitals made small, spaces and hyphens
    made '_' ('Orbán', 'ORBAN' -> 'orban'; 'Sweden Accession' -> 'sweden_accession'); None when that still
    is no id (other punctuation, letters that are not Latin: a guess there would mislead)."""
    if not isinstance(word, str):
        return None
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    folded = re.sub(r"[ -]+", "_", plain.strip().lower())
    return folded if re.fullmatch(r"[a-z][a-z0-9_]*", folded) and len(folded) <= 64 else None


def value_problem(issue: Issue, value: Any) -> str | None:
    """Why value cannot stand on this issue, or None when it can."""
    if issue.is_range:
        if not isinstance(value, (int, float)):  # an option name, or a red line's list of them
            found = list(value) if isinstance(value, tuple) else value
            return (msg("expected a number in {low:g}..{high:g} for issue {issue!r}, "
                            "found {found!r}",
                            low=issue.range[0], high=issue.range[1], issue=issue.id, found=found))
        if issue.range and not issue.range[0] <= value <= issue.range[1]:
            return msg("expected a value in {low:g}..{high:g} ({unit}), found {value:g}",
                           low=issue.range[0], high=issue.range[1], unit=issue.unit, value=value)
        return None
    options = issue.options or ()
    if value in options:
        return None
    hint = ""
    if isinstance(value, str) and difflib.get_close_matches(value, options, n=1, cutoff=0.6):
        hint = did_you_mean(value, options)
    return msg("expected one of {options} (issue {issue!r}), found {value!r}{hint}",
                   options=", ".join(options), issue=issue.id, value=value, hint=hint)
