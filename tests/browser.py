"""A small headless-Chromium client (DevTools protocol over a websocket) for checking committee HTML.

``inspect_page(html_path)`` opens one local HTML file with every network
blocked and returns a :class:`PageReport`: title, console errors and uncaught
exceptions, every image (loaded? visible? from where?), code cells left in the
page, every URL the page requested, and a full-page PNG screenshot.

Only Debian's ``/usr/bin/chromium`` and the ``websocket-client`` package are
needed (no Playwright browsers).  The network is blocked three ways: a proxy
that does not exist (``--proxy-server=127.0.0.1:9`` without loopback bypass), a
host resolver that resolves nothing, and DevTools ``Fetch`` interception that
fails any request that is not the file itself; every attempt is still recorded.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

CHROMIUM = Path(os.environ.get("KSLIB_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-allow-origins=*",
         "--remote-debugging-port=0", "--allow-file-access-from-files"]
LOCAL_SCHEMES = ("data:", "blob:", "about:")

# Run in the page after load: what a reader would see.
_PAGE_FACTS_JS = r"""
(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    let node = el;
    while (node && node.nodeType === 1) {
      const s = getComputedStyle(node);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
      node = node.parentElement;
    }
    return r.width > 0 && r.height > 0;
  };
  const images = [...document.images].map((img) => ({
    src: img.currentSrc || img.src || '',
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    width: img.getBoundingClientRect().width,
    height: img.getBoundingClientRect().height,
    visible: visible(img),
  })).concat([...document.querySelectorAll('svg[role="img"]')].map((svg) => ({
    // an inline SVG chart: "loaded" when it has drawn content, named by its accessible name
    src: 'inline-svg:' + (svg.getAttribute('aria-label') || ''),
    complete: true,
    naturalWidth: svg.querySelectorAll('path, rect, text, use').length ? svg.getBoundingClientRect().width : 0,
    naturalHeight: svg.getBoundingClientRect().height,
    width: svg.getBoundingClientRect().width,
    height: svg.getBoundingClientRect().height,
    visible: visible(svg),
  })));
  // code (and its prompts) of a lab- or classic-template notebook; markdown cells also use .jp-InputArea
  const codeSelectors = ['.jp-CodeCell .jp-InputArea', '.jp-InputPrompt', '.jp-OutputPrompt',
                         '.jp-CodeMirrorEditor', '.CodeMirror', '.code_cell div.input', '.prompt'];
  const code = codeSelectors.flatMap((sel) => [...document.querySelectorAll(sel)]
      .filter(visible).map((el) => sel + ': ' + (el.textContent || '').trim().slice(0, 80)));
  const external = [...document.querySelectorAll('[src], link[href], object[data], embed[src], iframe[src]')]
      .map((el) => el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('data') || '')
      .filter((u) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(u));
  const resources = performance.getEntriesByType('resource').map((e) => e.name);
  // output a reader should never see: tracebacks, warnings, Python reprs of figures and objects
  const noise = [/Traceback \(most recent call last\)/, /\b\w*Warning: /, /<Figure size [^>]*>/,
                 /<matplotlib\.[^>]*>/, /<(?:Axes|AxesSubplot)[^>]*>/, /\bOut\[\d*\]:/, /\bIn \[\d*\]:/]
      .flatMap((rx) => { const m = (document.body ? document.body.innerText : '').match(rx);
                         return m ? [m[0]] : []; });
  // what a reader sees without scrolling (the top 900 pixels): each block once (a paragraph inside a
  // quote or list item is read with it), table captions included
  const firstScreen = [...document.querySelectorAll('h1, h2, h3, p, li, blockquote, caption')]
      .filter((el) => !(el.parentElement && el.parentElement.closest('p, li, blockquote')))
      .filter((el) => visible(el) && el.getBoundingClientRect().top < 900)
      .map((el) => (el.innerText || '').trim()).filter((s) => s).join('\n');
  const text = document.body ? document.body.innerText : '';
  return {title: document.title, images, code, external, resources, noise, firstScreen, text,
          height: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0),
          lang: document.documentElement.lang || ''};
})()
"""


class BrowserError(RuntimeError):
    """Chromium could not be started or did not answer."""


@dataclass
class Image:
    src: str
    complete: bool
    natural_width: int
    natural_height: int
    width: float
    height: float
    visible: bool

    @property
    def loaded(self) -> bool:
        return self.complete and self.natural_width > 0 and self.natural_height > 0

    @property
    def short_src(self) -> str:
        return self.src[:60] + ("…" if len(self.src) > 60 else "")


@dataclass
class PageReport:
    """What headless Chromium saw on one page."""

    path: Path
    title: str
    console_errors: list[str]
    images: list[Image]
    code_cells: list[str]
    requests: list[str]                 # every URL the page asked for (blocked or not)
    external_refs: list[str]            # src/href attributes pointing to another host
    stray_output: list[str] = field(default_factory=list)   # tracebacks, warnings, object reprs
    lang: str = ""
    first_screen: str = ""              # the text a reader sees without scrolling
    text: str = ""                      # all the text a reader sees (the body's rendered text)
    screenshot: bytes | None = field(default=None, repr=False)

    @property
    def outside_requests(self) -> list[str]:
        """Requests for anything but this file and inline (data:, blob:) content."""
        own = self.path.resolve().as_uri()
        return [u for u in self.requests if u.split("#")[0] != own and not u.startswith(LOCAL_SCHEMES)]

    def problems(self) -> list[str]:
        """Everything a committee page must not have, one line each (empty when the page is fine)."""
        out = [f"console: {e}" for e in self.console_errors]
        out += [f"image not loaded: {i.short_src}" for i in self.images if not i.loaded]
        out += [f"image not visible: {i.short_src}" for i in self.images if i.loaded and not i.visible]
        out += [f"code cell shown: {c}" for c in self.code_cells]
        out += [f"stray output shown: {t}" for t in self.stray_output]
        out += [f"loads from outside the file: {u}" for u in sorted(set(self.outside_requests))]
        out += [f"refers to another host: {u}" for u in sorted(set(self.external_refs))]
        return out


def available() -> bool:
    return CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)


class DevTools:
    """A minimal synchronous DevTools client: ``call(method, **params)``, events collected as they come."""

    def __init__(self, ws_url: str, timeout: float = 30.0):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.timeout = timeout
        self.events: list[dict] = []
        self._id = 0

    def close(self) -> None:
        self.ws.close()

    def _receive(self, deadline: float) -> dict | None:
        import websocket

        self.ws.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            message = json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return None
        if "method" in message:
            self.events.append(message)
        return message

    def call(self, method: str, **params: Any) -> dict:
        self._id += 1
        ident = self._id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = self._receive(deadline)
            if message is None:
                continue
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self._handle(message)
        raise BrowserError(f"{method}: no answer from Chromium in {self.timeout:.0f} s")

    def wait_for(self, method: str, timeout: float, *, name: str | None = None) -> bool:
        """Wait for an event (``Page.lifecycleEvent`` may be narrowed by ``name``); False on timeout."""
        deadline = time.monotonic() + timeout
        seen = len(self.events)

        def match(ev: dict) -> bool:
            return ev["method"] == method and (name is None or ev.get("params", {}).get("name") == name)

        if any(match(ev) for ev in self.events[:seen]):
            return True
        while time.monotonic() < deadline:
            message = self._receive(deadline)
            if message is None:
                continue
            self._handle(message)
            if "method" in message and match(message):
                return True
        return False

    def _handle(self, message: dict) -> None:
        """Fail every intercepted request that is not a local file (Fetch interception)."""
        if message.get("method") == "Fetch.requestPaused":
            params = message["params"]
            url = params["request"]["url"]
            if url.startswith("file:") or url.startswith(LOCAL_SCHEMES):
                self._send("Fetch.continueRequest", requestId=params["requestId"])
            else:
                self._send("Fetch.failRequest", requestId=params["requestId"], errorReason="BlockedByClient")

    def _send(self, method: str, **params: Any) -> None:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))


def _no_proxy_open(url: str, timeout: float = 5.0) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as response:
        return response.read()


@contextmanager
def chromium(timeout: float = 30.0) -> Iterator[str]:
    """Start headless Chromium with a new empty profile; yields the DevTools HTTP endpoint."""
    if not available():
        raise BrowserError(f"{CHROMIUM}: not installed")
    profile = Path(tempfile.mkdtemp(prefix="kslib-chromium-"))
    proc = subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            if proc.poll() is not None:
                raise BrowserError(f"{CHROMIUM} exited with code {proc.returncode} before DevTools started")
            if time.monotonic() > deadline:
                raise BrowserError(f"{CHROMIUM}: DevTools did not start in {timeout:.0f} s")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


def _page_target(endpoint: str) -> str:
    """The websocket URL of a fresh page target."""
    raw = urllib.request.Request(f"{endpoint}/json/new?about:blank", method="PUT")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(raw, timeout=10) as response:
        return json.loads(response.read())["webSocketDebuggerUrl"]


def inspect_page(path: str | Path, *, endpoint: str | None = None, width: int = 1200,
                 settle: float = 0.3, timeout: float = 30.0, screenshot: bool = True) -> PageReport:
    """Open ``path`` in headless Chromium (started here unless ``endpoint`` is given) and report on it."""
    if endpoint is None:
        with chromium(timeout) as ep:
            return inspect_page(path, endpoint=ep, width=width, settle=settle, timeout=timeout,
                                screenshot=screenshot)
    path = Path(path).resolve()
    dt = DevTools(_page_target(endpoint), timeout=timeout)
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            dt.call(f"{domain}.enable")
        dt.call("Page.setLifecycleEventsEnabled", enabled=True)
        dt.call("Fetch.enable", patterns=[{"urlPattern": "*"}])
        dt.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        dt.call("Page.navigate", url=path.as_uri())
        if not dt.wait_for("Page.loadEventFired", timeout):
            raise BrowserError(f"{path.name}: the page did not finish loading in {timeout:.0f} s")
        dt.wait_for("Page.lifecycleEvent", settle * 5, name="networkIdle")
        dt.wait_for("Never.happens", settle)       # let late console messages arrive
        facts = dt.call("Runtime.evaluate", expression=_PAGE_FACTS_JS, returnByValue=True,
                        awaitPromise=True)["result"]["value"]
        shot = None
        if screenshot:
            height = int(min(max(facts["height"], 600), 16000))
            dt.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                    mobile=False)
            shot = base64.b64decode(dt.call("Page.captureScreenshot", format="png",
                                            captureBeyondViewport=True)["data"])
        return PageReport(
            path=path,
            title=facts["title"],
            console_errors=_console_errors(dt.events),
            images=[Image(i["src"], i["complete"], i["naturalWidth"], i["naturalHeight"], i["width"],
                          i["height"], i["visible"]) for i in facts["images"]],
            code_cells=facts["code"],
            requests=_requested_urls(dt.events) + list(facts["resources"]),
            external_refs=facts["external"],
            stray_output=facts["noise"],
            lang=facts["lang"],
            first_screen=facts.get("firstScreen", ""),
            text=facts.get("text", ""),
            screenshot=shot,
        )
    finally:
        dt.close()


def _console_errors(events: list[dict]) -> list[str]:
    out = []
    for ev in events:
        p = ev.get("params", {})
        if ev["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif ev["method"] == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append(d.get("exception", {}).get("description") or d.get("text", "uncaught exception"))
        elif ev["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            out.append(f"{e.get('text', '')} {e.get('url', '')}".strip())
    return out


def _requested_urls(events: list[dict]) -> list[str]:
    urls = []
    for ev in events:
        if ev["method"] == "Network.requestWillBeSent":
            urls.append(ev["params"]["request"]["url"])
        elif ev["method"] == "Fetch.requestPaused":
            urls.append(ev["params"]["request"]["url"])
    return urls
