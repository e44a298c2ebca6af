"""Writing the user's files safely: through a temporary file, synced and renamed, with an optional backup of
the file replaced, so that a crash never leaves half a file.

May import: nothing of Summit's (the standard library only). Imported by the parts that write files: play
(saves, logs, settings), analysis (a batch's logs), report (briefings, debriefs) and the command line.
Never by the scenario, engine or agents parts, which write nothing.

Public names: write_atomically.
"""

from .atomic import write_atomically

__all__ = ["write_atomically"]
