"""Writing the user's files safely: only regular files are replaced (never a link, a pipe or a device), one
writer at a time, through a temporary file that is synced and renamed (with an optional backup of the file
replaced), so that a crash never leaves half a file; a folder of documents is written as one, and only into a
folder that is new, empty or Summit's own. Summit deletes only the files it made.

May import: nothing of Summit's (the standard library only). Imported by the parts that write files: play
(saves, logs, settings), analysis (a batch's logs), report (briefings, debriefs) and the command line.
Never by the scenario, engine or agents parts, which write nothing.

Public names: write_atomically, check_output, output_problem, UnsafeOutput, OutputBusy, Claim, open_streamed,
create_new, numbered, OutputFolder, describe_os_error, Words and worded (a refusal's English words, kept for
game/i18n to translate: words.py).
"""

from .atomic import (Claim, OutputBusy, UnsafeOutput, check_output, create_new, describe_os_error, missing_reason,
                     numbered,
                     open_streamed, output_problem, write_atomically)
from .folder import OutputFolder, mark_folder
from .words import Words, worded

__all__ = ["Claim", "OutputBusy", "OutputFolder", "mark_folder", "missing_reason", "UnsafeOutput", "check_output", "create_new",
           "describe_os_error", "numbered", "open_streamed", "output_problem", "write_atomically", "Words", "worded"]
