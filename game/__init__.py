"""Summit: a turn-based negotiation game and simulator about NATO burden-sharing."""

__version__ = "0.1.0"
