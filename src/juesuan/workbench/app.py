"""The workbench's web application (Starlette): pages rendered on the server from the library's answers.

Why Starlette: a small, well-kept ASGI toolkit with sessions, a test client and nothing we would not use;
the pages are Jinja (already a dependency) with a little hand-written script, so the workbench works offline
in the browsers a bureau has and fetches nothing from elsewhere.

Safety, since a bureau may share it on its network: on this machine only (127.0.0.1) it answers requests
addressed to this machine alone, so a web page elsewhere cannot reach it through a rebound host name; with a
password every page but the login needs a signed session, every form carries a CSRF token, and each response
forbids framing, sniffing and anything not from the workbench itself. `juesuan serve` refuses to listen
beyond this machine without a password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from . import units as unit
from .create import create_unit
from .edits import EditRefused, save_block
from .fields import BLOCK_KINDS, UNAVAILABLE, field_places, nearest
from .reasons import reasons, save_reason
from .rebuild import Rebuild
from ..errors import DataError, JuesuanError, explain
from ..render.environment import clause
from ..scaffold import new_year
from .workbook import MAX_BYTES, replace_workbook
from .states import unit_states

LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
#: The preview is the writers' own HTML, whose column and chart widths are style attributes: styles may be inline
#: there, scripts still only the workbench's own.
PREVIEW_HEADERS = {**HEADERS, "Content-Security-Policy": HEADERS["Content-Security-Policy"]
                   + "; style-src 'self' 'unsafe-inline'"}
PAGES = files("juesuan.workbench") / "pages"
#: Findings fixed in another form than the field they name: a table missing from the workbook is declared there.
FIXED_IN = {"JS-TAB-008": UNAVAILABLE}


def create_app(root: Path, out_dir: Path = Path("output"), *, password: str | None = None,
               local: bool = True) -> Starlette:
    """The workbench over the unit-years under `root`, built into `out_dir`. With `password`, every page asks for
    it once per browser session; `local` answers only requests addressed to this machine."""
    templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(str(PAGES)), autoescape=True))
    templates.env.filters["anchor"] = anchor
    templates.env.filters["clause"] = clause           # a reason as the document prints it inside its sentence
    root, out_dir = Path(root), Path(out_dir)
    notes = _Notes()
    rebuild = Rebuild(root, out_dir)

    def page(request: Request, name: str, context: dict, status: int = 200) -> Response:
        token = request.session.setdefault("csrf", secrets.token_urlsafe(32))
        return templates.TemplateResponse(request, name, {**context, "csrf": token, "locked": password is not None},
                                          status_code=status)

    async def units(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        states = [s for s in unit_states(root, out_dir) if query.casefold() in f"{s.unit} {s.year}".casefold()]
        return page(request, "units.html", {"units": states, "query": query, "root": root,
                                            "rebuild": rebuild.progress,
                                            "created": notes.take(request, "created")})

    async def rebuild_start(request: Request) -> Response:
        await _checked_form(request)
        rebuild.start()
        return RedirectResponse("/", status_code=303)

    async def new_unit(request: Request) -> Response:
        form = await _checked_form(request, max_files=1)
        upload = form.get("workbook")
        try:
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise JuesuanError("请选择或拖入这个单位的公开表工作簿")
            path = create_unit(root, str(form.get("folder", "")), str(form.get("year", "")), upload.filename,
                               await upload.read(MAX_BYTES + 1))
        except DataError as exc:
            notes.put(request, "created", {"message": "工作簿读不出来，未建立：",
                                           "problems": [p.format() for p in exc.problems[:20]]})
            return RedirectResponse("/#new", status_code=303)
        except JuesuanError as exc:
            notes.put(request, "created", {"message": str(exc), "problems": []})
            return RedirectResponse("/#new", status_code=303)
        return back(path)

    async def next_year(request: Request) -> Response:
        _, path = await posted(request)
        try:
            written = new_year(path.parent, unit.next_year(path))
        except JuesuanError as exc:                     # this year's exists already, or last year's does not read
            notes.put(request, "saved", {"ok": False, "message": explain(exc, path, outcome="未生成下一年度的文件")})
            return back(path)
        notes.put(request, "saved", {"ok": True, "message": f"已由 {path.name} 生成 {written[0].name}：抄来的原因标有"
                                     f"「待确认：」，请逐条核实；{written[0].stem} 年度的工作簿请拖进「决算报表工作簿」。"})
        return back(written[0])

    async def rebuild_status(request: Request) -> Response:
        return JSONResponse(rebuild.progress.as_json())

    def found(request: Request) -> Path:
        try:
            return unit.unit_path(root, request.query_params.get("f", ""))
        except unit.NotFound:
            raise _Missing()

    async def unit_page(request: Request) -> Response:
        path = found(request)
        name = unit.relative_name(root, path)
        built = notes.take(request, "built")
        saved = notes.take(request, "saved")
        checked = unit.checked(path)
        try:
            slots, threshold = reasons(path)
        except JuesuanError:
            slots, threshold = [], None                 # the data cannot be read: the findings say why
        try:
            lines, unplaced = unit.explained(path, slots, out_dir)
        except JuesuanError:
            lines, unplaced = [], slots
        forms = unit.forms(path, checked)
        places = {p for f in forms for p in field_places(f)} | {f"{r.slot.block} → {r.slot.key}" for r in slots}
        links = {x.field: anchor(nearest(x.field, places)) for x in checked.problems if nearest(x.field, places)}
        links |= {(x.rule_id, x.field): anchor(nearest(FIXED_IN.get(x.rule_id, x.field), places))
                  for x in checked.findings if nearest(FIXED_IN.get(x.rule_id, x.field), places)}
        return page(request, "unit.html", {"f": name, "checked": checked, "built": built,
                                           "imported": notes.take(request, "imported"), "saved": saved,
                                           "reasons": slots,
                                           "lines": lines, "unplaced": unplaced,
                                           "links": links, "forms": forms, "kinds": list(BLOCK_KINDS),
                                           "threshold": threshold,
                                           "next_year": None if path.with_name(f"{unit.next_year(path)}.yaml").exists()
                                           else unit.next_year(path),
                                           "downloads": [f.name for f in unit.downloads(path, out_dir)]})

    async def posted(request: Request):
        """A form posted about one unit, once its CSRF token is checked, and the unit's data file."""
        form = await _checked_form(request, max_files=1, max_fields=50_000)   # the annexes' block: thousands
        try:
            return form, unit.unit_path(root, str(form.get("f", "")))
        except unit.NotFound:
            raise _Missing()

    def back(path: Path, anchor: str = "") -> Response:
        return RedirectResponse(f"/unit?f={quote(unit.relative_name(root, path))}{anchor}", status_code=303)

    async def reason(request: Request) -> Response:
        form, path = await posted(request)
        key = str(form.get("key", ""))
        try:
            text = form.get("use") or form.get("text", "")     # "采用上年的原因" sends the suggestion as `use`
            save_reason(path, str(form.get("block", "")), key, str(text))
            notes.put(request, "saved", {"ok": True, "message": f"已保存「{key}」的原因。"})
        except JuesuanError as exc:
            notes.put(request, "saved", {"ok": False, "message": str(exc)})
        return back(path, "#reasons")

    async def save_fields(request: Request) -> Response:
        form, path = await posted(request)
        block = str(form.get("block", ""))
        try:
            count = save_block(path, block, form)
            notes.put(request, "saved", {"ok": True, "block": block,
                                         "message": f"已保存「{block}」（改动 {count} 处）。"})
        except EditRefused as exc:
            notes.put(request, "saved", {"ok": False, "block": block, "message": "未保存，请改正以下各处：",
                                         "problems": exc.problems})
        except JuesuanError as exc:
            notes.put(request, "saved", {"ok": False, "block": block, "message": str(exc)})
        return back(path, "#" + anchor(block))

    async def workbook(request: Request) -> Response:
        form, path = await posted(request)
        upload = form.get("workbook")
        if not isinstance(upload, UploadFile) or not upload.filename:
            notes.put(request, "saved", {"ok": False, "message": "请选择或拖入一个工作簿文件"})
            return back(path)
        content = await upload.read(MAX_BYTES + 1)
        try:
            notes.put(request, "imported", Imported(upload.filename, replace_workbook(path, upload.filename, content)))
        except DataError as exc:
            notes.put(request, "imported", Imported(upload.filename, [], [p.format() for p in exc.problems]))
        except JuesuanError as exc:
            notes.put(request, "imported", Imported(upload.filename, [], [str(exc)]))
        return back(path, "#workbook")

    async def build(request: Request) -> Response:
        _, path = await posted(request)
        result = await run_in_threadpool(rebuild.build_one, path)      # the server answers others meanwhile
        if result is None:
            notes.put(request, "built", {"ok": False, "message": "正在生成其他单位，请稍候再生成这个单位。"})
        else:
            notes.put(request, "built", {"ok": result.ok, "message": result.message or result.reason})
        return back(path)

    async def preview(request: Request) -> Response:
        path = found(request)
        html, _, _ = unit.preview_parts(path, out_dir)
        f = quote(unit.relative_name(root, path))
        html = unit.for_browser(html, lambda name: f"/preview/asset?f={f}&amp;name={quote(name)}")
        html = html.replace("</head>", f'<link rel="stylesheet" href="/preview/style.css?f={f}">'
                            '<link rel="stylesheet" href="/preview.css">'
                            f'<meta name="juesuan-version" content="{unit.version(path)}">'
                            '<script src="/preview.js" defer></script></head>', 1)
        return Response(html, media_type="text/html")

    async def preview_version(request: Request) -> Response:
        return JSONResponse({"version": unit.version(found(request))})

    async def preview_style(request: Request) -> Response:
        path = found(request)
        _, css, _ = unit.preview_parts(path, out_dir)
        f = quote(unit.relative_name(root, path))
        return Response(unit.for_browser(css, lambda name: f"/preview/asset?f={f}&name={quote(name)}"),
                        media_type="text/css")

    async def preview_asset(request: Request) -> Response:
        path = found(request)
        _, _, assets = unit.preview_parts(path, out_dir)
        name = request.query_params.get("name", "")
        if name not in assets:
            raise _Missing()
        kinds = {".svg": "image/svg+xml", ".png": "image/png", ".ttf": "font/ttf", ".otf": "font/otf"}
        return Response(assets[name], media_type=kinds.get(PurePosixPath(name).suffix, "application/octet-stream"))

    async def download(request: Request) -> Response:
        try:
            file = unit.output_file(out_dir, request.path_params["name"])
        except unit.NotFound:
            raise _Missing()
        return FileResponse(file, filename=file.name)

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "login.html", {"wrong": False})
        form = await _checked_form(request)
        if password is None or not _same(form.get("password"), password):
            return page(request, "login.html", {"wrong": True}, status=401)
        request.session.clear()                        # a new session on login: no fixation
        request.session["signed_in"] = True
        return RedirectResponse("/", status_code=303)

    async def stylesheet(request: Request) -> Response:
        name = request.url.path.lstrip("/")          # workbench.css/.js, preview.css/.js (routes below)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response((PAGES / name).read_text(encoding="utf-8"), media_type=kind)

    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=LOCAL_HOSTS if local else ["*"]),
        Middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32), session_cookie="juesuan_session",
                   same_site="strict", https_only=False, max_age=8 * 3600),
        Middleware(_Guard, password=password),
    ]
    routes = [Route("/", units), Route("/login", login, methods=["GET", "POST"]),
              Route("/rebuild", rebuild_start, methods=["POST"]),
              Route("/new", new_unit, methods=["POST"]), Route("/next", next_year, methods=["POST"]), Route("/rebuild/status", rebuild_status),
              Route("/workbench.css", stylesheet), Route("/preview.css", stylesheet),
              Route("/workbench.js", stylesheet), Route("/unit", unit_page), Route("/build", build, methods=["POST"]),
              Route("/reason", reason, methods=["POST"]), Route("/workbook", workbook, methods=["POST"]),
              Route("/fields", save_fields, methods=["POST"]),
              Route("/preview", preview), Route("/preview/style.css", preview_style),
              Route("/preview/version", preview_version), Route("/preview.js", stylesheet),
              Route("/preview/asset", preview_asset), Route("/download/{name}", download),
              Route("/favicon.ico", lambda request: Response(status_code=204))]     # browsers ask for one

    async def missing(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("没有这个单位或文件（not found）", status_code=404)

    async def forged(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("表单已过期，请刷新页面后重试（CSRF token missing or wrong）", status_code=403)

    async def too_large(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(f"上传的文件太大（最多 {MAX_BYTES // 1024 // 1024} MB）", status_code=413)
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={_Missing: missing, _Forged: forged, _TooLarge: too_large})


class _Notes:
    """What the page after a form says about it (saved, refused, built, and why): kept on the server under a token
    the session holds, since a session cookie holds 4 KB and a list of findings can be longer."""

    KEEP = 500

    def __init__(self):
        self._kept: OrderedDict[str, object] = OrderedDict()

    def put(self, request: Request, key: str, value) -> None:
        token = secrets.token_urlsafe(16)
        self._kept[token] = value
        request.session[key] = token
        while len(self._kept) > self.KEEP:
            self._kept.popitem(last=False)

    def take(self, request: Request, key: str):
        token = request.session.pop(key, None)
        return self._kept.pop(token, None) if isinstance(token, str) else None


@dataclass
class Imported:
    """A workbook upload: the cells it changed, or why it was refused."""

    filename: str
    changes: list
    problems: list[str] = field(default_factory=list)


class _Missing(Exception):
    """A unit or file the browser named that is not there (or not the browser's to see): 404."""


class _Forged(Exception):
    """A form posted without this session's CSRF token: 403."""


class _TooLarge(Exception):
    """A post larger than any workbook: 413, refused before it is read."""


async def _checked_form(request: Request, max_files: int = 0, max_fields: int = 10):
    """The form posted, once it is known to be no larger than a workbook and to carry this session's CSRF token."""
    if int(request.headers.get("content-length") or 0) > MAX_BYTES + 65536:
        raise _TooLarge()
    form = await request.form(max_files=max_files, max_fields=max_fields)
    if not _same(form.get("csrf"), request.session.get("csrf")):
        raise _Forged()
    return form


def anchor(field: str) -> str:
    """The id of the form field a finding concerns ("变动原因 → 公务接待费"), so a finding can link to it."""
    return "field-" + hashlib.sha1(field.encode()).hexdigest()[:12]


def _same(given, expected) -> bool:
    return isinstance(given, str) and isinstance(expected, str) and hmac.compare_digest(given.encode(), expected.encode())


class _Guard:
    """Sends to the login page every request of a session that has not given the password (when there is one),
    and adds the safety headers to every response."""

    OPEN = {"/login", "/workbench.css", "/workbench.js"}          # the login page and its look; everything else is the data

    def __init__(self, app, password: str | None):
        self.app, self.password = app, password

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        headers = PREVIEW_HEADERS if scope["path"] == "/preview" else HEADERS

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      *((k.lower().encode(), v.encode()) for k, v in headers.items())]
            await send(message)
        if self.password is not None and scope["path"] not in self.OPEN and not scope["session"].get("signed_in"):
            return await RedirectResponse("/login", status_code=303)(scope, receive, with_headers)
        await self.app(scope, receive, with_headers)
