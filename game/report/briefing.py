"""Printed briefings, one per role (`summit brief`): the window's briefing as Markdown and as a printable A4
HTML page, a small chart of the country's defence spending against the 2%, 3.5% and 5% lines, and an index
of the roles with the scenario's class plans, and the observers' worksheets (worksheet.py).

The text is built once as plain `Section`s and rendered twice, so the Markdown and the HTML say the same
thing. The briefing screen (game/ui/scenes/menus.py) builds its sentences from the same functions here.
No pygame: matplotlib (Agg backend, no window) draws the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..agents import chosen_names, describe_player
from ..engine.narrate import shown_label, shown_text, shown_value, term
from .background import headline_split, secretary_general_office, two_percent_history, us_review_for, us_review_rule
from .glossary import GLOSSARY
from .series import NOW, lines_note
from .document import CSS, DISCLAIMER, Item, Section  # noqa: F401  (CSS, DISCLAIMER: part of this module's API)
from .document import colon, html_text as _h, markdown_text as _md, page as _page
from .lesson import lesson_html, lesson_markdown
from ..i18n import N_, _, country_forms, language, ngettext, number, percent
from ..scenario import Effect, Role, Scenario


# Each lever as (the words, the words when the scenario puts no spending on the table: None leaves it out).
LEVERS = {
    Role.SECRETARY_GENERAL: [
        (N_("You hold the pen: at the start of each round you table the draft, and your amendments change the text "
            "at once."),) * 2,
        (N_("Promise a leader support if its country pledges more; make statements to frame the debate."),) * 2,
        (N_("You never vote: the draft passes when no member breaks silence."),) * 2,
    ],
    Role.US_PRESIDENT: [
        (N_("Propose amendments; the Secretary General decides whether to take them up."),) * 2,
        (N_("Promise or threaten a leader: tie the US guarantee (how far allies can count on the United States under "
            "Article 5) to what its country pledges."),) * 2,
        (N_("Pledge a national path for the United States; break silence to block a draft you cannot accept."),
         N_("Break silence to block a draft you cannot accept.")),
    ],
    Role.MEMBER: [
        (N_("Propose amendments; the Secretary General decides whether to take them up."),) * 2,
        (N_("Pledge a national path ({percent_sign} of GDP by a year), or ask for a carve-out: a later deadline for "
            "your country."), None),
        (N_("Promise or threaten another leader; state a limit publicly so the pen holder knows it."),) * 2,
        (N_("In the silence procedure, one objection from you stops the draft."),) * 2,
    ],
}
# A lever's words where the scenario decides by a vote, not by consensus.
BY_VOTE = {"In the silence procedure, one objection from you stops the draft.":
           N_("In the silence procedure, your objection counts as a vote against.")}


# ----- sentences (plain text; the window and the printed briefing format them) -------------------------

def level(value: float) -> str:
    """A 0..1 judgement in words, in English (the window's words; `ally_facts` writes a country's in its
    language)."""
    return "low" if value < 0.34 else "moderate" if value < 0.67 else "high"


def _band(value: float) -> int:
    """A 0..1 judgement as 0 (low), 1 (moderate) or 2 (high), as `level` words it."""
    return 0 if value < 0.34 else 1 if value < 0.67 else 2


# Each judgement with its level (low, moderate, high): whole phrases, since French adjectives agree with their noun.
THREAT_FELT = (N_("Threat felt low"), N_("Threat felt moderate"), N_("Threat felt high"))
FISCAL_ROOM = (N_("fiscal room low"), N_("fiscal room moderate"), N_("fiscal room high"))
SUPPORT_AT_HOME = (N_("support at home for defence low"), N_("support at home for defence moderate"),
                   N_("support at home for defence high"))
# How much a position matters to the leader, by its share of the leader's weights.
MATTERS = (N_("matters most to you"), N_("matters"), N_("matters little"))


def wants(scenario: Scenario, leader) -> list[tuple[str, str]]:
    """Each position of a leader, most important first, as (issue label, "you want ...; red line: ... (matters).
    Why: ..."), the reasons (`why`) in the language in use."""
    lines = []
    positions = sorted(leader.positions.items(), key=lambda kv: -kv[1].weight)
    total = sum(p.weight for _, p in positions) or 1.0
    for issue_id, position in positions:
        issue = scenario.issue(issue_id)
        share = position.weight / total
        matters = MATTERS[0] if share >= 0.3 else MATTERS[1] if share >= 0.12 else MATTERS[2]
        # clauses of one sentence, parted by semicolons as in both languages
        clauses = [_("you want {ideal}").format(ideal=ideal_words(issue, position.ideal))]
        if position.values:
            rest = sorted((option for option in issue.options if option != position.ideal),
                          key=lambda option: -position.values[option])
            clauses.append(_("then {options}").format(options=", ".join(
                _("{option} (worth {value})").format(option=shown_value(issue, option),
                                                     value=percent(position.values[option] * 100, 0))
                for option in rest)))
        if position.red_line is not None:
            if position.unless is not None:
                clauses.append(_("red line: {red_line}, unless {condition}").format(
                    red_line=red_line_words(issue, position), condition=unless_words(scenario, position.unless)))
            else:
                clauses.append(_("red line: {red_line}").format(red_line=red_line_words(issue, position)))
        text = _("{clauses} ({matters}).").format(clauses=_("; ").join(clauses), matters=matters)
        if not issue.is_range and not issue.options_written_out:   # "coordinated" alone means nothing
            text += " " + _("The issue: {meaning}").format(meaning=issue_meaning(issue))
        reason = why(position)
        if reason:
            text += " " + _("Why: {reason}").format(reason=reason)
        lines.append((shown_label(issue), text))
    return lines


# the first words of a French help that read in lower case after "La question :" (a name keeps its capital)
_FRENCH_LOWER = ("Si", "Comment", "Quel", "Quelle", "Quels", "Quelles", "Qui", "Quand", "Combien", "La", "Le", "Les",
                 "Un", "Une")


def issue_meaning(issue) -> str:
    """An issue's help as the second half of a sentence: "whether the deal ties ...", its first word in lower case
    only when it is a question word or an article (never a name: "Macedonia ...")."""
    help_text = shown_text(issue.help).strip()
    first, _space, rest = help_text.partition(" ")
    if first in ("Whether", "What", "How", "Which", "Who", "When", "The", "A", "An"):
        help_text = f"{first.lower()} {rest}"
    elif language() == "fr" and (first in _FRENCH_LOWER or first.startswith(("L'", "L’"))):   # "l'année ..."
        help_text = f"{first[0].lower()}{first[1:]} {rest}"
    return help_text if help_text.endswith(".") else help_text + "."


def why(position) -> str | None:
    """Why the leader holds a position, as the scenario says it in the language in use (a position's optional
    `why`: a sentence and its source, or plain text); None when it says nothing."""
    reason = getattr(position, "why", None)
    if reason is None:
        return None
    text = shown_text(getattr(reason, "text", reason)).strip()
    return text or None


def ideal_words(issue, ideal) -> str:
    """What a leader wants on an issue: "3.5% GDP", "unconditional"; for a spending target whose ideal is
    nothing at all (zero, the bottom of its range), "no target for it", rather than "0.0% GDP" of it."""
    if issue.is_range and float(ideal) == 0.0 and float(issue.range[0]) == 0.0:
        return _("no target for it")
    return shown_value(issue, ideal)


def unless_words(scenario: Scenario, linkage) -> str:
    """A condition on another issue in words: "the draft says Counter-terrorism memorandum: memorandum"."""
    other = scenario.issue(linkage.issue)
    parts = []
    if linkage.is_:
        parts.append(_(" or ").join(shown_value(other, value) for value in linkage.is_))
    if linkage.at_least is not None:
        parts.append(_("at least {level}").format(level=shown_value(other, linkage.at_least)))
    if linkage.at_most is not None:
        parts.append(_("at most {level}").format(level=shown_value(other, linkage.at_most)))
    return _("the draft says {issue}: {terms}").format(issue=shown_label(other), terms=", ".join(parts))


def red_line_words(issue, position) -> str:
    """A red line in words: "no more than 3.5% GDP", "nothing sooner than 2035", "never reduced"."""
    red = position.red_line
    if not issue.is_range:
        return _("never {options}").format(options=_(" or ").join(
            shown_value(issue, option) for option in (red if isinstance(red, tuple) else (red,))))
    above = float(red) > float(position.ideal)
    if issue.effect.value == "deadline":
        return (_("nothing later than {year}") if above else _("nothing sooner than {year}")).format(
            year=shown_value(issue, red))
    return (_("no more than {level}") if above else _("no less than {level}")).format(level=shown_value(issue, red))


def others_positions(scenario: Scenario, me) -> list[tuple[str, str]]:
    """One (leader name, positions) per other leader with positions: its ideal per issue, red lines in brackets."""
    lines = []
    for leader in scenario.leaders:
        if leader.id == me.id or not leader.positions:
            continue
        parts = []
        for issue in scenario.issues:
            position = leader.positions.get(issue.id)
            if position is None:
                continue
            text = term(issue, position.ideal)
            if position.red_line is not None:
                text += " " + _("(red line: {red_line})").format(red_line=red_line_words(issue, position))
            parts.append(text)
        lines.append((shown_text(leader.name), _("; ").join(parts)))
    return lines


def computer_players(scenario: Scenario, me, agents: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """Each computer player's kind as (agent name, the leaders it plays, how it plays in plain words); `agents`
    are those chosen instead of the scenario's (WHO -> agent, as `summit play --agents` gives them). The agent
    name is an id for programs: a page for students leads with the leaders (`facing`)."""
    plays: dict[tuple[str, str], list[str]] = {}
    for leader_id, agent in chosen_names(scenario, agents).items():
        if leader_id != me.id:
            plays.setdefault((agent, describe_player(scenario, leader_id, agent)), []).append(shown_text(scenario.leader(leader_id).name))
    lines = []
    for (agent, words), leaders in plays.items():
        named = (_("{leaders} and {count} more").format(leaders=", ".join(leaders[:4]), count=len(leaders) - 4)
                 if len(leaders) > 4 else ", ".join(leaders))
        lines.append((agent, named, words))
    return lines


# A seat without a vote, as (the words, the words for one that speaks for no country and so pledges nothing).
WITHOUT_A_VOTE = [
    (N_("You sit at the table without a vote: you speak, propose amendments, pledge and promise, but you do not "
        "take part in the silence procedure, and your objection stops nothing."),
     N_("You sit at the table without a vote: you speak, propose amendments, and promise, but you do not take "
        "part in the silence procedure, and your objection stops nothing.")),
    (N_("Propose amendments; the Secretary General decides whether to take them up."),) * 2,
    (N_("Pledge or promise to win over the allies who decide; state what you need so the pen holder knows it."),
     N_("Promise support to win over the allies who decide; state what you need so the pen holder knows it.")),
]


def facing(scenario: Scenario, me, agents: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Who the computer plays and how, for students: (the leaders, how they play), no agent ids."""
    return [(named, how) for _, named, how in computer_players(scenario, me, agents)]


def participants(scenario: Scenario) -> list[tuple[str, str]]:
    """(name, who) for each leader seated without a vote: a partner, a candidate."""
    return [(shown_text(leader.name), _("{title} ({country})").format(title=shown_text(leader.title), country=_ally_name(scenario, leader.ally))
             if leader.ally else shown_text(leader.title))
            for leader in scenario.leaders if leader.without_vote]


def _ally_name(scenario: Scenario, ally_id: str) -> str:
    """An ally's name in the language of the moment (the scenario's own in English)."""
    ally = scenario.ally(ally_id)
    return country_forms(ally.iso3, ally.name).country


def levers(scenario: Scenario, leader) -> list[str]:
    """The moves this role has, in words, with the scenario's decision rule."""
    if leader.without_vote:
        return [str(pledging if leader.ally is not None else not_pledging) for pledging, not_pledging in WITHOUT_A_VOTE]
    # no pledges or carve-outs to make: no spending on the table, or a country that reports none (Iceland)
    spending = scenario.issue_with(Effect.CORE_SPENDING) is not None and (
        leader.ally is None or scenario.ally(leader.ally).reports_spending)
    lines = [full if spending else lean for full, lean in LEVERS[leader.role] if spending or lean is not None]
    if scenario.decision.rule != "consensus":
        lines = [BY_VOTE.get(line.message, line) for line in lines]
    return [line.format(percent_sign="%") for line in lines]   # a % is a field, never a message's word (series.py)


def ally_facts(ally) -> list[str]:
    """The country's figures as plain sentences."""
    if ally.reports_spending:
        spend = _("Defence spending: {share} of GDP (about US${amount} bn a year)").format(
            share=percent(ally.defence_pct_gdp, 2), amount=number(ally.gdp_usd_bn * ally.defence_pct_gdp / 100, 1))
    else:
        spend = _("Defence spending: none reported (no armed forces of its own)")
    return [_("GDP US${gdp} bn · population {population} m").format(gdp=number(ally.gdp_usd_bn),
                                                                     population=number(ally.population_m, 1)),
            spend,
            " · ".join(str(phrases[_band(value)]) for phrases, value in (
                (THREAT_FELT, ally.threat), (FISCAL_ROOM, ally.fiscal_space), (SUPPORT_AT_HOME, ally.domestic_support)))]


# ----- the briefing as sections --------------------------------------------------------------------------

@dataclass(frozen=True)
class Briefing:
    leader_id: str
    heading: str                       # "Briefing: Pedro Sánchez, Prime Minister of Spain"
    sections: tuple[Section, ...]
    chart: str | None = None           # file name of the spending chart, next to the page
    chart_alt: str = ""


def chart_name(leader) -> str | None:
    return f"{leader.id}-spending.png" if leader.ally else None


def briefing(scenario: Scenario, leader, with_chart: bool = True, agents: dict[str, str] | None = None) -> Briefing:
    """The role's briefing, section by section, as the window shows it and the page prints it (never hidden: it
    is for that student), every text of the scenario's in the language in use; `agents`: the agents chosen
    instead of the scenario's (a game's Session.agents), for "Who you face"."""
    s = scenario
    who = [_("You are {leader}, {title}, in “{scenario}” ({year}).").format(leader=shown_text(leader.name), title=shown_text(leader.title),
                                                                          scenario=shown_text(s.title), year=s.year)]
    if leader.background:
        who.append(shown_text(leader.background))
    # the heading says who: the section only when the scenario tells more (one A4 page is tight)
    sections = [_section(N_("Who you are"), tuple(who))] if leader.background else []
    situation = [shown_text(s.summary)]
    if s.fictional:
        situation.insert(0, _("A what-if, not history: this scenario is fictional."))
    situation += [text for text in (two_percent_history(s), headline_split(s)) if text]
    sections.append(_section(N_("The situation"), tuple(situation)))
    chart = alt = None
    if leader.ally:
        ally = s.ally(leader.ally)
        country = country_forms(ally.iso3, ally.name)
        facts = ally_facts(ally) + ([shown_text(ally.note)] if ally.note else [])
        sections.append(_section(N_("Your country"), (),
                                 (Item(facts[0], country.country),) + tuple(Item(line) for line in facts[1:])))
        if with_chart and ally.reports_spending:
            chart = chart_name(leader)
            alt = _("Bar chart: {country} spends {share} of GDP on core defence now (the grey bar, as in the outcome's "
                    "chart), against {lines}; dark marks show the other allies in this scenario.").format(
                share=percent(ally.defence_pct_gdp, 2), lines=lines_note(s.reference_lines), **country.fields())
    elif leader.role != Role.SECRETARY_GENERAL:
        sections.append(_section(N_("Your seat"), (_("You speak for no ally of the Alliance: you are at the table to be "
                                                     "heard, and the allies decide."),)))
    else:
        sections.append(_section(N_("Your office"), (
            _("You speak for no country. {office}").format(office=secretary_general_office()),
            _("Remind the allies of Article 3: {article_3}").format(article_3=GLOSSARY["Article 3"]))))
    if not leader.seated:
        arrives = [shown_text(event.label) for event in s.events if any(e.field == "joins" and e.leader == leader.id for e in event.effects)]
        sections.append(_section(N_("When you arrive"), (
            _("You are not at the table when the summit opens: you take your seat when this happens: {events}. Until "
              "then the others negotiate without you.").format(
                events=_("; or ").join(_("“{event}”").format(event=label) for label in arrives)),)))
    if leader.objective:
        sections.append(_section(N_("Your private objective"), (
            shown_text(leader.objective), _("Keep it to yourself: it is yours alone, not in anyone else's briefing."))))
    goals = wants(s, leader)
    if goals:
        lines = any(position.red_line is not None for position in leader.positions.values())
        sections.append(_section(N_("What you want"), (_("Your goals and red lines, most important first:") if lines
                                                       else _("Your goals, most important first:"),),
                                 tuple(Item(text, lead) for lead, text in goals)))
    review = us_review_for(s, leader)
    if review:
        sections.append(_section(N_("The US review of delivery"), (us_review_rule(s), review)))
    sections.append(_section(N_("Your levers"), (), tuple(Item(line) for line in levers(s, leader))))
    seated = participants(s)
    if seated:
        sections.append(_section(N_("At the table without a vote"), (   # one paragraph: one A4 page is tight
            _("These take part, speak and may pledge, but do not vote: only the allies' objections stop a draft: "
              "{participants}.").format(participants=_("; ").join(
                  _("{leader} ({who})").format(leader=name, who=who) for name, who in seated)),)))
    if s.information == "full":
        sections.append(_section(N_("What everyone knows (full information)"),
                                 (_("This game is played with every leader's positions public, yours included:"),),
                                 tuple(Item(text, name) for name, text in others_positions(s, leader))))
    else:
        sections.append(_section(N_("What you do not know"), (
            _("The other leaders' positions and red lines are private, as yours are: watch what they say, ask for, "
              "pledge and object to."),)))
    sections.append(_section(N_("Who you face"), (_("Unless other players take them, the computer plays the other "
                                                    "roles:"),),
                             tuple(Item(how, named) for named, how in facing(s, leader, agents))))
    rule = ("" if s.decision.rule == "consensus" else
            _("Not NATO's real rule: this scenario decides by {rule}.").format(rule=s.decision.describe()) + " ")
    sections.append(_section(N_("How it ends"), (
        # The English reads alike for one round and many; French does not ("1 tour", "6 tours").
        ngettext("Up to {rounds} rounds of talks at one meeting (rounds, not months), each closed by the silence "
                 "procedure: {silence_procedure} {rule}Your score runs from 0 to 100: 50 is as good for you as no "
                 "deal, 100 your ideal.",
                 "Up to {rounds} rounds of talks at one meeting (rounds, not months), each closed by the silence "
                 "procedure: {silence_procedure} {rule}Your score runs from 0 to 100: 50 is as good for you as no "
                 "deal, 100 your ideal.", s.rounds).format(rounds=s.rounds, silence_procedure=GLOSSARY["silence procedure"],
                                                           rule=rule),)))
    return Briefing(leader.id, _("Briefing: {leader}, {title}").format(leader=shown_text(leader.name), title=shown_text(leader.title)),
                    tuple(sections), chart, alt or "")


def _section(title, paragraphs=(), items=()) -> Section:
    """A briefing's section: `title` a LazyText, shown in the language of the moment and kept in English as
    the section's `key` (what the window and the pages compare)."""
    return Section(str(title), tuple(paragraphs), tuple(items), key=title.message)


# ----- rendering -------------------------------------------------------------------------------------------

# A role's briefing prints on one A4 page (docs/teachers-guide.md promises it; tests/test_browser.py checks it):
# smaller type and tighter spacing than the debrief, and the chart beside the country's figures.
ONE_PAGE_CSS = """
@page { size: A4; margin: 10mm 12mm }
body { font-size: 9pt; line-height: 1.2; max-width: 186mm; }
h1 { font-size: 13pt; margin: 0 0 0.5mm; }
h2 { font-size: 10pt; margin: 1.6mm 0 0.4mm; }
p, ul { margin: 0.5mm 0; }
ul { padding-left: 5mm; }
li { margin: 0.2mm 0; }
.scenario { margin-bottom: 1mm; }
.private { padding: 1mm 2mm; }
section.country { display: flow-root; }
img.chart { float: right; width: 84mm; margin: 0 0 0 3mm; }
footer { margin-top: 2mm; font-size: 7.5pt; }
"""
# French runs about a fifth longer than English: its page sets the type half a point smaller and the headings a little
# closer, and stays on one page (tests/test_report_french.py); the English page is as it was.
ONE_PAGE_CSS_BY_LANGUAGE = {"fr": "body { font-size: 8.5pt; }\nh2 { margin-top: 1.2mm; }\n"}


def to_html(b: Briefing, scenario: Scenario) -> str:
    all_roles = _("all roles")   # never inside an f-string: the extractor does not read into one
    body = [f"<h1>{_h(b.heading)}</h1>", f"<p class=\"scenario\">{_h(shown_text(scenario.title))} · {scenario.year} · "
            f"<a href=\"index.html\">{_h(all_roles)}</a></p>"]
    for section in b.sections:
        css_class = (' class="private"' if section.name == "Your private objective"
                     else ' class="country"' if section.name == "Your country" else "")
        body.append(f"<section{css_class}>\n<h2>{_h(section.title)}</h2>")
        if section.name == "Your country" and b.chart:   # floated right, beside the figures
            body.append(f"<img class=\"chart\" src=\"{_h(b.chart)}\" alt=\"{_h(b.chart_alt)}\">")
        body += [f"<p>{_h(text)}</p>" for text in section.paragraphs]
        if section.items:
            body.append("<ul>" + "".join(
                f"<li>{'<b>' + _h(item.lead) + '</b>' + colon() if item.lead else ''}{_h(item.text)}</li>"
                for item in section.items) + "</ul>")
        body.append("</section>")
    return _page(b.heading, body, ONE_PAGE_CSS + ONE_PAGE_CSS_BY_LANGUAGE.get(language(), ""))


def to_markdown(b: Briefing, scenario: Scenario) -> str:
    all_roles = _("all roles")
    lines = [f"# {_md(b.heading)}", "", f"{_md(shown_text(scenario.title))} · {scenario.year} · [{_md(all_roles)}](index.md)", ""]
    for section in b.sections:
        lines += [f"## {_md(section.title)}", ""]
        lines += [line for text in section.paragraphs for line in (_md(text), "")]
        if section.items:
            lines += [f"- {'**' + _md(item.lead) + '**' + colon() if item.lead else ''}{_md(item.text)}" for item in section.items]
            lines.append("")
        if section.name == "Your country" and b.chart:
            lines += [f"![{_md(b.chart_alt)}]({b.chart})", ""]
    lines += ["---", "", f"*{_md(str(DISCLAIMER))}*", ""]
    return "\n".join(lines)


def _role_rows(scenario: Scenario) -> list[tuple[object, str]]:
    return [(leader, _ally_name(scenario, leader.ally) if leader.ally else _("(the Alliance)"))
            for leader in scenario.leaders]


def _plans(scenario: Scenario) -> list[tuple[int, list[str], str]]:
    """(students, ["Mark Rutte (2)", ...], note) per class plan."""
    return [(plan.students,
             [ngettext("{leader}", "{leader} ({students} students)", n).format(leader=shown_text(scenario.leader(lid).name),
                                                                              students=n)
              for lid, n in plan.roles.items()],
             shown_text(plan.note) if plan.note else "")
            for plan in scenario.classroom]


def _observers(bold, link) -> str:
    """The index's line on the observers' worksheets, with `bold` and `link(page, words)` of the document's kind."""
    return _("{observers} (students without a seat): {press} · {parliament} (a worksheet each).").format(
        observers=bold(_("Observers")), press=link("observer-press", _("the press")),
        parliament=link("observer-parliament", _("a national parliament")))


def _roles_count(scenario: Scenario) -> str:
    return ngettext("{count} roles", "{count} roles", len(scenario.leaders)).format(count=len(scenario.leaders))


def _index_words(scenario: Scenario) -> dict:
    """The index's words in the language of the moment (marked here, outside any f-string, where the extractor
    finds them)."""
    return {"heading": _("{scenario}: briefings").format(scenario=shown_text(scenario.title)),
            "roles": _("Roles"), "columns": (_("Role"), _("Title"), _("Country"), _("Briefing")),
            "class": _("Roles for your class"), "computer": _("The computer plays every role no student takes."),
            "plan_columns": (_("Students"), _("Roles"), _("Note")), "no_plan": _(
                "This scenario suggests no class plan: give each student or team one role; the computer plays the "
                "rest.")}


def index_html(scenario: Scenario) -> str:
    def cells(tag: str, texts) -> str:
        return "".join(f"<{tag}>{_h(text)}</{tag}>" for text in texts)

    words = _index_words(scenario)
    body = [f"<h1>{_h(words['heading'])}</h1>",
            f"<p class=\"scenario\">{scenario.year} · {_h(_roles_count(scenario))}</p>", f"<p>{_h(shown_text(scenario.summary))}</p>",
            *lesson_html(scenario), f"<h2>{_h(words['roles'])}</h2>",
            f"<table><tr>{cells('th', words['columns'])}</tr>"]
    for leader, country in _role_rows(scenario):
        body.append(f"<tr><td>{_h(shown_text(leader.name))}</td><td>{_h(shown_text(leader.title))}</td><td>{_h(country)}</td>"
                    f"<td><a href=\"{_h(leader.id)}.html\">HTML</a> · <a href=\"{_h(leader.id)}.md\">Markdown</a></td></tr>")
    body.append("</table>")
    body.append("<p>" + _observers(lambda text: f"<b>{_h(text)}</b>",
                                   lambda name, text: f"<a href=\"{name}.html\">{_h(text)}</a>") + "</p>")
    body.append(f"<h2>{_h(words['class'])}</h2>")
    plans = _plans(scenario)
    if plans:
        body.append(f"<p>{_h(words['computer'])}</p><table><tr>{cells('th', words['plan_columns'])}</tr>")
        body += [f"<tr><td>{students}</td><td>{_h(', '.join(roles))}</td><td>{_h(note)}</td></tr>"
                 for students, roles, note in plans]
        body.append("</table>")
    else:
        body.append(f"<p>{_h(words['no_plan'])}</p>")
    return _page(words["heading"], body)


def index_markdown(scenario: Scenario) -> str:
    def row(texts) -> str:
        return "| " + " | ".join(_md(text) for text in texts) + " |"

    words = _index_words(scenario)
    lines = [f"# {_md(words['heading'])}", "", f"{scenario.year} · {_md(_roles_count(scenario))}", "",
             _md(shown_text(scenario.summary)), "", *lesson_markdown(scenario), f"## {_md(words['roles'])}", "",
             row(words["columns"]), "| --- | --- | --- | --- |"]
    lines += [f"| {_md(shown_text(leader.name))} | {_md(shown_text(leader.title))} | {_md(country)} | [Markdown]({leader.id}.md) · "
              f"[HTML]({leader.id}.html) |" for leader, country in _role_rows(scenario)]
    lines += ["", _observers(lambda text: f"**{_md(text)}**", lambda name, text: f"[{_md(text)}]({name}.md)"), "",
              f"## {_md(words['class'])}", ""]
    plans = _plans(scenario)
    if plans:
        lines += [_md(words["computer"]), "", row(words["plan_columns"]), "| --- | --- | --- |"]
        lines += [f"| {students} | {_md(', '.join(roles))} | {_md(note)} |" for students, roles, note in plans]
    else:
        lines.append(_md(words["no_plan"]))
    lines += ["", "---", "", f"*{_md(str(DISCLAIMER))}*", ""]
    return "\n".join(lines)


def draw_chart(scenario: Scenario, ally, path: Path) -> None:
    """A small PNG: the ally's core defence spending as a bar against the scenario's reference lines, with every
    other ally of the scenario as a grey mark for context. A headline line (5% = 3.5% core + 1.5% related) is
    dotted, with the related part as a hatched band: the bars are core spending only."""
    from .charts import draw_reference_lines, headline_note, localize_ticks, new_figure   # files only, never a window

    others = [a.defence_pct_gdp for a in scenario.allies if a.id != ally.id and a.reports_spending]
    top = max([5.5, ally.defence_pct_gdp * 1.1] + [v * 1.05 for v in others])
    figure = new_figure(4.4, 1.45)
    axes = figure.add_axes((0.2, 0.4, 0.77, 0.5))
    axes.barh([1], [ally.defence_pct_gdp], height=0.55, color=NOW.colour)   # the outcome's "now", in its colour
    axes.text(ally.defence_pct_gdp + top * 0.01, 1, percent(ally.defence_pct_gdp, 2), va="center", fontsize=7)
    if others:
        axes.scatter(others, [0] * len(others), marker="|", s=120, color="#333333")
    headline = draw_reference_lines(axes, scenario.reference_lines, 1.62, fontsize=6.5)
    axes.set_xlim(0, top)
    axes.set_ylim(-0.6, 1.6)
    name = country_forms(ally.iso3, ally.name).country
    axes.set_yticks([1, 0] if others else [1], [name, _("other allies")] if others else [name], fontsize=7)
    axes.set_xlabel(_("core defence spending {now} ({year}), {percent_sign} of GDP").format(
        now=NOW.label(), year=scenario.year, percent_sign="%") + (f"\n{headline_note()}" if headline else ""), fontsize=6.5)
    localize_ticks(axes)
    axes.tick_params(axis="x", labelsize=6.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.savefig(path, format="png")


def write_briefings(scenario: Scenario, out: Path, leader_ids: list[str] | None = None) -> list[Path]:
    """Write the briefings of the given roles (default: all), their charts, and the index into `out`
    (created if missing), all at once when every file is ready. Returns the files written, in order.
    UnsafeOutput (an OSError) when `out` holds files Summit did not write there, or a link, pipe or device
    where a briefing goes (see game/files/folder.py); nothing is written then."""
    from ..files import OutputFolder

    with OutputFolder(out, "briefings") as folder:
        for leader in scenario.leaders:
            if leader_ids is not None and leader.id not in leader_ids:
                continue
            b = briefing(scenario, leader)
            if b.chart:
                draw_chart(scenario, scenario.ally(leader.ally), folder.path_for(b.chart))
            for suffix, text in ((".html", to_html(b, scenario)), (".md", to_markdown(b, scenario))):
                folder.write(f"{leader.id}{suffix}", text)
        from . import worksheet
        for sheet in worksheet.worksheets(scenario) if leader_ids is None else ():   # the observers' pages, one each
            for suffix, text in ((".html", worksheet.to_html(sheet, scenario)), (".md", worksheet.to_markdown(sheet, scenario))):
                folder.write(f"{sheet.id}{suffix}", text)
        for name, text in (("index.html", index_html(scenario)), ("index.md", index_markdown(scenario))):
            folder.write(name, text)
        return folder.commit()
