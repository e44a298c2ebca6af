"""The projector's drawing (game/ui/projector.py runs the window): where each part goes for the window's size
and the table's moment (`Layout`), and each part drawn from projector_words.py's words: the join panel (QR
code, address, room code), the seats and who plays them, the public table, the notices.

Everything scales with the window (1280x720 is the unit): a 1920x1080 projector gets text half as large
again. Untrusted text (the names students type) is only ever drawn as text, cut to fit with look.fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .. import i18n
from . import look
from .projector_words import TableWords, join_lines, join_url, qr_matrix

BASE = (1280, 720)
MARGIN = 16
WHITE = (255, 255, 255)
DARK = (0, 0, 0)
QUIET = 4            # modules of white around a QR code (the standard's quiet zone)
NOTICES = 3


@dataclass
class Layout:
    scale: float
    tabs: pygame.Rect | None
    join: pygame.Rect
    main: pygame.Rect         # the table: header, seats (before start) or draft, log and roster
    controls: pygame.Rect     # the teacher's buttons
    notices: pygame.Rect
    panel: pygame.Rect        # F2's panel, over the table

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))


def layout(size: tuple[int, int], started: bool, tables: int) -> Layout:
    """Before the game starts the join panel is the biggest thing on screen; once it has started the table
    takes most of the room and the join panel keeps a corner (its QR code still large enough to scan)."""
    w, h = size
    scale = max(0.75, min(w / BASE[0], h / BASE[1]))
    px = lambda v: round(v * scale)
    m = px(MARGIN)
    notices_h = px(58)
    bottom = h - notices_h - m
    tabs = pygame.Rect(m, m, w - 2 * m, px(36)) if tables > 1 else None
    top = m + (px(36) + px(8) if tabs else 0)
    if not started:
        join_w = min(px(470), w // 2)
        join = pygame.Rect(m, top, join_w, bottom - top)
        right = join.right + m
        controls = pygame.Rect(right, bottom - px(48), w - right - m, px(48))
        main = pygame.Rect(right, top, w - right - m, controls.y - px(8) - top)
    else:
        side_w = px(300)
        join = pygame.Rect(w - m - side_w, top, side_w, px(352))
        controls = pygame.Rect(join.x, join.bottom + px(10), side_w, bottom - join.bottom - px(10))
        main = pygame.Rect(m, top, join.x - 2 * m, bottom - top)
    notices = pygame.Rect(m, h - notices_h, w - 2 * m, notices_h - px(6))
    panel_w, panel_h = min(px(560), main.width), min(px(318), main.height)
    panel = pygame.Rect(main.right - panel_w, main.bottom - panel_h, panel_w, panel_h)
    return Layout(scale, tabs, join, main, controls, notices, panel)


# ----- text helpers ---------------------------------------------------------------------------------------

def size_to_fit(text: str, largest: int, width: int, bold: bool = False, smallest: int = 10) -> int:
    """The largest font size (at most `largest`) at which text fits width pixels."""
    size = largest
    while size > smallest and look.font(size, bold).size(text)[0] > width:
        size -= max(1, size // 12)
    return max(size, smallest)


def wrap(text: str, size: int, width: int, bold: bool = False, lines: int = 2) -> list[str]:
    """text in at most `lines` lines of width pixels; the last one cut with an ellipsis if need be."""
    face = look.font(size, bold)
    out, words = [], text.split(" ")
    while words and len(out) < lines:
        line = words.pop(0)
        while words and face.size(line + " " + words[0])[0] <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = look.fit(out[-1] + " " + " ".join(words), face, width)
    return [look.fit(line, face, width) for line in out]


def text(surface, words: str, pos, size: int, colour=look.TEXT, bold=False, width=None, align="left") -> pygame.Rect:
    return look.draw_text(surface, words, pos, size, colour, bold, width, align)


def panel(surface, rect: pygame.Rect, colour=look.PANEL) -> None:
    pygame.draw.rect(surface, colour, rect, border_radius=8)
    pygame.draw.rect(surface, look.GRID, rect, width=1, border_radius=8)


# ----- the join panel ---------------------------------------------------------------------------------

def draw_qr(surface, url: str, rect: pygame.Rect) -> pygame.Rect:
    """The QR code of url as large as fits rect (whole pixels per module), on its white quiet zone, centred
    at the top of rect; returns where it went."""
    matrix = qr_matrix(url)
    modules = len(matrix) + 2 * QUIET
    unit = max(1, min(rect.width, rect.height) // modules)
    side = unit * modules
    where = pygame.Rect(rect.centerx - side // 2, rect.y, side, side)
    surface.fill(WHITE, where)
    x0, y0 = where.x + QUIET * unit, where.y + QUIET * unit
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surface.fill(DARK, (x0 + x * unit, y0 + y * unit, unit, unit))
    return where


def draw_join(surface, rect: pygame.Rect, host, lay: Layout, big: bool) -> None:
    px = lay.px
    panel(surface, rect)
    heading, address, code_label, code = join_lines(host)
    inner = rect.inflate(-2 * px(14), -2 * px(12))
    y = inner.y
    size = size_to_fit(heading, px(24 if big else 16), inner.width, True)
    y = text(surface, heading, (inner.centerx, y), size, look.GOLD, True, align="center").bottom + px(8)
    code_size = px(84 if big else 40)
    address_size = size_to_fit(address, px(30 if big else 17), inner.width, True)
    below = (look.font(address_size, True).get_linesize() + px(6) + look.font(px(18 if big else 13)).get_linesize()
             + look.font(code_size, True).get_linesize() + px(12))
    qr_room = pygame.Rect(inner.x, y, inner.width, inner.bottom - y - below)
    where = draw_qr(surface, join_url(host), qr_room)
    y = where.bottom + px(8)
    y = text(surface, address, (inner.centerx, y), address_size, look.TEXT, True, inner.width, "center").bottom + px(6)
    y = text(surface, code_label, (inner.centerx, y), px(18 if big else 13), look.MUTED, align="center").bottom
    text(surface, code, (inner.centerx, y), code_size, look.GOLD, True, align="center")


# ----- the table ----------------------------------------------------------------------------------------

def draw_header(surface, rect: pygame.Rect, words: TableWords, lay: Layout) -> int:
    """Title, round and phase, whose turn, and the flags (paused, deadline, talks off); returns the y below."""
    px = lay.px
    y = rect.y
    title = f"{words.title} · {words.round_line}" if words.started else words.title
    y = text(surface, title, (rect.x, y), px(26), look.TEXT, True, rect.width).bottom + px(4)
    if words.turn:
        for line in wrap(words.turn, px(20), rect.width, lines=2):
            y = text(surface, line, (rect.x, y), px(20), look.GOLD, True, rect.width).bottom
        y += px(4)
    if words.flags:
        x = rect.x
        for flag, tone in words.flags:
            r = text(surface, flag, (x, y), px(20), look.TONES[tone], True, rect.right - x)
            x = r.right + px(24)
            if x >= rect.right:
                break
        y = r.bottom + px(4)
    return y + px(6)


def draw_lobby_seats(surface, rect: pygame.Rect, words: TableWords, lay: Layout) -> None:
    """Before the game: the title, what the table waits for, then every seat, its status in words and who
    holds it, as large as the seats allow."""
    px = lay.px
    y = text(surface, words.title, rect.topleft, px(26), look.TEXT, True, rect.width).bottom + px(2)
    for line in wrap(words.turn, px(17), rect.width, lines=2):
        y = text(surface, line, (rect.x, y), px(17), look.MUTED, False, rect.width).bottom
    y = text(surface, words.joined, (rect.x, y + px(8)), px(20), look.GOLD, True, rect.width).bottom + px(8)
    box = pygame.Rect(rect.x, y, rect.width, rect.bottom - y)
    panel(surface, box)
    _seat_grid(surface, box.inflate(-px(20), -px(16)), words, lay, stances=False)


def _grid_shape(count: int, rect: pygame.Rect, lay: Layout, stances: bool) -> tuple[int, bool, int]:
    """(lines per seat, compact, columns): the roomiest way the seats fit. Compact puts the status as a short
    tag beside the label (no device names) when three lines a seat do not fit."""
    px = lay.px
    modes = [(3, False), (2, True)] if stances else [(2, False)]
    widest = 4 if not stances else 3
    for lines, compact in modes:
        for columns in range(1, widest + 1):
            per_column = -(-count // columns)
            cell_w = (rect.width - px(18) * (columns - 1)) // columns
            if cell_w < px(230):
                break
            least = px(14) * lines + px(2) if compact else px(15) * lines + px(3)
            if rect.height // per_column >= least:
                return lines, compact, columns
    return modes[-1][0], modes[-1][1], widest


def _seat_grid(surface, rect: pygame.Rect, words: TableWords, lay: Layout, stances: bool) -> None:
    px = lay.px
    rows = words.seats
    if not rows:
        return
    lines, compact, columns = _grid_shape(len(rows), rect, lay, stances)
    per_column = -(-len(rows) // columns)
    cell_h = min(rect.height // per_column, px(24) * lines + px(14))
    gap = px(18)
    cell_w = (rect.width - gap * (columns - 1)) // columns
    label_size = max(10, min(px(22), int(cell_h / lines / 1.16)))
    small = max(10, label_size - 1 if compact else int(label_size * 0.88))
    for i, row in enumerate(rows):
        column, line = divmod(i, per_column)
        x, y = rect.x + column * (cell_w + gap), rect.y + line * cell_h
        if row.acting:
            pygame.draw.rect(surface, (40, 62, 100), (x - px(4), y, cell_w + px(8), cell_h - px(2)), border_radius=4)
            pygame.draw.rect(surface, look.GOLD, (x - px(4), y, px(3), cell_h - px(2)))
        colour = look.GOLD if row.acting else look.TEXT
        label_w = cell_w
        if compact:
            tag = text(surface, row.tag, (x + cell_w, y + px(2)), small, look.TONES[row.tone], False, align="right")
            label_w = cell_w - tag.width - px(8)
        r = text(surface, ("▶ " if row.acting else "") + row.label, (x, y + px(1)), label_size, colour, True, label_w)
        if not compact:
            r = text(surface, row.status_text, (x, r.bottom), small, look.TONES[row.tone], False, cell_w)
        if stances and row.stance:
            text(surface, row.stance, (x, r.bottom), small, look.TONES[row.stance_tone], False, cell_w)


def draw_table(surface, rect: pygame.Rect, words: TableWords, lay: Layout) -> None:
    """Once started: the header across; the draft (or the outcome) and the log on the left; every seat with
    its stance and who plays it on the right."""
    px = lay.px
    y = draw_header(surface, rect, words, lay)
    left_w = int(rect.width * (0.44 if len(words.seats) <= 12 else 0.36))
    left = pygame.Rect(rect.x, y, left_w, rect.bottom - y)
    right = pygame.Rect(left.right + px(12), y, rect.right - left.right - px(12), rect.bottom - y)
    panel(surface, right)
    inner = right.inflate(-px(20), -px(16))
    top = text(surface, i18n._("The seats · {joined}").format(joined=words.joined), inner.topleft, px(16), look.MUTED, True, inner.width).bottom
    _seat_grid(surface, pygame.Rect(inner.x, top + px(6), inner.width, inner.bottom - top - px(6)), words, lay, True)
    if words.outcome is not None:
        draft_h = draw_outcome(surface, left, words, lay)
    else:
        draft_h = draw_draft(surface, left, words, lay)
    log = pygame.Rect(left.x, left.y + draft_h + px(10), left.width, left.height - draft_h - px(10))
    if log.height > px(60):
        draw_log(surface, log, words, lay)


def draw_draft(surface, rect: pygame.Rect, words: TableWords, lay: Layout) -> int:
    px = lay.px
    inner_w = rect.width - px(24)
    size = px(18)
    groups = [[(i18n._("The draft on the table"), look.MUTED, True, px(16))]]
    for label, value, tone in words.draft:
        groups.append([(label, look.MUTED, False, px(15))] +
                      [(part, look.TONES[tone], True, size) for part in wrap(value, size, inner_w, True, lines=3)])
    return _panel_of_lines(surface, rect, groups, lay, limit=int(rect.height * 0.7))


def draw_outcome(surface, rect: pygame.Rect, words: TableWords, lay: Layout) -> int:
    px = lay.px
    headline, terms = words.outcome
    agreed = words.agreed
    groups = [[(i18n._("The outcome"), look.MUTED, True, px(16))] +
              [(part, look.SUPPORT if agreed else look.OBJECT, True, px(22))
               for part in wrap(headline, px(22), rect.width - px(24), True, lines=3)]]
    if terms:
        groups.append([(i18n._("The terms agreed:"), look.MUTED, False, px(15))])
    for label, value in terms:
        groups.append([(part, look.TEXT, True, px(18))
                       for part in wrap(f"{label}: {value}", px(18), rect.width - px(24), True, lines=2)])
    return _panel_of_lines(surface, rect, groups, lay, limit=int(rect.height * 0.7))


def _panel_of_lines(surface, rect: pygame.Rect, groups, lay: Layout, limit: int) -> int:
    """A panel as tall as its groups of lines (at most limit: a group that does not fit whole is left out,
    with those after it); returns its height."""
    px = lay.px
    step = lambda line: look.font(line[3], line[2]).get_linesize() + (px(4) if line[1] == look.MUTED else 0)
    height, shown = px(20), []
    for group in groups:
        tall = sum(step(line) for line in group)
        if height + tall > limit:
            break
        height += tall
        shown += group
    box = pygame.Rect(rect.x, rect.y, rect.width, height)
    panel(surface, box)
    y, x, width = box.y + px(10), box.x + px(12), box.width - px(24)
    for line in shown:
        words, colour, bold, size = line
        text(surface, words, (x, y + (px(4) if colour == look.MUTED else 0)), size, colour, bold, width)
        y += step(line)
    return box.height


def draw_log(surface, rect: pygame.Rect, words: TableWords, lay: Layout) -> None:
    """This round's log, the latest at the bottom (what does not fit scrolls off the top)."""
    px = lay.px
    panel(surface, rect)
    inner = rect.inflate(-px(24), -px(16))
    top = text(surface, i18n._("This round"), inner.topleft, px(16), look.MUTED, True).bottom + px(4)
    size = px(15)
    step = look.font(size).get_linesize()
    if not words.log:
        text(surface, i18n._("No moves yet this round."), (inner.x, top), size, look.MUTED)
        return
    fits = max(0, (inner.bottom - top) // step)
    entries = []                  # the latest entries that fit whole, each in at most three lines
    for words_, tone, bold in reversed(words.log):
        parts = wrap(words_, size, inner.width, bold, lines=3)
        if sum(len(e[0]) for e in entries) + len(parts) > fits:
            break
        entries.insert(0, (parts, tone, bold))
    y = top
    for parts, tone, bold in entries:
        for part in parts:
            text(surface, part, (inner.x, y), size, look.TONES[tone], bold, inner.width)
            y += step


def draw_notices(surface, rect: pygame.Rect, notices: list[str], lay: Layout) -> None:
    px = lay.px
    pygame.draw.line(surface, look.GRID, (rect.x, rect.y - px(4)), (rect.right, rect.y - px(4)))
    size = px(14)
    step = look.font(size).get_linesize()
    shown = [n for n in notices[-NOTICES:]]
    y = rect.bottom - step * len(shown)
    for i, notice in enumerate(shown):
        colour = look.TEXT if i == len(shown) - 1 else look.MUTED
        text(surface, notice, (rect.x, y), size, colour, False, rect.width)
        y += step


def draw_panel_background(surface, rect: pygame.Rect, lay: Layout, teacher_address: str, waiting: str = "") -> int:
    """F2's panel behind its buttons: a heading, who has not moved this round, and the teacher's page address
    at the bottom (where the seats and devices are handled); returns the y where the buttons go."""
    px = lay.px
    pygame.draw.rect(surface, (26, 44, 76), rect, border_radius=8)
    pygame.draw.rect(surface, look.GOLD, rect, width=2, border_radius=8)
    inner = rect.inflate(-px(24), -px(16))
    y = text(surface, i18n._("Teacher's controls (F2 hides them; the game goes on)"), inner.topleft, px(16), look.GOLD,
             True, inner.width).bottom + px(8)
    address_y = inner.bottom - 2 * look.font(px(14)).get_linesize()
    if waiting:
        text(surface, waiting, (inner.x, address_y - look.font(px(14)).get_linesize() - px(4)), px(14), look.TEXT,
             False, inner.width)
    text(surface, i18n._("The teacher's page (seats, devices, every control):"), (inner.x, address_y), px(14), look.MUTED,
         False, inner.width)
    size = size_to_fit(teacher_address, px(14), inner.width)
    text(surface, teacher_address, (inner.x, address_y + look.font(px(14)).get_linesize()), size, look.TEXT, False,
         inner.width)
    return y
