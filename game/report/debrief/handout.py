"""The students' handout (`summit debrief LOG --handout`): one A4 page per role played by a person (every role
when the computer played them all) and a one-page class summary, for each game.

A role's page: what happened and the role's own moves; what the table agreed beside what really happened (the
scenario's history, when it has one); its score against the best it could have reached (analysis/reach.py); its
positions met or not and its private objective; and three prompts, one per phase of Lederman's debriefing
(reflection.py), with room to write. The class summary: how the game ended, the same comparison with history, the
people's scores against their best, and the three questions for the class.

Pages are HTML for print, every text escaped: `handout.html` lists them, `handout-print.html` holds every page of a
game with a page break between them (one print job), and each page has a file of its own (`handout-class.html`,
`handout-ROLE.html`; with several games each name starts with the game's page name).
"""

from __future__ import annotations

from ...analysis.reach import Reach
from ...engine.narrate import shown_label, shown_text
from ...i18n import _, language, ngettext, percent
from ...scenario import Effect
from ..document import DISCLAIMER, colon, html_text as _h
from .facts import GameFacts
from .history import (TITLE as HISTORY, history_of, intro, item_date, item_text, item_when, shown_date, sources,
                      table_words)
from .reflection import RoleStory, _score, class_questions, phases, role_prompts, role_story
from .wording import _and, _guarantee, _issue_name, _leader_label, _rounds_text, _value

CSS = """
@page { size: A4; margin: 10mm 12mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 9.2pt; line-height: 1.3;
       color: #111; max-width: 186mm; margin: 0 auto; }
.sheet { break-after: page; }
.sheet:last-of-type { break-after: auto; }
h1 { font-size: 14pt; margin: 0 0 0.5mm; }
h2 { font-size: 10.2pt; margin: 2.6mm 0 0.8mm; border-bottom: 0.4pt solid #999; }
h3 { font-size: 9.2pt; margin: 0 0 0.6mm; }
p, ul, ol { margin: 0.8mm 0; }
ul, ol { padding-left: 5mm; }
li { margin: 0.3mm 0; }
.sub { color: #444; margin: 0 0 1.5mm; }
.boxes { display: flex; gap: 3mm; align-items: stretch; }
.box { flex: 1 1 0; min-width: 0; border: 0.6pt solid #555; padding: 1.2mm 2.2mm; }
.box.wide { flex: 1.7 1 0; }
.history { font-size: 8pt; }
.box ul { padding-left: 4mm; }
table { border-collapse: collapse; width: 100%; margin: 0.8mm 0; }
th, td { border: 0.4pt solid #999; padding: 0.4mm 1.4mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th.num, td.num { text-align: right; white-space: nowrap; }
.pair { display: flex; gap: 3mm; }
.pair table { flex: 1 1 0; }
table.small { font-size: 8pt; }
.class table.small { font-size: 7.4pt; line-height: 1.2; }
.class table.small td { padding: 0.2mm 1.2mm; }
.class table.small th:first-child { width: 50%; }
.sheet.class { font-size: 8.8pt; }
.class .history { font-size: 7.6pt; }
.prompts li { margin: 0.8mm 0 0; }
.answer { height: 8mm; border-bottom: 0.4pt dotted #888; margin-bottom: 0.8mm; }
.note, .sources { font-size: 7.4pt; color: #444; }
.objective { border-left: 1.2pt solid #555; padding-left: 2mm; }
.crossed { font-weight: bold; }
footer { font-size: 7pt; color: #666; margin-top: 1.5mm; }
@media screen { .sheet { border-bottom: 2px dashed #aaa; padding-bottom: 8mm; margin-bottom: 8mm; } }
@media print { a { color: inherit; text-decoration: none; } .noprint { display: none; } }
"""

# French runs about a tenth longer than English (and the scenario's history longer still): a French page is set
# a little tighter, its text and history a shade smaller and the room to write a line 7 mm high, to stay on one
# A4 page; a table's headings break between words only, and the verdict column ("✓ votre idéal") on one line.
TIGHTER = ("\nbody { font-size: 8.9pt; }\n.history { font-size: 7.8pt; }\n.answer { height: 7mm; }\n"
           "table.small th { overflow-wrap: normal; }\ntable.small td:last-child { white-space: nowrap; }\n")

SHOWN_HISTORY = 3      # history items on a role's page at most (the class summary shows them all)


def _page(title: str, sheets: list[str]) -> str:
    css = CSS if language() == "en" else CSS + TIGHTER
    return (f"<!DOCTYPE html>\n<html lang=\"{language()}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_h(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n" + "\n".join(sheets)
            + "\n</body>\n</html>\n")


def _sheet(body: list[str], kind: str = "") -> str:
    return f"<section class=\"sheet{' ' + kind if kind else ''}\">\n" + "\n".join(body) + f"\n<footer>{_h(str(DISCLAIMER))}</footer>\n</section>"


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_h(line)}</li>" for line in lines) + "</ul>"


def _subtitle(facts: GameFacts) -> str:
    s = facts.scenario
    return _("{scenario} ({year}) · seed {seed} · {log}").format(scenario=shown_text(s.title), year=s.year,
                                                                 seed=facts.replayed.seed, log=facts.replayed.path.name)


def _shown_history(facts: GameFacts, leader_id: str | None, limit: int | None) -> list:
    """The history items a page shows, in the file's order: all of them, or at most `limit`: those that name the
    role (its leader's surname or its country) first, then the latest (the summit itself)."""
    history = list(history_of(facts.scenario))
    if limit is None or len(history) <= limit:
        return history
    names: list[str] = []
    if leader_id is not None:
        leader = facts.scenario.leader(leader_id)
        names = [leader.name.split()[-1]] + ([facts.scenario.ally(leader.ally).name] if leader.ally else [])
    english = [str(getattr(item, "text", "") or "") for item in history]   # the same items chosen in every language
    order = sorted(range(len(history)), key=lambda k: (not any(n in english[k] for n in names),
                                                       item_date(history[-1]) != item_date(history[k]), k))
    return [history[k] for k in sorted(order[:limit])]


def _comparison(facts: GameFacts, leader_id: str | None, limit: int | None) -> list[str]:
    """The box of the table's text, beside the box of what really happened when the scenario has history."""
    s, o = facts.scenario, facts.outcome
    heading, terms = table_words(s, o.in_force, o.agreed)
    left = f"<div class=\"box\"><h3>{_h(heading)}</h3>{_list(terms)}</div>"
    history = history_of(s)
    if not history:
        return [f"<div class=\"boxes\">{left}</div>"]
    shown = _shown_history(facts, leader_id, limit)
    more = len(history) - len(shown)
    lines = [f"{item_when(item)}{colon()}{item_text(item)}" for item in shown]
    extra = ("<p class=\"note\">" + _h(ngettext("{count} more item on the class summary.",
                                                "{count} more items on the class summary.", more).format(count=more))
             + "</p>") if more else ""
    right = f"<div class=\"box wide history\"><h3>{_h(str(HISTORY))}</h3>{_list(lines)}{extra}</div>"
    return [f"<p>{_h(intro(s))}</p>", f"<div class=\"boxes\">{left}{right}</div>"]


def _sources(facts: GameFacts) -> list[str]:
    cited = sources(facts.scenario, short=True)
    if not cited:
        return []
    return ["<p class=\"sources\">" + _h(_("Sources of what really happened: {sources}.").format(sources=_("; ").join(
        f"{source} ({', '.join(shown_date(d) for d in dates)})" for source, dates in cited))) + "</p>"]


def _moves(facts: GameFacts, story: RoleStory) -> str:
    s = facts.scenario
    said = []
    if story.pen:
        tabled = sum(1 for r in facts.rounds if r.tabled is not None)
        said.append(ngettext("you held the pen and tabled {count} draft", "you held the pen and tabled {count} drafts", tabled).format(count=tabled))
    if story.objected:
        issues = sorted({_issue_name(s, issue) for issue, _wants in story.objected.values()})
        said.append(ngettext("you broke silence in round {rounds} (on {issues})",
                             "you broke silence in rounds {rounds} (on {issues})", len(story.objected)).format(
            rounds=_rounds_text(sorted(story.objected)), issues=_and(issues)))
    elif s.leader(story.leader).is_voter:
        said.append(_("you never broke silence"))
    if story.pledge:
        r, level, year = story.pledge
        said.append(_("you pledged {level} GDP by {year} in round {round}").format(level=percent(level, 1), year=year,
                                                                                 round=r))
    if story.carve_out:
        said.append(_("you got a deadline of your own, {year}").format(year=story.carve_out))
    if story.words:
        said.append(ngettext("you gave {count} promise or threat", "you gave {count} promises and threats", story.words).format(count=story.words))
    return _("Your moves: {moves}.").format(moves=_("; ").join(said)) if said else _("You made no move of your own.")


def score_words(facts: GameFacts, story: RoleStory) -> str:
    """The role's score against the best it could have reached, in sentences."""
    text = _("Your score: {score} out of 100 (0 = the worst for you, 50 = what no deal gives you, 100 = your "
             "ideal).").format(score=_score(story.score))
    reach = story.reach
    if reach is None or reach.score is None:
        return text + " " + _("No text got past every voter's red lines: no deal was the only end the rules allowed, "
                              "so 50 was the best any role could reach.")
    if reach.no_deal_best:
        return text + " " + _("No text the red lines allowed was better for you than no deal (the best gave {best}): "
                              "blocking was your strongest card.").format(best=_score(reach.score))
    share = story.share
    text += " " + _("The best you could have reached: {best}, in the text the voters' red lines allowed (with the "
                    "carve-outs the rules allow) that suited you most, before the US review.").format(
        best=_score(reach.score))
    if share > 1 + 1e-9:
        o = facts.outcome
        if o.us_guarantee_after is not None and o.us_guarantee_after != o.us_guarantee_agreed:
            return text + " " + _("You did better than that: your score counts the US review of delivery after the "
                                  "table, which made the guarantee {guarantee}, and the best does not.").format(
                guarantee=_guarantee(facts.scenario, o.us_guarantee_after))
        return text + " " + _("You did better than that: your score counts the US review of delivery after the table, "
                              "and the best does not.")
    if share < -1e-9:
        return text + " " + _("You ended below what no deal would have given you.")
    return text + " " + _("You went {share} of the way from no deal to that best.").format(share=percent(100 * share, 0))


def _positions_table(facts: GameFacts, story: RoleStory) -> list[str]:
    s = facts.scenario
    if not story.positions:
        return ["<p>" + _h(_("Your role had no position of its own on the text.")) + "</p>"]
    o = facts.outcome
    column = _("In force") if o.agreed else _("In force (no deal)")
    guarantee = next((issue.id for issue in s.issues if issue.effect == Effect.US_GUARANTEE), None)
    after = o.us_guarantee_after
    rows = []
    for p in story.positions:
        red = "" if p.red_line is None else _red_line(s, p.issue, p.red_line)
        verdict = f"<span class=\"crossed\">✗ {_h(p.verdict)}</span>" if p.crossed else f"✓ {_h(p.verdict)}" if (
            p.ideal_reached or p.red_line is not None) else _h(p.verdict)
        value = _value(s, p.issue, p.value)
        if p.issue == guarantee and after is not None and after != o.in_force[p.issue]:
            value += " " + _("({guarantee} after the US review)").format(guarantee=_value(s, p.issue, after))
        rows.append(f"<tr><td>{_h(shown_label(s.issue(p.issue)))}</td><td>{_h(_value(s, p.issue, p.ideal))}</td>"
                    f"<td>{_h(red)}</td><td class=\"num\">{_h(percent(100 * p.weight, 0))}</td>"
                    f"<td>{_h(value)}</td><td>{verdict}</td></tr>")
    held = [p for p in story.positions if p.red_line is not None]
    crossed = [p for p in held if p.crossed]
    ideals = sum(p.ideal_reached for p in story.positions)
    ideal_part = ngettext("Your ideal on {ideals} of {count} issue", "Your ideal on {ideals} of {count} issues",
                          len(story.positions)).format(ideals=ideals, count=len(story.positions))
    if crossed:
        rest = _("your red line crossed on {issues}.").format(issues=", ".join(shown_label(s.issue(p.issue))
                                                                              for p in crossed))
    elif held:
        rest = ngettext("every red line held ({count} red line).", "every red line held ({count} red lines).", len(held)).format(count=len(held))
    else:
        rest = _("you had no red line.")
    summary = _("{ideals}; {red_lines}").format(ideals=ideal_part, red_lines=rest)
    numeric = ' class="num"'
    headings = "".join(f"<th{numeric if k == 3 else ''}>{_h(text)}</th>" for k, text in enumerate(
        (_("Issue"), _("You wanted"), _("Red line"), _("Weight"), column, _("Met?"))))
    return ["<table class=\"small\"><thead><tr>" + headings + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>", f"<p>{_h(summary)}</p>"]


def _red_line(scenario, issue_id: str, red_line) -> str:
    """A red line as the table's cell gives it: its value; an options issue's red line may name several options,
    joined in words ("partner or adversary")."""
    if isinstance(red_line, tuple):
        return _(" or ").join(_value(scenario, issue_id, option) for option in red_line)
    return _value(scenario, issue_id, red_line)


def _objective(story: RoleStory) -> list[str]:
    if not story.objective:
        return []
    if story.objective_met is not None:   # the scenario says how to tell
        return ["<p class=\"objective\"><b>" + _h(_("Your private objective:")) + f"</b> {_h(story.objective)}<br>"
                + _h(story.objective_met.sentence()) + "</p>"]
    return ["<p class=\"objective\"><b>" + _h(_("Your private objective:")) + f"</b> {_h(story.objective)}<br>"
            + _h(_("Met? ☐ yes ☐ partly ☐ no. Say why in one sentence, with the table above.")) + "</p>"]


def role_sheet(facts: GameFacts, story: RoleStory) -> str:
    prompts = role_prompts(facts, story)
    sub = (_("{game} · played by {player}").format(game=_subtitle(facts), player=story.player) if story.player
           else _subtitle(facts))
    heading = _("Debrief: {role}").format(role=story.label)
    body = [f"<h1>{_h(heading)}</h1>", f"<p class=\"sub\">{_h(sub)}</p>",
            "<h2>" + _h(_("What happened")) + "</h2>", f"<p>{_h(facts.how())} {_h(_moves(facts, story))}</p>"]
    body += _comparison(facts, story.leader, SHOWN_HISTORY)
    body += ["<h2>" + _h(_("Your score against the best you could have reached")) + "</h2>",
             f"<p>{_h(score_words(facts, story))}</p>", "<h2>" + _h(_("Your positions: met or not")) + "</h2>"]
    body += _positions_table(facts, story) + _objective(story)
    body.append("<h2>" + _h(_("Three questions for you")) + "</h2>")
    body.append("<ol class=\"prompts\">" + "".join(f"<li><b>{_h(phase)}</b> {_h(prompt)}<div class=\"answer\"></div></li>"
                                                 for phase, prompt in zip(phases(), prompts)) + "</ol>")
    return _sheet(body + _sources(facts))


def _score_rows(stories: list[RoleStory], people: bool) -> list[str]:
    rows = []
    for story in sorted(stories, key=lambda st: (-st.score, st.label)):
        best = "-" if story.reach is None or story.reach.score is None else _score(story.reach.score)
        share = "-" if story.share is None else percent(100 * story.share, 0)
        played = f"<td>{_h(story.player)}</td>" if people else ""
        rows.append(f"<tr><td>{_h(story.label)}</td>{played}<td class=\"num\">{_score(story.score)}</td>"
                    f"<td class=\"num\">{_h(best)}</td><td class=\"num\">{_h(share)}</td></tr>")
    return rows


def _scores_table(rows: list[str], people: bool) -> str:
    role, played, score, best, share = _("Role"), _("Played by"), _("Score"), _("Best"), _("Share of best")
    return (f"<table class=\"small\"><thead><tr><th>{_h(role)}</th>" + (f"<th>{_h(played)}</th>" if people else "")
            + f"<th class=\"num\">{_h(score)}</th><th class=\"num\">{_h(best)}</th><th class=\"num\">{_h(share)}</th></tr>"
            "</thead><tbody>" + "".join(rows) + "</tbody></table>")


def class_sheet(facts: GameFacts, stories: list[RoleStory]) -> str:
    s = facts.scenario
    people = bool(facts.humans)
    who = (ngettext("{count} role played by people", "{count} roles played by people", len(facts.humans)).format(count=len(facts.humans)) if people
           else _("every role played by the computer"))
    heading = _("Class summary: {scenario}").format(scenario=shown_text(s.title))
    body = [f"<h1>{_h(heading)}</h1>", f"<p class=\"sub\">{_h(_subtitle(facts) + ' · ' + who)}</p>",
            "<h2>" + _h(_("What happened")) + "</h2>", f"<p>{_h(facts.how())}</p>"]
    body += _comparison(facts, None, None)
    rows = _score_rows(stories, people)
    body += ["<h2>" + _h(_("Scores against the best each role could have reached")) + "</h2>",
             "<p class=\"note\">" + (_(   # as ever, not escaped: the text holds no markup (its ' stays as it is)
                 "Score: 0-100, 50 = no deal. Best: the most the role scores in any text the voters' red lines "
                 "allowed, with the carve-outs the rules allow, before the US review. Share of best: how far from no "
                 "deal ({none}) to that best ({all}) the role went (more when the US review after the table gave more "
                 "than any text could); - when no such text beat no deal for it.").format(
                     none=percent(0, 0), all=percent(100, 0))) + "</p>"]
    if len(rows) > 14:   # two tables side by side keep a large table on one page
        half = (len(rows) + 1) // 2
        body.append(f"<div class=\"pair\">{_scores_table(rows[:half], people)}{_scores_table(rows[half:], people)}</div>")
    else:
        body.append(_scores_table(rows, people))
    body += ["<h2>" + _h(_("Three questions for the class")) + "</h2>",
             "<ol>" + "".join(f"<li><b>{_h(phase)}</b> {_h(question)}</li>"
                              for phase, question in zip(phases(), class_questions(facts))) + "</ol>"]
    return _sheet(body + _sources(facts), "class")


def role_file(prefix: str, leader_id: str) -> str:
    """A role's page: handout-ROLE.html (handout-role-ROLE.html for a role named like another page)."""
    return f"{prefix}handout-{'role-' if leader_id in ('class', 'print') else ''}{leader_id}.html"


def handout_roles(facts: GameFacts) -> list[str]:
    """The roles that get a page: those people played, or every role when the computer played them all."""
    return list(facts.humans) or [leader.id for leader in facts.scenario.leaders]


def handout_pages(facts: GameFacts, best: dict[str, Reach], prefix: str) -> tuple[dict[str, str], dict]:
    """A game's handout: file name -> HTML (the class summary, a page per role, and all of them to print at
    once), and its numbers for debrief.json."""
    stories = [role_story(facts, leader_id, best.get(leader_id)) for leader_id in handout_roles(facts)]
    s = facts.scenario
    game_title = _("{scenario}, seed {seed}").format(scenario=shown_text(s.title), seed=facts.replayed.seed)
    summary = class_sheet(facts, stories)
    sheets = [role_sheet(facts, story) for story in stories]
    files = {f"{prefix}handout-class.html": _page(_("Class summary: {scenario}").format(scenario=game_title), [summary])}
    files |= {role_file(prefix, story.leader): _page(_("Debrief: {role}, {game}").format(role=story.label, game=game_title),
                                                     [sheet])
              for story, sheet in zip(stories, sheets)}
    files[f"{prefix}handout-print.html"] = _page(_("Handout: {game}").format(game=game_title), [summary] + sheets)
    numbers = {"files": sorted(files), "class_questions": list(class_questions(facts)),
               "roles": {story.leader: {
                   "score": round(story.score, 1),
                   "best_reachable": None if story.reach is None or story.reach.score is None else round(story.reach.score, 1),
                   "share_of_best": None if story.share is None else round(story.share, 2),
                   "red_lines_crossed": [p.issue for p in story.positions if p.crossed],
                   "ideals_reached": [p.issue for p in story.positions if p.ideal_reached],
                   "prompts": list(role_prompts(facts, story))} for story in stories}}
    return files, numbers


def handout_index(games: list[tuple[GameFacts, str]]) -> str:
    """handout.html: what to print, game by game (not itself for print)."""
    whole, class_summary = _("the whole handout"), _("class summary")
    body = ["<h1>" + _h(_("Handouts")) + "</h1>", "<p>" + _h(_("Print {whole} of a game in one go (a class summary, "
            "then one A4 page per role), or single pages. Hand each student the page of their role.")).format(
                whole=f"<b>{_h(whole)}</b>") + "</p>"]
    for facts, prefix in games:
        roles = handout_roles(facts)
        pages = ngettext("({count} page)", "({count} pages)", len(roles) + 1).format(count=len(roles) + 1)
        body.append(f"<h2>{_h(_subtitle(facts))}</h2>")
        links = [f"<li><a href=\"{_h(prefix)}handout-print.html\"><b>{_h(whole)}</b></a> {_h(pages)}</li>",
                 f"<li><a href=\"{_h(prefix)}handout-class.html\">{_h(class_summary)}</a></li>"]
        links += [f"<li><a href=\"{_h(role_file(prefix, leader))}\">{_h(_leader_label(facts.scenario, leader))}</a>"
                  + (f" · {_h(facts.players[leader])}" if facts.players.get(leader) else "") + "</li>" for leader in roles]
        body.append("<ul>" + "".join(links) + "</ul>")
    return _page(_("Handouts"), [_sheet(body)])
