#!/usr/bin/env python3
"""Drives the editors' console in headless Chromium through the DevTools protocol over a pipe (standard library
only): search, article view, a control change, pin and block through the forms without and with credentials, a
draft preview, today's topics and the topic map. Asserts on the DOM and on the overrides file and audit log beside
the index, and saves a screenshot of each view at 1280 and 360 px.

Usage: browser_test.py BASE_URL INDEX_PATH EDITOR:SECRET OUTPUT_DIR
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

BASE, INDEX, CREDENTIALS, OUT = sys.argv[1:5]
OVERRIDES = INDEX + ".overrides.json"
AUDIT = OVERRIDES + ".audit.jsonl"
passed, failed = 0, 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAILED: {what}")


class Browser:
    """One headless Chromium and one page, spoken to over --remote-debugging-pipe."""

    def __init__(self):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="console-browser-")
        command = (
            f"exec chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars "
            f"--user-data-dir={self.profile} --remote-debugging-pipe about:blank "
            f"3<&{to_chrome_r} 4>&{from_chrome_w} 2>/dev/null"
        )
        self.process = subprocess.Popen(["bash", "-c", command], pass_fds=(to_chrome_r, from_chrome_w))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.next_id = 0
        self.responses = {}
        self.events = []
        self.lock = threading.Condition()
        self.write_lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Network.enable", session=True)
        self.send("Fetch.enable", {"handleAuthRequests": True}, session=True)

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                data = json.loads(message)
                if data.get("method") == "Fetch.requestPaused":
                    self.post("Fetch.continueRequest", {"requestId": data["params"]["requestId"]})
                    continue
                if data.get("method") == "Fetch.authRequired":
                    # The editor cancels the browser's sign-in prompt: the page shows the 401 answer.
                    self.post(
                        "Fetch.continueWithAuth",
                        {"requestId": data["params"]["requestId"], "authChallengeResponse": {"response": "CancelAuth"}},
                    )
                    continue
                with self.lock:
                    if "id" in data:
                        self.responses[data["id"]] = data
                    else:
                        self.events.append(data)
                    self.lock.notify_all()

    def post(self, method, params, session=True):
        """Sends a command without waiting for its answer; returns its id."""
        with self.write_lock:
            self.next_id += 1
            message = {"id": self.next_id, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = self.session
            os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
            return self.next_id

    def send(self, method, params=None, session=False):
        sent = self.post(method, params, session)
        with self.lock:
            if not self.lock.wait_for(lambda: sent in self.responses, timeout=60):
                raise RuntimeError(f"no answer to {method}")
            response = self.responses.pop(sent)
        if "error" in response:
            raise RuntimeError(f"{method}: {response['error']}")
        return response.get("result", {})

    def wait_for_load(self, action):
        with self.lock:
            self.events.clear()
        action()
        with self.lock:
            if not self.lock.wait_for(
                lambda: any(e.get("method") == "Page.loadEventFired" for e in self.events), timeout=60
            ):
                raise RuntimeError("the page did not load")

    def open(self, path):
        self.wait_for_load(lambda: self.send("Page.navigate", {"url": BASE + path}, session=True))

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def submit(self, expression):
        """Runs `expression` (which submits a form or follows a link) and waits for the next page."""
        self.wait_for_load(lambda: self.evaluate(expression))

    def screenshot(self, name):
        for width in (1280, 360):
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 500},
                session=True,
            )
            height = self.evaluate("Math.ceil(document.documentElement.scrollHeight)")
            overflow = self.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            check(not overflow, f"{name} fits {width} px without sideways scrolling")
            shot = self.send(
                "Page.captureScreenshot",
                {"format": "png", "captureBeyondViewport": True,
                 "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 4000), "scale": 1}},
                session=True,
            )
            path = os.path.join(OUT, f"{name}-{width}.png")
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            print(f"screenshot: {path}")
        self.send("Emulation.clearDeviceMetricsOverride", session=True)

    def close(self):
        self.process.terminate()
        self.process.wait()


def audit_lines():
    if not os.path.exists(AUDIT):
        return []
    with open(AUDIT) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    os.makedirs(OUT, exist_ok=True)
    browser = Browser()
    try:
        # Search by headline words, then open the first result.
        browser.open("/")
        browser.submit("document.querySelector('#q').value = 'arsenal'; document.querySelector('form[role=search]').requestSubmit()")
        results = browser.evaluate("[...document.querySelectorAll('ol.results a')].map(a => a.textContent)")
        check(len(results) > 0 and all("arsenal" in r.lower() for r in results), f"search finds headlines with the words ({len(results)})")
        browser.submit("document.querySelector('ol.results a').click()")
        check(browser.evaluate("location.pathname").startswith("/articles/"), "a result opens the article page")
        browser.open("/articles/a001")
        title = browser.evaluate("document.querySelector('h1').textContent")
        check("Arsenal" in title, f"the article page shows the headline ({title})")
        entries = browser.evaluate("document.querySelectorAll('ol.related > li').length")
        check(entries == 10, f"the related list has the default 10 entries ({entries})")
        check(browser.evaluate("document.querySelectorAll('p.why').length") == entries, "each entry has its why-terms")
        browser.screenshot("article")

        # Keyboard reachability: every control and button takes focus.
        focusable = browser.evaluate(
            "[...document.querySelectorAll('input:not([type=hidden]),select,button,a')].every(e => { e.focus(); return document.activeElement === e; })"
        )
        check(focusable, "every link, field and button of the article page takes keyboard focus")

        # Changing a control updates the list (the form submits itself on change).
        browser.submit("const k = document.querySelector('#k'); k.value = '3'; k.dispatchEvent(new Event('change', {bubbles: true}))")
        check(browser.evaluate("location.search").find("k=3") >= 0, "changing k reloads the page with k=3")
        check(browser.evaluate("document.querySelectorAll('ol.related > li').length") == 3, "the list has 3 entries")
        listed = browser.evaluate("[...document.querySelectorAll('ol.related > li a')].map(a => a.getAttribute('href'))")

        # Pin without credentials: refused, nothing written.
        outsider = "a150" if "/articles/a150" not in listed else "a151"
        browser.submit(f"document.querySelector('#pin-article').value = '{outsider}'; document.querySelector('#pin-position').value = '1'; document.querySelector('#pin-article').form.requestSubmit()")
        heading = browser.evaluate("document.querySelector('h1').textContent")
        check(heading == "Sign in to edit", f"a pin without credentials is refused ({heading})")
        check(not os.path.exists(OVERRIDES), "and the overrides file is not written")

        # With credentials: the pin is saved, shown and logged.
        token = base64.b64encode(CREDENTIALS.encode()).decode()
        browser.send("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Basic {token}"}}, session=True)
        browser.open("/articles/a001?k=3")
        browser.submit(f"document.querySelector('#pin-article').value = '{outsider}'; document.querySelector('#pin-position').value = '1'; document.querySelector('#pin-article').form.requestSubmit()")
        notice = browser.evaluate("document.querySelector('[role=status]')?.textContent ?? ''")
        check(f"pinned {outsider} at position 1" in notice, f"the page says what was saved ({notice})")
        first = browser.evaluate("document.querySelector('ol.related > li a').getAttribute('href')")
        check(first == f"/articles/{outsider}", "the pinned article is first")
        check(browser.evaluate("document.querySelector('ol.related > li .badge')?.textContent") == "pinned", "and marked pinned")
        check(browser.evaluate("location.search").find("k=3") >= 0, "the controls are kept after saving")
        with open(OVERRIDES) as f:
            rules = json.load(f)
        check(rules == [{"pin": outsider, "for": "a001", "position": 1}], f"the overrides file holds the pin ({rules})")
        user = CREDENTIALS.split(":")[0]
        lines = audit_lines()
        check(len(lines) == 1 and lines[0]["user"] == user and lines[0]["action"] == "pin", "the audit log names the editor")

        # Block the second entry here.
        blocked = browser.evaluate("document.querySelectorAll('ol.related > li')[1].querySelector('a').getAttribute('href')").split("/")[-1]
        browser.submit("[...document.querySelectorAll('ol.related > li')[1].querySelectorAll('button')].find(b => b.textContent === 'Block here').click()")
        hrefs = browser.evaluate("[...document.querySelectorAll('ol.related > li a')].map(a => a.getAttribute('href'))")
        check(f"/articles/{blocked}" not in hrefs, f"the blocked article {blocked} left the list")
        check(browser.evaluate("document.body.textContent").find(f"Blocked here: {blocked}") >= 0, "the rule is listed")
        check(len(audit_lines()) == 2, "the block is logged")
        browser.screenshot("article-edited")

        # Remove the block again.
        browser.submit("[...document.querySelectorAll('form')].find(f => f.querySelector('input[name=action][value=unblock]')).requestSubmit()")
        with open(OVERRIDES) as f:
            check(json.load(f) == [{"pin": outsider, "for": "a001", "position": 1}], "removing the block leaves the pin alone")

        # Draft preview.
        browser.open("/draft")
        browser.submit(
            "document.querySelector('#headline').value = 'Arsenal win again at the top of the league';"
            "document.querySelector('#body').value = 'The league leaders won another game, with goals from their strikers.';"
            "document.querySelector('#headline').form.requestSubmit()"
        )
        drafted = browser.evaluate("document.querySelectorAll('ol.related > li').length")
        check(drafted == 10, f"the draft preview lists 10 articles ({drafted})")
        browser.screenshot("draft")

        # Today's topics and the map.
        browser.open("/topics?days=30")
        rows = browser.evaluate("document.querySelectorAll('tbody tr').length")
        check(rows > 0, f"today's topics lists {rows} topics")
        browser.screenshot("topics")
        browser.submit("[...document.querySelectorAll('a')].find(a => a.textContent === 'See them on the map').click()")
        discs = browser.evaluate("document.querySelectorAll('svg circle').length")
        check(discs == rows, f"the map draws one disc per topic ({discs})")
        browser.screenshot("topic-map")
        browser.submit("document.querySelector('svg a').dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))")
        check(browser.evaluate("document.querySelector('h1').textContent").startswith("Topic t"), "a disc opens its topic's page")
    finally:
        browser.close()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
