"""Rendering an HTML report in a real browser (headless Chromium) from tests: do its images load, is any text
cut off or past the right edge of an A4 page, and how many A4 pages does it print to.

    rendering = render(path, tmp_path)      # what a script run in the page found once it had loaded
    assert not rendering.broken_images and not rendering.cut_off, rendering.describe()
    assert 1 <= rendering.pages <= 2        # printed to PDF in the same run; pdf_pages(path, tmp_path) alone

Any HTML file works (briefings, the debrief): images are found by their relative paths, as a reader's browser
would. Without Chromium the tests skip, unless SUMMIT_REQUIRE_BROWSER=1 (CI sets it): then they fail.
Debian's package is `chromium`; as root it needs --no-sandbox, which is always passed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest

TIMEOUT = 60                       # seconds per Chromium run; a page takes about one
A4_WINDOW = (794, 1123)            # A4 at 96 dpi, in CSS pixels: "past the page" means past an A4 page's width
CHECK_ID = "summit-check"

# Run in the page once it has loaded (images included) and its fonts are ready; writes its findings as JSON
# into <pre id="summit-check">, which --dump-dom then prints with the rest of the DOM.
CHECK_SCRIPT = """
<script>
(function () {
  function describe(el) {
    var name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (typeof el.className === "string" && el.className.trim())
      name += "." + el.className.trim().split(/\\s+/).join(".");
    return name;
  }
  function snippet(text) {
    text = (text || "").replace(/\\s+/g, " ").trim();
    return text.length > 80 ? text.slice(0, 77) + "..." : text;
  }
  function measure() {
    var page = document.documentElement.clientWidth;
    var body = document.body ? document.body.getBoundingClientRect() : null;
    var images = Array.prototype.map.call(document.images, function (img) {
      return {src: img.getAttribute("src") || "", url: img.currentSrc || img.src, complete: img.complete,
              naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
              width: Math.round(img.getBoundingClientRect().width)};
    });
    var cut = [];
    var elements = document.body ? document.body.querySelectorAll("*") : [];
    Array.prototype.forEach.call(elements, function (el) {
      if (el.tagName === "SCRIPT" || el.tagName === "STYLE" || el.id === "summit-check") return;
      var style = getComputedStyle(el);
      if (style.display === "none") return;
      var clipsX = /hidden|clip|auto|scroll/.test(style.overflowX);
      var clipsY = /hidden|clip|auto|scroll/.test(style.overflowY);
      if (clipsX && el.scrollWidth > el.clientWidth + 1)
        cut.push({element: describe(el), text: snippet(el.textContent),
                  reason: "content clipped: scrollWidth " + el.scrollWidth + " > clientWidth " + el.clientWidth});
      if (clipsY && el.scrollHeight > el.clientHeight + 1)
        cut.push({element: describe(el), text: snippet(el.textContent),
                  reason: "content clipped: scrollHeight " + el.scrollHeight + " > clientHeight " + el.clientHeight});
      var box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > page + 1 || box.left < -1))
        cut.push({element: describe(el), text: snippet(el.textContent),
                  reason: "box spans x " + Math.round(box.left) + ".." + Math.round(box.right) +
                          ", past the page (0.." + page + ")"});
    });
    // Text that spills out of its box (white-space: nowrap, a long word) leaves the box itself in place:
    // measure the text's own lines too.
    var walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      var parent = node.parentElement;
      if (!parent || parent.closest("script, style, #summit-check")) continue;
      range.selectNodeContents(node);
      var rects = range.getClientRects();
      for (var i = 0; i < rects.length; i++) {
        var r = rects[i];
        if (r.width <= 0) continue;
        var where = r.right > page + 1 || r.left < -1 ? "past the page (0.." + page + ")"
                  : body && (r.right > body.right + 1 || r.left < body.left - 1)
                    ? "past the body's box (" + Math.round(body.left) + ".." + Math.round(body.right) + ")" : "";
        if (where) {
          cut.push({element: describe(parent), text: snippet(node.textContent),
                    reason: "text spans x " + Math.round(r.left) + ".." + Math.round(r.right) + ", " + where});
          break;
        }
      }
    }
    var out = document.createElement("pre");
    out.id = "summit-check";
    out.style.display = "none";
    out.textContent = JSON.stringify({page_width: page, scroll_width: document.documentElement.scrollWidth,
                                      scroll_height: document.documentElement.scrollHeight,
                                      images: images, cut_off: cut});
    document.body.appendChild(out);
  }
  window.addEventListener("load", function () {
    (document.fonts ? document.fonts.ready : Promise.resolve()).then(measure);
  });
})();
</script>
"""


@dataclass
class Rendering:
    """What the check script found in one rendered page."""
    path: Path
    page_width: int                                      # CSS px: the window's inner width (794 for A4)
    scroll_width: int                                    # the document's full width; > page_width if it scrolls sideways
    scroll_height: int                                   # its full height on screen (an A4 page is 1123px tall)
    pages: int                                           # printed to PDF: how many pages
    images: list[dict] = field(default_factory=list)     # src, url, complete, naturalWidth, naturalHeight, width
    cut_off: list[dict] = field(default_factory=list)    # element, text, reason

    @property
    def broken_images(self) -> list[str]:
        """The src of every image that did not load (missing, unreadable, or still loading)."""
        return [image["src"] for image in self.images if not image["complete"] or image["naturalWidth"] <= 0]

    @property
    def loaded_images(self) -> list[str]:
        return [image["src"] for image in self.images if image["complete"] and image["naturalWidth"] > 0]

    def describe(self) -> str:
        """A readable account for assertion messages."""
        lines = [f"{self.path}: page width {self.page_width}px, document {self.scroll_width}x{self.scroll_height}px, "
                 f"{self.pages} printed pages"]
        lines += [f"  image did not load: {src}" for src in self.broken_images]
        lines += [f"  cut off: <{c['element']}> {c['reason']}: {c['text']!r}" for c in self.cut_off[:20]]
        if len(self.cut_off) > 20:
            lines.append(f"  ... and {len(self.cut_off) - 20} more")
        return "\n".join(lines)


def chromium() -> str:
    """The Chromium executable, or skip the test (fail it when SUMMIT_REQUIRE_BROWSER=1)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "no chromium on PATH: the browser rendering tests need it (Debian: apt-get install chromium)"
    if os.environ.get("SUMMIT_REQUIRE_BROWSER") == "1":
        pytest.fail(message + "; SUMMIT_REQUIRE_BROWSER=1 is set", pytrace=False)
    pytest.skip(message)


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run headless Chromium with a profile of its own (so parallel runs and $HOME stay apart). Its stderr is
    noisy (D-Bus, GPU): it is shown only when the exit code is not 0."""
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=tmp_path))
    command = [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", f"--user-data-dir={profile}",
               f"--window-size={A4_WINDOW[0]},{A4_WINDOW[1]}", *args]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium took over {TIMEOUT}s: {' '.join(command)}", pytrace=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", "replace")[-3000:]
        pytest.fail(f"chromium exited with {result.returncode}: {' '.join(command)}\n{stderr}", pytrace=False)
    return result


def _with_check(html: str) -> str:
    """The page with the check script added at the end of its body."""
    at = html.lower().rfind("</body>")
    return html[:at] + CHECK_SCRIPT + html[at:] if at >= 0 else html + CHECK_SCRIPT


def render(html_path: Path, tmp_path: Path) -> Rendering:
    """Load the page in headless Chromium in an A4-wide window and return what the check script measured, and
    how many A4 pages it prints to (the same run prints it to PDF). The page is copied (with the script) beside
    the original, so its relative image paths still resolve; the copy is deleted afterwards."""
    html_path = Path(html_path).resolve()
    html = html_path.read_text(encoding="utf-8")
    handle, name = tempfile.mkstemp(prefix=f".{html_path.stem}.check-", suffix=".html", dir=html_path.parent)
    copy = Path(name)
    pdf = _pdf_path(html_path, tmp_path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(_with_check(html))
        result = _run(["--virtual-time-budget=5000", "--dump-dom", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                       copy.as_uri()], tmp_path)
    finally:
        copy.unlink(missing_ok=True)
    dom = result.stdout.decode("utf-8", "replace")
    found = re.search(rf'<pre id="{CHECK_ID}"[^>]*>(.*?)</pre>', dom, re.S)
    if not found:
        stderr = result.stderr.decode("utf-8", "replace")[-2000:]
        pytest.fail(f"{html_path}: the check script left no results in the DOM (did the page load?)\n"
                    f"DOM starts: {dom[:500]!r}\nstderr ends: {stderr}", pytrace=False)
    data = json.loads(unescape(found.group(1)))
    for image in data["images"]:
        image["src"] = unescape(image["src"])
    # A Chromium that does one command per run leaves the PDF empty: print it again on its own.
    pages = _read_pages(pdf) if pdf.stat().st_size else pdf_pages(html_path, tmp_path)
    return Rendering(html_path, data["page_width"], data["scroll_width"], data["scroll_height"], pages,
                     data["images"], data["cut_off"])


def count_pdf_pages(pdf: bytes) -> int:
    """The pages of a PDF: its /Type /Page objects (not /Pages), or the page tree's /Count when the objects
    are packed in compressed object streams."""
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
    if pages:
        return pages
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts, default=0)


def _pdf_path(html_path: Path, tmp_path: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f"{html_path.stem}-", suffix=".pdf", dir=tmp_path)
    os.close(handle)
    return Path(name)


def _read_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF"):
        pytest.fail(f"chromium wrote no PDF ({len(data)} bytes in {pdf})", pytrace=False)
    return count_pdf_pages(data)


def pdf_pages(html_path: Path, tmp_path: Path) -> int:
    """How many pages the page prints to (A4 when its CSS says `@page { size: A4 }`), without header or footer.
    (`render` gives this too, as `.pages`, from the same Chromium run.)"""
    html_path = Path(html_path).resolve()
    pdf = _pdf_path(html_path, tmp_path)
    _run(["--virtual-time-budget=5000", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri()],
         tmp_path)
    return _read_pages(pdf)


def one_print_job(pages: list[Path], out: Path) -> Path:
    """Every page in one document `out`, each starting on a new sheet, as a class prints a folder at once: a page
    that fits on one A4 sheet alone takes one sheet here too, so the document prints to len(pages) sheets exactly
    when each page fits on one (one Chromium run checks them all; render each page alone to name the one that
    does not). The pages must share their style (the first page's <head> is used) and sit in `out`'s folder, where
    their images resolve."""
    bodies = []
    head = ""
    for number, path in enumerate(pages):
        html = Path(path).read_text(encoding="utf-8")
        start, end = html.index("<body>") + len("<body>"), html.rindex("</body>")
        head = head or html[:start]
        sheet = "" if number == 0 else ' style="break-before: page"'
        bodies.append(f"<div class=\"one-page\"{sheet}>{html[start:end]}</div>")
    out.write_text(head + "\n".join(bodies) + "\n</body>\n</html>\n", encoding="utf-8")
    return out
