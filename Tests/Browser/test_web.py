"""The browser suite of `roadmap serve`: the real binary serving `roadmap init --example`
in a temp folder on a free loopback port, driven by Debian's chromium through selenium, as
a product manager would use it. `make test` runs it after `swift test`.

ROADMAP_BIN names the binary (default: the debug build); ROADMAP_SCREENSHOTS=DIR saves the
screenshots of the README there.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PERSON = "Priya Web"


def binary():
    if os.environ.get("ROADMAP_BIN"):
        return os.environ["ROADMAP_BIN"]
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "roadmap")


def git(repo, *args):
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True, env=env).stdout.strip()


class Served:
    """`roadmap serve` on the example, started and stopped with the suite."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="roadmap-web-")
        self.repo = os.path.join(self.folder, "repo")
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
        subprocess.run(["git", "init", "-q", "-b", "main", self.repo], check=True, env=env)
        git(self.repo, "config", "user.name", PERSON)
        git(self.repo, "config", "user.email", "priya.web@example.com")
        subprocess.run([binary(), "init", "--example", "--no-hooks", self.repo], check=True, capture_output=True, env=env)
        self.process = subprocess.Popen(
            [binary(), "serve", "-C", self.repo, "--port", "0", "--today", "2026-11-20"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not match:
            raise RuntimeError("roadmap serve printed no URL: %r %r" % (line, self.process.stderr.read()))
        self.url = match.group(0).rstrip("/")

    def stop(self):
        self.process.terminate()
        try:
            code = self.process.wait(timeout=20)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        return code


def make_driver():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000",
                     "--disable-gpu", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    return driver


class WebSuite(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.served = Served()
        cls.url = cls.served.url
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        code = cls.served.stop()
        # SIGTERM is a clean stop: the server exits 0.
        assert code == 0, "roadmap serve exited %s on SIGTERM" % code

    def open(self, path):
        self.driver.get(self.url + path)
        return self.driver

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def test_01_timeline_and_board_open(self):
        self.open("/timeline")
        self.assertEqual(self.driver.title, "Timeline · Roadmap")
        lanes = [h.text.lower() for h in self.driver.find_elements(By.CSS_SELECTOR, ".lane h2")]
        self.assertTrue(any(l.startswith("product") for l in lanes) and any(l.startswith("marketing") for l in lanes), lanes)
        self.assertIn("Billing v2 launch", self.text())
        # SPEC §14: billing-v2 waits for usage-based-pricing: an SVG arrow that the browser lays out.
        arrows = self.driver.find_elements(By.CSS_SELECTOR, "svg.track g.dep[data-after=usage-based-pricing] line")
        self.assertTrue(arrows, "no dependency arrow on the timeline")
        self.assertGreater(arrows[0].rect["width"], 0, arrows[0].rect)
        self.open("/board")
        columns = self.driver.find_elements(By.CSS_SELECTOR, ".columns[data-kind=story] .column")
        self.assertGreaterEqual(len(columns), 4)
        # Side by side: the columns of a board share one row.
        tops = {c.location["y"] for c in columns}
        self.assertEqual(len(tops), 1, tops)

    def test_02_drag_a_card_commits_on_the_proposal(self):
        self.open("/board?kind=story")
        target = self.driver.find_element(By.CSS_SELECTOR, ".columns[data-kind=story] .column[data-status=done]")
        card = self.driver.find_element(By.CSS_SELECTOR, ".card[data-id=invoice-pdf]")
        # HTML5 drag and drop, as the browser dispatches it (WebDriver cannot drive native drags).
        self.driver.execute_script("""
            const [card, column] = arguments;
            const data = new DataTransfer();
            card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
            column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
            column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
        """, card, target)
        WebDriverWait(self.driver, 20).until(lambda d: "on=edits-" in d.current_url)
        self.assertIn("invoice-pdf", self.driver.find_element(By.CSS_SELECTOR, ".column[data-status=done]").text)
        log = git(self.served.repo, "log", "-1", "--format=%an|%s", "proposal/edits-priya-web")
        self.assertEqual(log, PERSON + "|Set invoice-pdf status=done")
        # Without drag and drop, the card's select does the same.
        select = Select(self.driver.find_element(By.ID, "status-dashboard-sharing"))
        select.select_by_visible_text("in-progress")
        WebDriverWait(self.driver, 20).until(
            lambda d: "dashboard-sharing" in d.find_element(By.CSS_SELECTOR, ".columns[data-kind=story] .column[data-status=in-progress]").text)
        self.assertIn("dashboard-sharing status=in-progress", git(self.served.repo, "log", "-1", "--format=%s", "proposal/edits-priya-web"))
        self.assertEqual(git(self.served.repo, "status", "--porcelain"), "", "the working tree is untouched")

    def test_03_moving_a_release_shows_the_broken_campaign(self):
        self.open("/items/billing-v2")
        field = self.driver.find_element(By.ID, "f-date")
        field.clear()
        field.send_keys("2027-05-01")
        self.driver.find_element(By.ID, "f-new-proposal").send_keys("billing-slips")
        self.driver.find_element(By.CSS_SELECTOR, ".edit button[type=submit]").click()
        WebDriverWait(self.driver, 20).until(lambda d: "saved=1" in d.current_url)
        self.assertIn("Saved.", self.text())
        self.assertIn("launch-before-release", self.text(), "the release's page names the campaign it breaks")
        self.open("/items/billing-v2-launch?on=billing-slips")
        findings = self.driver.find_element(By.CSS_SELECTOR, "ul.findings").text
        self.assertIn("launch-before-release", findings)
        self.assertIn("@maria", self.text())
        self.open("/proposals/billing-slips")
        self.assertIn("launch-before-release", self.text())
        self.assertIn("+16 days", self.text())

    def test_04_a_stale_page_is_refused(self):
        self.open("/items/insights-2-1")
        first = self.driver.current_window_handle
        self.driver.switch_to.new_window("tab")
        self.open("/items/insights-2-1")
        version = self.driver.find_element(By.ID, "f-version")
        version.clear()
        version.send_keys("2.1.1")
        self.driver.find_element(By.ID, "f-new-proposal").send_keys("insights-fix")
        self.driver.find_element(By.CSS_SELECTOR, ".edit button[type=submit]").click()
        WebDriverWait(self.driver, 20).until(lambda d: "saved=1" in d.current_url)
        self.driver.close()
        self.driver.switch_to.window(first)
        # The first tab still shows the version read before; it saves on the same proposal.
        version = self.driver.find_element(By.ID, "f-version")
        version.clear()
        version.send_keys("2.2.0")
        self.driver.find_element(By.ID, "f-new-proposal").send_keys("insights-fix")
        self.driver.find_element(By.CSS_SELECTOR, ".edit button[type=submit]").click()
        WebDriverWait(self.driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))
        self.assertIn("changed by someone else", self.text())
        self.assertEqual(self.driver.find_element(By.ID, "f-version").get_attribute("value"), "2.1.1")
        self.assertIn("version: 2.1.1", git(self.served.repo, "show", "proposal/insights-fix:roadmap/releases/insights-2-1.yaml"))

    def test_05_a_hostile_title_is_text(self):
        self.open("/items/pricing-page")
        title = self.driver.find_element(By.ID, "f-title")
        title.clear()
        title.send_keys('<script>alert(1)</script><a href="javascript:alert(2)">x</a>')
        self.driver.find_element(By.ID, "f-new-proposal").send_keys("hostile")
        self.driver.find_element(By.CSS_SELECTOR, ".edit button[type=submit]").click()
        WebDriverWait(self.driver, 20).until(lambda d: "saved=1" in d.current_url)
        self.assertIn("<script>alert(1)</script>", self.driver.find_element(By.TAG_NAME, "h1").text)
        with self.assertRaises(NoAlertPresentException):
            self.driver.switch_to.alert.text
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']"), [])
        for path in ["/timeline?on=hostile", "/board?on=hostile"]:
            self.open(path)
            with self.assertRaises(NoAlertPresentException):
                self.driver.switch_to.alert.text
            self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']"), [])

    def test_06_keyboard_only(self):
        self.open("/timeline")
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        self.assertEqual(self.driver.switch_to.active_element.text, "Skip to content")
        reached = None
        for _ in range(12):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            if self.driver.switch_to.active_element.text == "Board":
                reached = self.driver.switch_to.active_element
                break
        self.assertIsNotNone(reached, "the Board link is reachable with Tab")
        reached.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 20).until(lambda d: "/board" in d.current_url)
        # The first card's link, then its status select, are reachable and usable by keyboard.
        for _ in range(40):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            active = self.driver.switch_to.active_element
            if active.tag_name == "a" and "card-title" in (active.get_attribute("class") or ""):
                break
        active = self.driver.switch_to.active_element
        self.assertIn("card-title", active.get_attribute("class"))
        active.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 20).until(lambda d: "/items/" in d.current_url)

    def test_07_accessibility(self):
        from axe_selenium_python import Axe
        for path in ["/timeline", "/timeline?scale=quarter&kind=campaign", "/board", "/board?kind=story",
                     "/items/billing-v2", "/items/billing-v2-launch?on=billing-slips", "/review", "/proposals",
                     "/proposals/billing-slips", "/slips", "/calendar", "/budget", "/new", "/new?kind=campaign", "/login",
                     "/items/no-such-item"]:
            self.open(path)
            axe = Axe(self.driver)
            axe.inject()
            results = axe.run()
            bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
                   for v in results["violations"] if v["impact"] in ("serious", "critical")]
            self.assertEqual(bad, [], "%s: %s" % (path, bad))

    def test_08_screenshots(self):
        folder = os.environ.get("ROADMAP_SCREENSHOTS")
        if not folder:
            self.skipTest("ROADMAP_SCREENSHOTS is not set")
        os.makedirs(folder, exist_ok=True)
        for name, path in [("timeline", "/timeline?on=billing-slips"), ("board", "/board?kind=story&on=edits-priya-web"), ("item", "/items/billing-v2-launch?on=billing-slips")]:
            self.open(path)
            time.sleep(0.3)
            height = self.driver.execute_script("return Math.min(document.body.scrollHeight, 1800)")
            self.driver.set_window_size(1440, height)
            self.driver.save_screenshot(os.path.join(folder, "serve-%s.png" % name))
        self.driver.set_window_size(1440, 1000)

    def submit(self, form_selector="form.card-form"):
        self.driver.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]").click()

    def wait_for(self, condition, timeout=20):
        return WebDriverWait(self.driver, timeout).until(condition)

    def branch_exists(self, ref):
        return git(self.served.repo, "for-each-ref", "--format=%(refname)", ref) != ""

    def test_09_new_item_form_from_the_template(self):
        self.open("/new?kind=story")
        # The form starts from the kind's template, as `roadmap new` does.
        self.assertEqual(Select(self.driver.find_element(By.ID, "f-status")).first_selected_option.text, "planned")
        self.assertEqual(self.driver.find_element(By.ID, "f-description").get_attribute("value").strip(), "Acceptance criteria.")
        self.driver.find_element(By.ID, "f-id").send_keys("csv-export")
        self.driver.find_element(By.ID, "f-title").send_keys("CSV export")
        self.driver.find_element(By.ID, "f-epic").send_keys("no-such-epic")
        self.driver.find_element(By.ID, "f-new-proposal").send_keys("new-stories")
        self.submit()
        # Invalid: shown inline with what was typed, and nothing written.
        error = self.wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))[0]
        self.assertIn("no-such-epic", error.text)
        self.assertEqual(self.driver.find_element(By.ID, "f-id").get_attribute("value"), "csv-export")
        self.assertEqual(self.driver.find_element(By.ID, "f-epic").get_attribute("value"), "no-such-epic")
        self.assertFalse(self.branch_exists("refs/heads/proposal/new-stories"), "nothing was written")
        epic = self.driver.find_element(By.ID, "f-epic")
        epic.clear()
        epic.send_keys("invoice-redesign")
        self.submit()
        self.wait_for(lambda d: "/items/csv-export" in d.current_url and "saved=1" in d.current_url)
        self.assertEqual(git(self.served.repo, "log", "-1", "--format=%an|%s", "proposal/new-stories"), PERSON + "|New story csv-export")
        created = git(self.served.repo, "show", "proposal/new-stories:roadmap/stories/csv-export.yaml")
        self.assertIn("epic: invoice-redesign", created)
        self.assertIn("Acceptance criteria.", created, "the template's description")
        self.assertEqual(git(self.served.repo, "status", "--porcelain"), "")

    def test_10_accept_and_withdraw_follow_the_commands(self):
        main = git(self.served.repo, "rev-parse", "main")
        # billing-slips moves a release past its campaign's launch: a new error.
        cli = subprocess.run([binary(), "-C", self.served.repo, "accept", "billing-slips"], capture_output=True, text=True,
                             env=dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null"))
        self.assertEqual(cli.returncode, 1, cli.stderr)
        self.assertIn("new error", cli.stderr)
        self.open("/proposals/billing-slips")
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Accept into the base']").click()
        error = self.wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))[0]
        counted = re.search(r"(\d+) new error", cli.stderr)
        self.assertIsNotNone(counted, cli.stderr)
        self.assertIn(f"{counted.group(1)} new error", error.text, "the web refuses as the command does, with its count")
        self.assertTrue(self.driver.find_elements(By.XPATH, "//button[normalize-space()='Accept anyway']"))
        self.assertEqual(git(self.served.repo, "rev-parse", "main"), main, "refused: main did not move")
        # Withdraw it, with a reason: the branch goes, its commits are archived.
        self.driver.find_element(By.ID, "why").send_keys("Marketing keeps the launch date")
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Withdraw']").click()
        self.wait_for(lambda d: "withdrawn=billing-slips" in d.current_url)
        self.assertIn("Withdrew billing-slips", self.text())
        self.assertFalse(self.branch_exists("refs/heads/proposal/billing-slips"))
        archived = git(self.served.repo, "for-each-ref", "--format=%(refname)", "refs/proposals/withdrawn/")
        self.assertIn("billing-slips", archived)
        self.assertIn("Marketing keeps the launch date", git(self.served.repo, "log", "-1", "--format=%B", archived.splitlines()[0]))
        # The base is checked out in the served clone with a local edit: accept refuses, as the command does.
        path = os.path.join(self.served.repo, "roadmap", "releases", "insights-2-1.yaml")
        with open(path, "a") as f:
            f.write("# a local edit\n")
        self.open("/proposals/insights-fix")
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Accept into the base']").click()
        error = self.wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))[0]
        self.assertIn("uncommitted changes", error.text)
        self.assertEqual(git(self.served.repo, "rev-parse", "main"), main)
        git(self.served.repo, "checkout", "--", "roadmap/releases/insights-2-1.yaml")
        self.open("/proposals/insights-fix")
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Accept into the base']").click()
        self.wait_for(lambda d: "accepted=insights-fix" in d.current_url)
        self.assertIn("Accepted insights-fix into main", self.text())
        self.assertNotEqual(git(self.served.repo, "rev-parse", "main"), main)
        # The accept is a merge commit by the person (locally: git's configured identity).
        self.assertEqual(git(self.served.repo, "log", "-1", "--format=%an", "main"), PERSON)
        self.assertEqual(len(git(self.served.repo, "log", "-1", "--format=%p", "main").split()), 2)
        self.assertIn("version: 2.1.1", git(self.served.repo, "show", "main:roadmap/releases/insights-2-1.yaml"))
        self.assertFalse(self.branch_exists("refs/heads/proposal/insights-fix"))
        self.assertEqual(git(self.served.repo, "status", "--porcelain"), "", "the clone follows the accepted base")

    def test_11_direct_saves_only_without_new_errors(self):
        config = os.path.join(self.served.repo, "roadmap.yaml")
        with open(config, "a") as f:
            f.write("web: {direct: true}\n")
        git(self.served.repo, "commit", "-q", "-am", "Allow direct saves from the web")
        main = git(self.served.repo, "rev-parse", "main")
        self.open("/items/security-1-9")
        owner = self.driver.find_element(By.ID, "f-owner")
        owner.clear()
        owner.send_keys("@lee")
        Select(self.driver.find_element(By.ID, "f-proposal")).select_by_value(":base")
        self.submit(".edit form")
        self.wait_for(lambda d: "saved=1" in d.current_url)
        self.assertNotIn("on=", self.driver.current_url)
        self.assertEqual(git(self.served.repo, "log", "-1", "--format=%an|%s", "main"), PERSON + "|Set security-1-9 owner=@lee")
        self.assertEqual(git(self.served.repo, "rev-parse", "main~1"), main)
        self.assertEqual(git(self.served.repo, "status", "--porcelain"), "", "the checked-out clone follows")
        main = git(self.served.repo, "rev-parse", "main")
        # A release moved past its campaign's launch adds an error: refused, as `roadmap commit` refuses.
        self.open("/items/billing-v2")
        date = self.driver.find_element(By.ID, "f-date")
        date.clear()
        date.send_keys("2027-05-01")
        Select(self.driver.find_element(By.ID, "f-proposal")).select_by_value(":base")
        self.submit(".edit form")
        error = self.wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))[0]
        self.assertIn("new error", error.text)
        self.assertIn("launch-before-release", error.text)
        self.assertEqual(git(self.served.repo, "rev-parse", "main"), main, "refused: main did not move")
        self.assertIn("2027-04-15", git(self.served.repo, "show", "main:roadmap/releases/billing-v2.yaml"))

    def test_12_live_reload_when_the_branch_moves(self):
        # A window of its own: a tab left behind by another test counts as hidden, and hidden
        # pages do not poll.
        self.driver.switch_to.new_window("window")
        self.open("/timeline")
        self.assertEqual(self.driver.execute_script("return document.visibilityState;"), "visible")
        self.driver.execute_script("window.roadmapMarker = 'before';")
        path = os.path.join(self.served.repo, "roadmap", "releases", "security-1-9.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(re.sub(r"(?m)^title: .*$", "title: Security 1.9 hardening", text, count=1))
        # Moved outside the server, by the git CLI: the open page follows.
        git(self.served.repo, "commit", "-q", "-am", "Rename the security release")
        self.wait_for(lambda d: "Security 1.9 hardening" in d.find_element(By.TAG_NAME, "body").text, timeout=30)
        self.assertIsNone(self.driver.execute_script("return window.roadmapMarker;"), "the page was reloaded")

    def test_13_keyboard_only_edit(self):
        self.open("/items/insights-2-1")
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        reached = None
        for _ in range(80):
            active = self.driver.switch_to.active_element
            if active.get_attribute("id") == "f-version":
                reached = active
                break
            active.send_keys(Keys.TAB)
        self.assertIsNotNone(reached, "the version field is reachable with Tab")
        reached.send_keys(Keys.CONTROL, "a")
        reached.send_keys("2.1.2")
        for _ in range(40):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            if self.driver.switch_to.active_element.get_attribute("id") == "f-new-proposal":
                break
        self.driver.switch_to.active_element.send_keys("keyboard")
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)
        self.wait_for(lambda d: "saved=1" in d.current_url)
        self.assertEqual(git(self.served.repo, "log", "-1", "--format=%an|%s", "proposal/keyboard"), PERSON + "|Set insights-2-1 version=2.1.2")


if __name__ == "__main__":
    unittest.main()
