"""Printable documents written twice from the same `Section`s: an A4 HTML page and Markdown beside it.

`summit brief` (game/report/briefing.py) and `summit debrief` (game/report/debrief/) build their text once as Sections and
render it with these functions, so the HTML and the Markdown always say the same thing. A Section holds
paragraphs and bullet items, then any `blocks` in order: a paragraph (str), a bullet list (tuple of Items), a
`Table`, a `Figure` (a PNG beside the page) or a `Numbered` list.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass

from ..i18n import N_, _, language

CSS = """
@page { size: A4; margin: 15mm }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 1mm; border-bottom: 0.4pt solid #999; }
p, ul { margin: 1mm 0; }
li { margin: 0.6mm 0; }
.scenario { color: #444; margin-bottom: 3mm; }
.private { border: 1pt solid #111; padding: 2mm 3mm; }
img.chart { width: 120mm; max-width: 100%; margin-top: 2mm; }
table { border-collapse: collapse; margin: 1mm 0 3mm; }
th, td { border: 0.4pt solid #999; padding: 1mm 2.5mm; text-align: left; vertical-align: top; }
footer { margin-top: 6mm; font-size: 9pt; color: #555; }
@media print { a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } }
"""

TABLE_CSS = """
table { max-width: 100%; }
td, th { overflow-wrap: break-word; }
table.compact { font-size: 8pt; line-height: 1.25; }
table.compact th, table.compact td { padding: 0.5mm 1.2mm; }
table.dense { font-size: 7pt; }
table.dense th, table.dense td { padding: 0.4mm 0.8mm; }
th.num, td.num { text-align: right; }
tr.total td { font-weight: bold; }
figure { margin: 2mm 0 3mm; }
figure img { width: auto; height: auto; max-width: 100%; max-height: 240mm; }
figcaption { font-size: 9pt; color: #444; }
.note { font-size: 9pt; color: #444; }
ol { margin: 1mm 0; }
thead th { vertical-align: bottom; }
th.turn { text-align: left; }
th.turn span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
@media print { figure, tr { break-inside: avoid; } }
"""
"""Added to CSS by pages with tables and figures: wide tables wrap inside the page instead of overflowing."""

DISCLAIMER = N_("Leaders in scenarios are simulated from their public positions. Summit neither endorses nor "
                "predicts what any real person will do.")
"""A LazyText: written in the language of the page (str(DISCLAIMER))."""


@dataclass(frozen=True)
class Item:
    """One bullet: an optional bold lead ("Deadline") and the rest of the sentence. With `link` (a page's name
    without its suffix) the lead links to that page: NAME.html from the HTML, NAME.md from the Markdown."""
    text: str
    lead: str = ""
    link: str = ""


DENSE_COLUMNS = 9   # a compact table with more columns than this is set in smaller type


@dataclass(frozen=True)
class Table:
    """A table of text cells. `numeric` lists the columns aligned right; `compact` sets it in small type across
    the page's width (wide tables: many columns or long cells); rows in `totals` are set in bold; `turned` sets the
    headings after the first one sideways (many narrow columns of numbers, as on a grade sheet)."""
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric: tuple[int, ...] = ()
    compact: bool = False
    totals: tuple[int, ...] = ()
    turned: bool = False


@dataclass(frozen=True)
class Figure:
    """A chart: a PNG file beside the page, its alternative text, and an optional caption."""
    file: str
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Numbered:
    """A numbered list (questions a class can refer to by number)."""
    items: tuple[str, ...]


Block = str | tuple | Table | Figure | Numbered


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    blocks: tuple[Block, ...] = ()
    anchor: str = ""                 # an id for links to the section ("" = none)
    key: str = ""                    # the title in English, whatever the language shown: what code compares

    @property
    def name(self) -> str:
        """What the section is, in English in every language (its `key`, else its title): compare this, not the
        title, which is in the language of the page."""
        return self.key or self.title


def html_text(text: str) -> str:
    """Text safe inside HTML (quotes too, for attributes)."""
    return _html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """Text safe inside Markdown: the characters that would start emphasis, links, code or HTML escaped."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def anchor(title: str) -> str:
    """A heading's id as Markdown viewers derive it: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def page(title: str, body: list[str], extra_css: str = "") -> str:
    """A whole HTML page in the language of the moment (its `lang`): the printable A4 style (plus `extra_css`),
    the body, and the disclaimer."""
    return (f"<!DOCTYPE html>\n<html lang=\"{language()}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html_text(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n"
            + "\n".join(body) + f"\n<footer>{html_text(str(DISCLAIMER))}</footer>\n</body>\n</html>\n")


def markdown_page(lines: list[str]) -> str:
    """A whole Markdown document: the lines, then the disclaimer."""
    return "\n".join(lines + ["---", "", f"*{markdown_text(str(DISCLAIMER))}*", ""])


def colon() -> str:
    """What follows a bold lead: ": " in English, " : " (a no-break space before the colon) in French."""
    return _(": ")


def _lead_html(item: Item) -> str:
    if not item.lead:
        return ""
    lead = f"<b>{html_text(item.lead)}</b>"
    return (f"<a href=\"{html_text(item.link)}.html\">{lead}</a>" if item.link else lead) + colon()


def _lead_markdown(item: Item) -> str:
    if not item.lead:
        return ""
    lead = f"**{markdown_text(item.lead)}**"
    return (f"[{lead}]({item.link}.md)" if item.link else lead) + colon()


def _items_html(items) -> str:
    return "<ul>" + "".join(f"<li>{_lead_html(item)}{html_text(item.text)}</li>" for item in items) + "</ul>"


def _items_markdown(items) -> list[str]:
    return [f"- {_lead_markdown(item)}{markdown_text(item.text)}" for item in items] + [""]


def _table_html(table: Table) -> str:
    def cell(tag: str, column: int, text: str) -> str:
        align = ' class="num"' if column in table.numeric else ""
        return f"<{tag}{align}>{html_text(text)}</{tag}>"
    rows = []
    for index, row in enumerate(table.rows):
        total = ' class="total"' if index in table.totals else ""
        rows.append(f"<tr{total}>" + "".join(cell("td", column, text) for column, text in enumerate(row)) + "</tr>")
    # A compact table of many columns (a game of eight rounds and more) is set smaller still, so that its longest
    # words fit the page's width without being broken.
    dense = " dense" if table.compact and len(table.headings) > DENSE_COLUMNS else ""
    css_class = f' class="compact{dense}"' if table.compact else ""
    # The caption goes above the table as a note, not in <caption>: a caption wraps to the table's width, which
    # leaves a narrow table's caption in a thin column.
    caption = f"<p class=\"note\">{html_text(table.caption)}</p>\n" if table.caption else ""
    if table.turned:
        head = "<tr>" + cell("th", 0, table.headings[0]) + "".join(
            f"<th class=\"turn\"><span>{html_text(text)}</span></th>" for text in table.headings[1:]) + "</tr>"
    else:
        head = "<tr>" + "".join(cell("th", column, text) for column, text in enumerate(table.headings)) + "</tr>"
    return f"{caption}<table{css_class}><thead>{head}</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _table_markdown(table: Table) -> list[str]:
    def line(cells) -> str:
        return "| " + " | ".join(markdown_text(text) or " " for text in cells) + " |"
    lines = [f"*{markdown_text(table.caption)}*", ""] if table.caption else []
    rule = ["---:" if column in table.numeric else "---" for column in range(len(table.headings))]
    lines += [line(table.headings), "| " + " | ".join(rule) + " |"]
    lines += [line(row) for row in table.rows]
    return lines + [""]


def block_html(block: Block) -> str:
    if isinstance(block, str):
        return f"<p>{html_text(block)}</p>"
    if isinstance(block, Numbered):
        return "<ol>" + "".join(f"<li>{html_text(text)}</li>" for text in block.items) + "</ol>"
    if isinstance(block, Table):
        return _table_html(block)
    if isinstance(block, Figure):
        caption = f"<figcaption>{html_text(block.caption)}</figcaption>" if block.caption else ""
        return f"<figure><img src=\"{html_text(block.file)}\" alt=\"{html_text(block.alt)}\">{caption}</figure>"
    return _items_html(block)


def block_markdown(block: Block) -> list[str]:
    if isinstance(block, str):
        return [markdown_text(block), ""]
    if isinstance(block, Numbered):
        return [f"{number}. {markdown_text(text)}" for number, text in enumerate(block.items, 1)] + [""]
    if isinstance(block, Table):
        return _table_markdown(block)
    if isinstance(block, Figure):
        lines = [f"![{markdown_text(block.alt)}]({block.file})", ""]
        return lines + ([f"*{markdown_text(block.caption)}*", ""] if block.caption else [])
    return _items_markdown(block)


def section_html(section: Section) -> list[str]:
    """A section's HTML lines: the heading, paragraphs, items, then its blocks in order."""
    ident = f' id="{html_text(section.anchor)}"' if section.anchor else ""
    lines = [f"<section{ident}>", f"<h2>{html_text(section.title)}</h2>"]
    lines += [f"<p>{html_text(text)}</p>" for text in section.paragraphs]
    if section.items:
        lines.append(_items_html(section.items))
    lines += [block_html(block) for block in section.blocks]
    return lines + ["</section>"]


def section_markdown(section: Section) -> list[str]:
    """The same section as Markdown lines."""
    lines = [f"## {markdown_text(section.title)}", ""]
    lines += [line for text in section.paragraphs for line in (markdown_text(text), "")]
    if section.items:
        lines += _items_markdown(section.items)
    for block in section.blocks:
        lines += block_markdown(block)
    return lines
