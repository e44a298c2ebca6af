"""`summit brief`: printed briefings per role (HTML and Markdown), spending charts, and the index."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.report.briefing import briefing, to_html
from game.scenario.catalogue import bundled_dir, check
from game.cli import main

TUTORIAL = check(str(bundled_dir() / "tutorial.yaml")).scenario
ROLES = [leader.id for leader in TUTORIAL.leaders]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("brief") / "class"      # not there yet: the command creates it
    assert main(["brief", "tutorial", "--out", str(out)]) == 0
    return out


class _Page(HTMLParser):
    """The headings and the files (src, href) an HTML page refers to."""

    def __init__(self):
        super().__init__()
        self.refs, self.headings, self.alts, self._in = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.refs += [attrs[name] for name in ("src", "href") if attrs.get(name)]
        if tag == "img":
            self.alts.append(attrs.get("alt", ""))
        self._in = tag if tag == "h2" else None

    def handle_data(self, data):
        if self._in == "h2":
            self.headings.append(data)

    def handle_endtag(self, tag):
        self._in = None


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_every_role_gets_html_markdown_and_a_chart_if_it_has_a_country(written):
    for leader in TUTORIAL.leaders:
        assert (written / f"{leader.id}.html").is_file()
        assert (written / f"{leader.id}.md").is_file()
        assert (written / f"{leader.id}-spending.png").is_file() == (leader.ally is not None)
    assert (written / "index.html").is_file() and (written / "index.md").is_file()
    assert not (written / "rutte-spending.png").exists()    # the Secretary General speaks for no country


def test_a_briefing_has_its_red_lines_levers_and_figures_in_words(written):
    text = _text(written / "sanchez.html")
    assert "Briefing: Pedro Sánchez, Prime Minister of Spain" in text
    assert "Core defence target : you want 2.1% GDP; red line: no more than 3.5% GDP" in text
    assert "Deadline : you want 2040; red line: nothing sooner than 2035" in text
    assert "ask for a carve-out" in text                          # a member's lever
    assert "1.28% of GDP" in text
    assert "What you do not know" in text
    assert "@page { size: A4; margin: 15mm }" in (written / "sanchez.html").read_text(encoding="utf-8")
    rutte = _text(written / "rutte.html")
    assert "You hold the pen" in rutte and "Article 3" in rutte and "Your office" in rutte


def test_the_private_objective_shows_only_where_the_scenario_sets_one(written):
    for leader in TUTORIAL.leaders:
        html = (written / f"{leader.id}.html").read_text(encoding="utf-8")
        md = (written / f"{leader.id}.md").read_text(encoding="utf-8")
        if leader.objective:
            assert "Your private objective" in html and "Your private objective" in md
            assert _text(written / f"{leader.id}.html").count(leader.objective.split(",")[0]) == 1
        else:
            assert "private objective" not in html and "private objective" not in md
    assert TUTORIAL.leader("sanchez").objective and not TUTORIAL.leader("scholz").objective
    others = "".join((written / f"{lid}.html").read_text(encoding="utf-8") for lid in ROLES if lid != "sanchez")
    assert TUTORIAL.leader("sanchez").objective.split(",")[0] not in others


def test_charts_are_valid_pngs_of_a_printable_size(written):
    for leader in TUTORIAL.leaders:
        if leader.ally is None:
            continue
        data = (written / f"{leader.id}-spending.png").read_bytes()
        assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        assert 400 <= width <= 2000 and 150 <= height <= 800 and width > height


def test_pages_refer_only_to_files_that_exist_and_images_have_alt_text(written):
    for path in written.glob("*.html"):
        page = _page(path)
        for ref in page.refs:
            if ref.startswith("https://"):   # a history item's source (the index): a document on the web
                assert path.name == "index.html"
                continue
            assert (written / ref).is_file(), f"{path.name} refers to a missing {ref}"
        assert all(alt.strip() for alt in page.alts)
    for path in written.glob("*.md"):
        for ref in re.findall(r"\]\(([^)]+)\)", path.read_text(encoding="utf-8")):
            assert (written / ref).is_file(), f"{path.name} refers to a missing {ref}"
    assert "sanchez-spending.png" in [ref for ref in _page(written / "sanchez.html").refs]


def test_markdown_has_the_same_sections_as_html(written):
    for leader_id in ROLES:
        md = (written / f"{leader_id}.md").read_text(encoding="utf-8")
        md_headings = [h.replace("\\", "") for h in re.findall(r"^## (.+)$", md, re.M)]
        assert md_headings == _page(written / f"{leader_id}.html").headings
        assert "1.28% of GDP" in (written / "sanchez.md").read_text(encoding="utf-8")


def test_the_index_lists_every_role_and_the_class_plans(written):
    index = _text(written / "index.html")
    md = (written / "index.md").read_text(encoding="utf-8")
    refs = _page(written / "index.html").refs
    for leader in TUTORIAL.leaders:
        assert leader.name in index and leader.title in index and leader.name in md
        assert f"{leader.id}.html" in refs and f"({leader.id}.md)" in md
    for plan in TUTORIAL.classroom:
        assert re.search(rf"<td>{plan.students}</td>", (written / "index.html").read_text(encoding="utf-8"))
        assert f"| {plan.students} |" in md
    assert "Pedro Sánchez (2 students)" in index


def test_text_is_escaped_in_html():
    leader = TUTORIAL.leader("sanchez").model_copy(update={"objective": "Win <b>big</b> & fast"})
    html = to_html(briefing(TUTORIAL, leader, with_chart=False), TUTORIAL)
    assert "Win &lt;b&gt;big&lt;/b&gt; &amp; fast" in html and "<b>big</b>" not in html


def test_full_information_lists_every_position_publicly():
    full = TUTORIAL.with_information("full")
    sections = {section.title: section for section in briefing(full, full.leader("scholz"), with_chart=False).sections}
    assert "What you do not know" not in sections
    public = sections["What everyone knows (full information)"]
    assert [item.lead for item in public.items] == ["Mark Rutte", "Donald Trump", "Pedro Sánchez", "Donald Tusk"]
    assert any("red line" in item.text for item in public.items)


def test_one_role_and_the_default_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "brief", "tutorial", "--role", "sanchez")
    assert code == 0, err
    folder = tmp_path / "tutorial-briefings"
    assert sorted(p.name for p in folder.iterdir()) == [".summit-output", "index.html", "index.md",
                                                        "sanchez-spending.png", "sanchez.html", "sanchez.md"]
    # one line, not one per file (Rutte writes 99): the folder, the count and the page to open
    assert out == ("1 briefing and the index (5 files) written to tutorial-briefings/: open "
                   f"{Path('tutorial-briefings') / 'index.html'}\n")


def test_verbose_lists_every_file_written(capsys, tmp_path):
    code, out, err = cli(capsys, "brief", "tutorial", "--role", "sanchez", "--out", str(tmp_path / "b"), "--verbose")
    assert code == 0, err
    listed = out.splitlines()[:-1]
    assert sorted(Path(line).name for line in listed) == ["index.html", "index.md", "sanchez-spending.png",
                                                          "sanchez.html", "sanchez.md"]
    assert out.splitlines()[-1].startswith("1 briefing and the index (5 files)")


def test_bad_arguments_end_in_one_line_and_exit_2(capsys, tmp_path):
    code, out, err = cli(capsys, "brief", "tutorial", "--role", "sanchz", "--out", str(tmp_path / "x"))
    assert code == 2 and "did you mean 'sanchez'" in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists()
    afile = tmp_path / "afile"
    afile.write_text("")
    code, out, err = cli(capsys, "brief", "tutorial", "--out", str(afile))
    assert code == 2 and "is a file" in err
    code, out, err = cli(capsys, "brief", "split_the_pie", "--out", str(tmp_path / "y"))
    assert code == 2 and "bilateral" in err
    code, out, err = cli(capsys, "brief", "no_such_scenario")
    assert code == 2


def test_observers_get_a_worksheet_each_with_a_row_a_round(capsys, tmp_path):
    code, out, err = cli(capsys, "brief", "rutte_washington_2025", "--rounds", "3", "--out", str(tmp_path / "b"))
    assert code == 0, err
    assert "2 observer worksheets (press, parliament)" in out
    folder = tmp_path / "b"
    for name, asks in (("observer-press", "To Mark Rutte: which objection"),
                       ("observer-parliament", "Which of your red lines did you hold")):
        text = (folder / f"{name}.md").read_text(encoding="utf-8")
        assert asks in text and "What to watch" in text
        rows = [line for line in text.splitlines() if line.startswith("| ") and line[2].isdigit()]
        assert [row.split(" |")[0] for row in rows] == ["| 1", "| 2", "| 3"]   # one row a round played
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert "@page { size: A4; margin: 15mm }" in html and html.count("<tr>") == 4
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="observer-press.html"' in index and 'href="observer-parliament.html"' in index


# ----- issue 25: briefings with reasons, no code words, the review, the right words for Article 5 and 5% ----

from game.agents import AGENTS                                            # noqa: E402
from game.report.background import two_percent_history, us_review_for  # noqa: E402
from game.report.briefing import levers, to_markdown                    # noqa: E402
from game.report.glossary import GLOSSARY                               # noqa: E402
from game.scenario import Role                                          # noqa: E402

BUNDLED = [path.stem for path in sorted(bundled_dir().glob("*.yaml")) if path.stem != "split_the_pie"]   # bilateral: no briefings
RUTTE = check(str(bundled_dir() / "rutte_washington_2025.yaml")).scenario


def _all_briefings():
    for scenario_id in BUNDLED:
        scenario = check(str(bundled_dir() / f"{scenario_id}.yaml")).scenario
        for leader in scenario.leaders:
            yield scenario, leader, briefing(scenario, leader, with_chart=False)


def _words(b) -> str:
    return " ".join([b.heading] + [s.title for s in b.sections] + [p for s in b.sections for p in s.paragraphs]
                    + [f"{item.lead} {item.text}" for s in b.sections for item in s.items])


def test_no_briefing_leaks_an_id_or_a_word_of_the_code():
    """What a student reads never shows a leader's, an ally's, an issue's, an option's or an agent's id where
    it differs from its words (`secretary_general`, `core_target`), nor the agents' inner words."""
    checked = 0
    for scenario, leader, b in _all_briefings():
        ids = ({l.id for l in scenario.leaders} | {a.id for a in scenario.allies} | {i.id for i in scenario.issues}
               | {o for i in scenario.issues if not i.is_range for o in i.options} | set(AGENTS))
        words = _words(b)
        snake = {word for word in re.findall(r"\b[a-z]+_[a-z_]+\b", words)}
        assert not snake & ids, f"{scenario.id}/{leader.id}: ids in the briefing: {sorted(snake & ids)}"
        assert not snake, f"{scenario.id}/{leader.id}: words of the code: {sorted(snake)}"
        for code_word in ("aspiration", "utility", "persona", "agent"):
            assert code_word not in words.lower(), f"{scenario.id}/{leader.id}: {code_word!r} in the briefing"
        checked += 1
    assert checked > 100


def test_who_you_face_names_leaders_and_how_they_play_not_agent_names():
    sections = {s.title: s for s in briefing(RUTTE, RUTTE.leader("sanchez"), with_chart=False).sections}
    leads = [item.lead for item in sections["Who you face"].items]
    assert leads[0] == "Mark Rutte" and leads[1] == "Donald Trump"
    assert leads[2].startswith("Olaf Scholz, Keir Starmer")
    assert "Mediator" in sections["Who you face"].items[0].text


def test_an_ally_that_reports_no_spending_is_offered_no_pledge_nor_carve_out():
    iceland = next(l for l in RUTTE.leaders if l.ally and not RUTTE.ally(l.ally).reports_spending)
    offered = " ".join(levers(RUTTE, iceland))
    assert "Pledge" not in offered and "carve-out" not in offered
    assert "one objection from you stops the draft" in offered            # its veto is real
    spain = " ".join(levers(RUTTE, RUTTE.leader("sanchez")))
    assert "Pledge a national path" in spain and "carve-out" in spain


def test_every_member_briefing_shows_the_us_review_and_what_it_means_for_its_country():
    judged = sum(ally.gdp_usd_bn for ally in RUTTE.allies if ally.reports_spending and ally.id != "united_states")
    for leader in RUTTE.leaders:
        sections = {s.title: s for s in briefing(RUTTE, leader, with_chart=False).sections}
        review = sections["The US review of delivery"].paragraphs
        assert "at 90% or more it keeps the guarantee agreed" in review[0] and "below 70%" in review[0]
        assert "Article 5 stays in the treaty" in review[0]
        if leader.role == Role.MEMBER and RUTTE.ally(leader.ally).reports_spending:
            ally = RUTTE.ally(leader.ally)
            assert f"{ally.name} is {ally.gdp_usd_bn / judged:.1%} of the GDP the review weighs" in review[1]
    assert "Germany is 18.3% of the GDP" in us_review_for(RUTTE, RUTTE.leader("scholz"))
    assert "reports no defence spending, so the review leaves it out" in us_review_for(RUTTE, RUTTE.leader("frostadottir"))
    assert us_review_for(RUTTE, RUTTE.leader("trump")).startswith("You make the review")
    # no US guarantee on the table (Madrid 2022): no review, no section
    madrid = check(str(bundled_dir() / "madrid_2022.yaml")).scenario
    titles = [s.title for s in briefing(madrid, madrid.leaders[1], with_chart=False).sections]
    assert "The US review of delivery" not in titles


def test_the_secretary_general_briefing_says_what_the_office_can_and_cannot_do():
    office = {s.title: s for s in briefing(RUTTE, RUTTE.leader("rutte"), with_chart=False).sections}["Your office"]
    text = " ".join(office.paragraphs)
    assert "holds the pen" in text and "has no vote, so it cannot impose a text" in text
    assert "cannot commit any ally's money" in text and "Article 3" in text


def test_the_2_percent_line_is_told_only_as_far_as_the_scenario_knows_it():
    wales = check(str(bundled_dir() / "wales_2014.yaml")).scenario
    assert "2006" in two_percent_history(wales) and "Wales summit" not in two_percent_history(wales)   # no spoiler
    history = two_percent_history(RUTTE)
    assert "2006" in history and "Wales summit (September 2014)" in history
    meeting = sum(1 for a in RUTTE.allies if a.reports_spending and a.defence_pct_gdp >= 2.0)
    assert f"{meeting} of the 31 allies that report spending reach it" in history
    situation = {s.title: s for s in briefing(RUTTE, RUTTE.leader("sanchez"), with_chart=False).sections}["The situation"]
    assert any(p.startswith("The 2% line") for p in situation.paragraphs)
    assert any("3.5% of GDP on core defence and up to 1.5% on related" in p for p in situation.paragraphs)
    bucharest = check(str(bundled_dir() / "bucharest_2008.yaml")).scenario
    assert two_percent_history(bucharest) is None          # no spending on the table


def test_an_options_issue_says_what_it_means_where_the_role_wants_it():
    wanted = dict((lead, text) for lead, text in
                  [(i.lead, i.text) for i in {s.title: s for s in briefing(RUTTE, RUTTE.leader("sanchez"),
                                                                          with_chart=False).sections}["What you want"].items])
    assert "you want coordinated" in wanted["Ukraine in the text"]
    assert "The issue: whether the deal ties NATO's plans to helping Ukraine" in wanted["Ukraine in the text"]


def test_a_position_with_a_reason_says_why():
    from game.scenario.model import Position
    if "why" not in Position.model_fields:
        pytest.skip("the scenario model has no `why` on a position yet (issue 25, objectives and history as data)")
    spain = TUTORIAL.leader("sanchez")
    position = spain.positions["core_target"]
    reason = Position.model_fields["why"].annotation.__args__[0](text="Spain's letter says 2.1% is enough.",
                                                                  source="sanchez_letter_2025")
    leader = spain.model_copy(update={"positions": {**spain.positions,
                                                    "core_target": position.model_copy(update={"why": reason})}})
    b = briefing(TUTORIAL, leader, with_chart=False)
    text = {i.lead: i.text for i in {s.title: s for s in b.sections}["What you want"].items}["Core defence target"]
    assert text.endswith("Why: Spain's letter says 2.1% is enough.")
    assert "sanchez_letter_2025" not in to_markdown(b, TUTORIAL)


def test_the_glossary_says_article_5_is_mutual_and_the_guarantee_is_about_credibility():
    article_5 = GLOSSARY["Article 5"]
    assert "mutual treaty commitment" in article_5 and "such action as it deems necessary" in article_5
    assert "credibility" in article_5 and "stands behind" not in article_5
    assert "3.5% of core defence" in GLOSSARY["related spending"] and "does not simulate" in GLOSSARY["related spending"]
    assert "no vote" in GLOSSARY["Secretary General"] and "2006" in GLOSSARY["2% line"]


def test_the_chart_draws_5_percent_as_a_headline_of_core_plus_related(written):
    alt = _page(written / "sanchez.html").alts[0]
    assert "3.5% core" in alt and "5% headline = 3.5% core + 1.5% related spending, which is not simulated" in alt
    assert "on core defence now" in alt


def test_every_agent_explains_itself_in_a_students_words():
    """'Who you face' and the roles screen show an agent's own account when it plays no persona: no words of
    the code ("(falling) aspiration", "persona", ids)."""
    from game.agents.registry import explain
    for name in AGENTS:
        account = explain(name)
        assert not re.findall(r"\b[a-z]+_[a-z_]+\b", account), f"{name}: {account}"
        for code_word in ("aspiration", "persona", "utility"):
            assert code_word not in account.lower(), f"{name}: {code_word!r} in {account!r}"
