"""What the system and the file layer say, in the language in use.

Python gives an OSError's `strerror` in the system's words, in English ("No such file or directory"). The common
ones are translated here by their errno; any other stays the system's own. game/files, which may import nothing
of Summit's, says why it refuses a path with `Words` of its own: a str whose text is the English, keeping the
English template and its fields (`template`, `fields`); `localize` writes those in the language of the moment
as it writes a `Message`.

    system_words(error)   # the same, kept for translating where it is shown (a field of a Message)
    reason_of(error)   # "No such file or directory" / "Aucun fichier ou dossier de ce nom"
    error_text(error)  # what any error says: a Message localized, an OSError's reason, else str(error)
"""

from __future__ import annotations

import errno

from .catalogue import N_
from .message import Message, localize

# The system's words (glibc's, macOS's: the same) for the errors a user meets with a file, and their translation.
# Only a strerror that is these words exactly is translated: another system's words are shown as it gives them.
SYSTEM_WORDS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EEXIST: N_("File exists"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.EMFILE: N_("Too many open files"),
    errno.EXDEV: N_("Invalid cross-device link"),
    errno.EINVAL: N_("Invalid argument"),
    errno.EADDRINUSE: N_("Address already in use"),
    errno.EADDRNOTAVAIL: N_("Cannot assign requested address"),
    errno.ECONNREFUSED: N_("Connection refused"),
}


def system_words(error: OSError) -> str:
    """Why an OSError happened, as words to follow a file's name, kept for translating: a Message for the system's
    common words, game/files' Words as they are, any other words (or str(error) without any) as a plain str. Its
    str is exactly `error.strerror or str(error)`, as Summit always wrote it in English."""
    said = error.strerror
    if said and hasattr(said, "template") and hasattr(said, "fields"):   # game/files' Words, or a Message
        return said
    if said:
        known = SYSTEM_WORDS.get(error.errno)
        return Message(known.message) if known is not None and said == known.message else str(said)
    return str(error)


def reason_of(error: OSError) -> str:
    """`system_words(error)` in the language in use."""
    return localize(system_words(error))


def error_text(error: BaseException) -> str:
    """What an error says, in the language in use: its message when that is a Message (or game/files' Words),
    an OSError's reason (with the file it names, as str(error) has it, when it has no strerror), else str(error)."""
    if isinstance(error, OSError) and error.strerror:
        return reason_of(error)
    if len(error.args) == 1 and isinstance(error.args[0], (Message, str)) and hasattr(error.args[0], "template"):
        return localize(error.args[0])
    return str(error)
