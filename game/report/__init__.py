"""Reports built from a finished game: the readable account now; briefings and debriefs later."""
