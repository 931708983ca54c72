#!/usr/bin/env python3
"""The example site in a real browser (Debian's chromium through chromedriver and selenium), as
phones and desktops show it: every page kind at 360, 390 and 1280 CSS px.

    python3 Tests/Browser/pages.py PODIUM [SCREENSHOTS]

PODIUM is the podium executable. The example site (content/) is copied to a scratch folder and
served with `podium serve` on 127.0.0.1; a second server serves the built site under a sub-path.
Every problem found is printed; the exit status is 1 when there is any. Screenshots of each page
kind at each width are written to SCREENSHOTS (default: a scratch folder), which is printed.
"""
import json, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.request, urllib.error
import http.server, functools

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WIDTHS = [360, 390, 1280]
BASE_URL = "https://example.org/podium/"   # content/site.json's baseURL: the sub-path is /podium/

# Pages of each kind in the example site (its asOf: 云讲述 live, the Hebei campaigns final).
RECITATION = "campaigns/hebei-recitation-2021/"
GRASSROOTS = "campaigns/hebei-grassroots-2021/"
YUN = "campaigns/national-yunjiangshu-2024/"
PAGES = {
    "home": "",
    "campaign": RECITATION,
    "leaderboard": RECITATION + "leaderboard/",
    "leaderboard-no-scoring": YUN + "leaderboard/",
    "entry": None,                      # the first entry the leaderboard links
    "winners": RECITATION + "winners/",
    "announcement": None,               # the 公示, linked from the winners page
    "certificate": None,                # a certificate, linked from the winners page
    "verify": RECITATION + "certificates/",
    "organizations": RECITATION + "organizations/",
    "regions": RECITATION + "regions.html",
    "groups": GRASSROOTS + "leaderboard/",
    "divisions": YUN + "divisions.html",
    "division": None,                   # one division's list, linked from the divisions page
    "weeks": YUN + "weeks/",
    "week": YUN + "weeks/2024-10-20.html",
    "audit": RECITATION + "audit/",
    "notices": "notices/",
    "notice": None,                     # the first notice listed
    "search": "search.html",
}

# Kinds of table cells whose text must never break inside (a person's or a unit's name, a date, a
# number), told by their column's heading.
CELL_KINDS = [
    ("name", re.compile(r"作者|姓名|获奖者|申报人|负责人|推荐人")),
    ("unit", re.compile(r"单位|工会|组织|赛区|地区|省份|城市|类型|组别")),
    ("date", re.compile(r"日期|时间|截至")),
    ("number", re.compile(r"名次|排名|点赞|浏览|得分|成绩|积分|评分|作品数|票|数量|变化|增加|人数")),
]

CHECKS_JS = r"""
const kinds = arguments[0].map(([k, source]) => [k, new RegExp(source)]);
const problems = [];
const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
const label = el => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
// Line boxes of a range of text: its rectangles grouped by where they stand.
function rangeLines(range) {
  const middles = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5).map(r => r.top + r.height / 2).sort((a, b) => a - b);
  let n = 0, last = -1e9;
  for (const m of middles) { if (m - last > 6) n++; last = m; }
  return n;
}
function lines(el) {
  const range = document.createRange();
  range.selectNodeContents(el);
  return rangeLines(range);
}
function textLines(node, start, end) {
  const range = document.createRange();
  range.setStart(node, start); range.setEnd(node, end);
  return rangeLines(range);
}
const de = document.documentElement;
if (de.scrollWidth > window.innerWidth + 1) problems.push(`the page is ${de.scrollWidth} px wide in a ${window.innerWidth} px window`);
for (const table of document.querySelectorAll("table")) {
  if (!visible(table) || !table.tHead) continue;
  for (const row of table.tHead.rows) {
    const heads = [...row.cells].filter(visible).map(c => label(c));
    const seen = new Set();
    for (const h of heads) { if (h && seen.has(h)) problems.push(`two columns are headed ${h}: ${heads.join(" | ")}`); seen.add(h); }
  }
  const headRow = table.tHead.rows[table.tHead.rows.length - 1];
  // No column says what another says in every row (without judges, 综合成绩 is 点赞).
  const bodyRows = [...table.tBodies].flatMap(b => [...b.rows]).filter(r => ![...r.cells].some(c => c.colSpan > 1));
  if (bodyRows.length >= 3) {
    const n = headRow.cells.length;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      if (!visible(headRow.cells[i]) || !visible(headRow.cells[j])) continue;
      if (bodyRows.every(r => r.cells[i] && r.cells[j] && label(r.cells[i]) === label(r.cells[j])))
        problems.push(`columns ${label(headRow.cells[i])} and ${label(headRow.cells[j])} say the same in every row`);
    }
  }
  const columns = [...headRow.cells].map(c => { const k = kinds.find(([, re]) => re.test(label(c))); return k ? [k[0], label(c)] : null; });
  for (const body of table.tBodies) for (const row of body.rows) {
    if ([...row.cells].some(c => c.colSpan > 1)) continue;
    [...row.cells].forEach((cell, i) => {
      const kind = columns[i];
      if (!kind || !visible(cell) || !label(cell)) return;
      const n = lines(cell);
      if (n > 1) problems.push(`${kind[0]} cell (${kind[1]}) breaks over ${n} lines: ${label(cell)}`);
    });
  }
}
// A date anywhere in the text, and each part of a work's credits (author · unit), stays on one line.
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const datePattern = /\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}/g;
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!parent || !visible(parent) || parent.closest("script, style, svg, title")) continue;
  for (const m of node.data.matchAll(datePattern)) {
    const n = textLines(node, m.index, m.index + m[0].length);
    if (n > 1) problems.push(`the date ${m[0]} breaks over ${n} lines`);
  }
  if (parent.closest(".who")) {
    let at = 0;
    for (const part of node.data.split(" · ")) {
      const start = node.data.indexOf(part, at), trimmed = part.trim();
      at = start + part.length;
      if (trimmed.length < 2) continue;
      const n = textLines(node, start, start + part.length);
      if (n > 1) problems.push(`"${trimmed}" in a work's credits breaks over ${n} lines`);
    }
  }
}
// A table wider than its box scrolls inside it, and shows that it does.
for (const wrap of document.querySelectorAll(".table-wrap")) {
  if (!visible(wrap) || wrap.scrollWidth <= wrap.clientWidth + 1) continue;
  const style = getComputedStyle(wrap);
  if (!/gradient/.test(style.backgroundImage) && !/gradient/.test(style.maskImage || style.webkitMaskImage || ""))
    problems.push(`a table scrolls sideways (${wrap.scrollWidth} in ${wrap.clientWidth} px) with nothing showing that it does: ${label(wrap.querySelector("caption") || wrap)}`);
  // Scrolled to its end, the table still shows each row's first cell (its rank or name).
  const row = wrap.querySelector("tbody tr");
  if (row && row.cells.length) {
    const before = wrap.scrollLeft;
    wrap.scrollLeft = wrap.scrollWidth;
    const w = wrap.getBoundingClientRect(), c = row.cells[0].getBoundingClientRect();
    if (c.left < w.left - 1) problems.push(`scrolled sideways, a table loses its first column (${label(row.cells[0])}): ${label(wrap.querySelector("caption") || wrap)}`);
    wrap.scrollLeft = before;
  }
}
// Charts: text at least 12 CSS px as drawn, inside the chart, series told apart.
for (const svg of document.querySelectorAll("svg")) {
  if (!visible(svg)) continue;
  const box = svg.getBoundingClientRect();
  for (const t of svg.querySelectorAll("text")) {
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (size < 11.95) problems.push(`chart text "${label(t)}" is ${size.toFixed(1)} px`);
    const r = t.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      problems.push(`chart text "${label(t)}" is cut off at the chart's edge`);
  }
}
for (const legend of document.querySelectorAll(".legend")) {
  // A series is named by its text without the figure after it (「夜班里的灯光（120）」 names 夜班里的灯光).
  const items = [...legend.children].map(li => label(li).replace(/（[^（）]*）$/, "")), seen = new Set();
  for (const i of items) { if (seen.has(i)) problems.push(`the chart's legend has "${i}" twice`); seen.add(i); }
}
// The campaign tab bar: the current tab is in view, and a bar that scrolls shows that it does.
const bar = document.querySelector("header.site nav ul");
if (bar && visible(bar)) {
  const current = bar.querySelector("[aria-current=page]");
  if (current) {
    const b = bar.getBoundingClientRect(), c = current.getBoundingClientRect();
    if (c.left < b.left - 1 || c.right > b.right + 1) problems.push(`the current tab "${label(current)}" is out of view in the tab bar`);
  }
  if (bar.scrollWidth > bar.clientWidth + 1) {
    const style = getComputedStyle(bar);
    if (!/gradient/.test(style.backgroundImage) && !/gradient/.test(style.maskImage || style.webkitMaskImage || ""))
      problems.push("the tab bar scrolls with nothing showing that it does");
  }
}
return problems;
"""


def log(*a):
    print(*a, flush=True)


class Suite:
    def __init__(self, podium, shots):
        self.podium, self.shots, self.problems = podium, shots, []
        self.work = tempfile.mkdtemp(prefix="podium-browser-")
        self.site = os.path.join(self.work, "site")
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(self.site, "content"))

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")
        log(f"  ✘ {where}: {message}")

    # ---------------------------------------------------------------- servers
    def serve(self):
        self.server = subprocess.Popen([self.podium, "serve", "--site", self.site, "--port", "0"],
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.server.stdout:
            m = re.search(r"serving (http://127\.0\.0\.1:(\d+)/\S*)", line)
            if m:
                self.base, self.port = m.group(1), int(m.group(2))
                threading.Thread(target=lambda: [None for _ in self.server.stdout], daemon=True).start()
                return
        raise SystemExit("podium serve did not start")

    def serve_subpath(self):
        """The built site under /podium/, as the baseURL says it will be published."""
        folder = os.path.join(self.work, "subpath")
        shutil.copytree(os.path.join(self.site, "public"), os.path.join(folder, "podium"))
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=folder)
        self.static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.static.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.static.server_address[1]}/podium/"

    def status(self, url):
        try:
            with urllib.request.urlopen(url) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except (urllib.error.URLError, OSError) as e:
            return 0, str(e).encode()

    # ---------------------------------------------------------------- browser
    def browser(self):
        options = Options()
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                  "--host-resolver-rules=MAP podium.test 127.0.0.1", "--window-size=1280,900"]:
            options.add_argument(a)
        options.binary_location = "/usr/bin/chromium"
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)

    def width(self, w):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": w, "height": 800, "deviceScaleFactor": 1, "mobile": w < 600})

    def open(self, url):
        self.driver.get(url)
        self.driver.execute_script("return document.fonts ? document.fonts.ready : null")
        time.sleep(0.15)

    def find_pages(self):
        d = self.driver
        self.open(self.base + PAGES["leaderboard"])
        PAGES["entry"] = self.relative(d.find_element(By.CSS_SELECTOR, "table.ranking tbody a").get_attribute("href"))
        self.open(self.base + PAGES["winners"])
        links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main a")]
        PAGES["announcement"] = self.relative(next(h for h in links if "announcement" in h or "gongshi" in h or "公示" in h))
        PAGES["certificate"] = self.relative(next(h for h in links if re.search(r"certificates/[^?]+\.html", h)))
        self.open(self.base + PAGES["divisions"])
        PAGES["division"] = self.relative(d.find_element(By.CSS_SELECTOR, "main table tbody a").get_attribute("href"))
        self.open(self.base + PAGES["notices"])
        PAGES["notice"] = self.relative(d.find_element(By.CSS_SELECTOR, ".notice-list a").get_attribute("href"))

    def relative(self, href):
        assert href.startswith(self.base), href
        return href[len(self.base):]

    # ---------------------------------------------------------------- checks
    def page_checks(self):
        for kind, path in PAGES.items():
            for w in WIDTHS:
                self.width(w)
                self.open(self.base + path)
                where = f"{kind} at {w} px (/{path})"
                for p in self.driver.execute_script(CHECKS_JS, [[k, r.pattern] for k, r in CELL_KINDS]):
                    self.problem(where, p)
                self.driver.save_screenshot(os.path.join(self.shots, f"{kind}-{w}.png"))
            self.head_checks(kind, path)

    def head_checks(self, kind, path):
        d, where = self.driver, f"{kind} (/{path})"
        title = d.title
        site = d.find_element(By.CSS_SELECTOR, ".site-title").text.strip()
        campaign = d.find_elements(By.CSS_SELECTOR, "header.site .campaign-title")
        if kind != "home" and title.startswith(site):
            self.problem(where, f"the title starts with the site's name: {title}")
        if campaign and kind not in ("campaign",):
            c = campaign[0].get_attribute("textContent").strip()
            if not (0 < title.find(c) < title.rfind(site)):
                self.problem(where, f"the title is not page, then campaign, then site: {title}")
        meta = lambda sel: [e.get_attribute("content") for e in d.find_elements(By.CSS_SELECTOR, sel)]
        if not any(m and m.strip() for m in meta("meta[name=description]")):
            self.problem(where, "no meta description")
        for prop in ("og:title", "og:description", "og:image", "og:url"):
            values = meta(f"meta[property='{prop}']")
            if not values or not values[0]:
                self.problem(where, f"no {prop}")
            elif prop in ("og:image", "og:url") and not values[0].startswith(BASE_URL):
                self.problem(where, f"{prop} is not an absolute URL under the baseURL: {values[0]}")
            elif prop == "og:image":
                status, body = self.status(self.base + values[0][len(BASE_URL):])
                if status != 200 or not body.startswith(b"\x89PNG"):
                    self.problem(where, f"the og:image ({values[0]}) is not a PNG on the site: HTTP {status}")
        for rel in ("icon", "apple-touch-icon"):
            links = d.find_elements(By.CSS_SELECTOR, f"link[rel='{rel}']")
            if not links:
                self.problem(where, f"no {rel} link")
                continue
            status, body = self.status(links[0].get_attribute("href"))
            if status != 200 or not (body.startswith(b"\x89PNG") or body.lstrip().startswith(b"<svg")):
                self.problem(where, f"the {rel} ({links[0].get_attribute('href')}) is not an image: HTTP {status}")

    def results_shown(self):
        """Waits (up to 10 s) for the search page to say what it found."""
        for _ in range(100):
            if self.driver.find_element(By.ID, "count").text.strip():
                return
            time.sleep(0.1)

    def search_checks(self):
        d = self.driver
        self.width(390)
        entry_path = PAGES["entry"]
        self.open(self.base + entry_path)
        title = d.find_element(By.CSS_SELECTOR, "main h1").text.strip()
        entry_id = re.search(r"entries/([^/.]+)\.html", entry_path).group(1)
        for query in (title, entry_id):
            self.open(self.base + "search.html?q=" + urllib.request.quote(query))
            self.results_shown()
            hrefs = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "#results a")]
            if not any(h.endswith(entry_path) for h in hrefs[:10]):
                self.problem(f"search for {query}", f"the entry {entry_path} is not among the first 10 results ({len(hrefs)} results)")
        # A campaign's title alone does not make every one of its entries a hit: 劳动模范 finds the
        # entries that are, or are about, 劳动模范 — badged ones first.
        self.open(self.base + "search.html?q=" + urllib.request.quote("劳动模范"))
        self.results_shown()
        count = d.find_element(By.ID, "count").text
        hits = d.find_elements(By.CSS_SELECTOR, "#results li")
        n = int(re.search(r"\d+", count).group(0)) if re.search(r"\d+", count) else 0
        if n == 0 or n > 60:
            self.problem("search for 劳动模范", f"{count!r}: expected the few entries about or badged 劳动模范")
        if hits and "劳动模范" not in hits[0].text:
            self.problem("search for 劳动模范", f"the first result does not show 劳动模范: {hits[0].text!r}")

    def verify_checks(self):
        d = self.driver
        self.width(390)
        status, page = self.status(self.base + PAGES["certificate"])
        code = re.search(r"certificates/\?code=([A-Z0-9-]+)", page.decode())
        if not code:
            self.problem("verify", f"no verification code on {PAGES['certificate']}")
            return
        for host in (self.base, self.base.replace("127.0.0.1", "podium.test"), self.base.replace("127.0.0.1", "localhost")):
            for value, found in ((code.group(1), True), ("ABCD-EFGH-JKLM", False)):
                self.open(host + PAGES["verify"] + "?code=" + value)
                time.sleep(0.3)
                text = d.find_element(By.TAG_NAME, "main").text
                ok = "有效证书：" in text and "未找到" not in text
                if ok != found:
                    self.problem(f"verify on {host}", f"the code {value} {'is not accepted' if found else 'is accepted'}: {text[-120:]!r}")

    def not_found_checks(self, subpath):
        d = self.driver
        self.width(390)
        for url in (self.base + "no-such-page.html", self.base + YUN + "entries/deep/er/no-such.html", subpath + "campaigns/x/y/z.html"):
            status, _ = self.status(url)
            if status != 404:
                self.problem(f"404 at {url}", f"HTTP {status}")
        for url in (self.base + YUN + "entries/deep/er/no-such.html",):
            self.open(url)
            bg = d.execute_script("return getComputedStyle(document.querySelector('header.site')).backgroundColor")
            if bg != "rgb(179, 38, 30)":
                self.problem(f"404 at {url}", f"the style sheet is not applied (header {bg})")
            home = d.find_element(By.CSS_SELECTOR, ".site-title").get_attribute("href")
            if self.status(home)[0] != 200:
                self.problem(f"404 at {url}", f"its link home ({home}) does not resolve")
            d.save_screenshot(os.path.join(self.shots, "404-deep-390.png"))

    def subpath_checks(self, subpath):
        d = self.driver
        self.width(390)
        for path in ("", RECITATION + "leaderboard/", YUN + "weeks/2024-10-20.html", "notices/"):
            self.open(subpath + path)
            bg = d.execute_script("return getComputedStyle(document.querySelector('header.site')).backgroundColor")
            if bg != "rgb(179, 38, 30)":
                self.problem(f"under /podium/: /{path}", f"the style sheet is not applied (header {bg})")
            hrefs = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "a[href]")]
            local = sorted({h.split("#")[0].split("?")[0] for h in hrefs if h.startswith(subpath[:-len("podium/")])})
            for h in local[:40]:
                if self.status(h)[0] != 200:
                    self.problem(f"under /podium/: /{path}", f"a link does not resolve: {h}")

    def run(self):
        log("building and serving the example site…")
        self.serve()
        subpath = self.serve_subpath()
        self.browser()
        try:
            self.find_pages()
            log(f"pages of {len(PAGES)} kinds at {', '.join(map(str, WIDTHS))} px")
            self.page_checks()
            log("search"); self.search_checks()
            log("verification"); self.verify_checks()
            log("404 and sub-path"); self.not_found_checks(subpath); self.subpath_checks(subpath)
        finally:
            self.driver.quit()
            self.server.terminate()
            self.static.shutdown()
            shutil.rmtree(self.work, ignore_errors=True)
        log(f"screenshots: {self.shots}")
        if self.problems:
            log(f"{len(self.problems)} problems")
            return 1
        log("browser suite: no problems")
        return 0


if __name__ == "__main__":
    podium = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/podium")
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="podium-screenshots-")
    os.makedirs(shots, exist_ok=True)
    sys.exit(Suite(podium, shots).run())
