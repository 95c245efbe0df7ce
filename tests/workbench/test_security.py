"""The workbench's safety rules, tried from outside: the address, the password, CSRF, host names, headers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from juesuan.cli import main
from juesuan.workbench.app import create_app
from juesuan.workbench.serve import refusal

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "正确的密码-2024"


def locked(tmp_path) -> TestClient:
    return TestClient(create_app(ROOT / "data", tmp_path, password=PASSWORD, local=False),
                      base_url="http://192.168.1.20:8000", follow_redirects=False)


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_listening_on_the_network_needs_a_password(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(ROOT / "data"), "--host", "0.0.0.0", "--no-browser"],
                                env={"JUESUAN_PASSWORD": ""})
    assert result.exit_code == 2 and "必须设置密码" in result.output
    assert refusal("0.0.0.0", "short") .startswith("密码太短")
    assert refusal("0.0.0.0", PASSWORD) == "" and refusal("127.0.0.1", None) == "" and refusal("::1", None) == ""
    assert refusal("192.168.1.20", None) != ""


def test_every_page_asks_for_the_password_first(tmp_path):
    browser = locked(tmp_path)
    answer = browser.get("/")
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert "各单位" not in answer.text


def test_a_wrong_password_or_a_forged_form_does_not_get_in(tmp_path):
    browser = locked(tmp_path)
    token = csrf(browser.get("/login").text)
    wrong = browser.post("/login", data={"csrf": token, "password": "猜的密码12345"})
    assert wrong.status_code == 401 and "密码不对" in wrong.text
    forged = browser.post("/login", data={"csrf": "made-up", "password": PASSWORD})
    assert forged.status_code == 403
    elsewhere = locked(tmp_path)          # another browser's form token is not this session's
    assert elsewhere.post("/login", data={"csrf": token, "password": PASSWORD}).status_code == 403
    assert browser.get("/").status_code == 303


def test_the_right_password_opens_a_session(tmp_path):
    browser = locked(tmp_path)
    signed = browser.post("/login", data={"csrf": csrf(browser.get("/login").text), "password": PASSWORD})
    assert signed.status_code == 303 and signed.headers["location"] == "/"
    assert "mianzhu-yibao" in browser.get("/").text


def test_on_this_machine_only_requests_addressed_to_it_are_answered(tmp_path):
    local = create_app(ROOT / "data", tmp_path)
    assert TestClient(local, base_url="http://127.0.0.1:8000").get("/workbench.css").status_code == 200
    rebound = TestClient(local, base_url="http://attacker.example:8000").get("/")   # DNS rebinding
    assert rebound.status_code == 400


def test_responses_forbid_framing_sniffing_and_foreign_content(tmp_path):
    answer = locked(tmp_path).get("/login")
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    assert answer.headers["x-frame-options"] == "DENY" and answer.headers["x-content-type-options"] == "nosniff"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("action, form", [
    ("/new", {"folder": "x", "year": "2024"}), ("/fields", {"f": "mianzhu-yibao/2024.yaml", "block": "单位",
                                                           "v:单位 → 名称": "改掉的名称"}),
    ("/reason", {"f": "mianzhu-yibao/2024.yaml", "block": "变动原因", "key": "公务接待费", "text": "改掉"}),
    ("/workbook", {"f": "mianzhu-yibao/2024.yaml"}), ("/build", {"f": "mianzhu-yibao/2024.yaml"}),
    ("/rebuild", {}),
])
def test_nothing_changes_without_the_password_or_with_another_sessions_form(tmp_path, action, form):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    workbook = {"workbook": ("2024.xlsx", (data / "mianzhu-yibao" / "2024.xlsx").read_bytes())}
    files = workbook if action in ("/new", "/workbook") else None

    stranger = TestClient(create_app(data, tmp_path / "out", password=PASSWORD, local=False),
                          base_url="http://192.168.1.20:8000", follow_redirects=False)
    answer = stranger.post(action, data={"csrf": "x", **form}, files=files)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"

    signed = TestClient(stranger.app, base_url="http://192.168.1.20:8000", follow_redirects=False)
    signed.post("/login", data={"csrf": csrf(signed.get("/login").text), "password": PASSWORD})
    other = TestClient(stranger.app, base_url="http://192.168.1.20:8000", follow_redirects=False)
    token = csrf(other.get("/login").text)             # a token, but another browser's
    assert signed.post(action, data={"csrf": token, **form}, files=files).status_code == 403
    assert signed.post(action, data=form, files=files).status_code == 403
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_only_the_preview_may_carry_style_attributes_and_no_page_runs_inline_script(tmp_path):
    browser = TestClient(create_app(ROOT / "data", tmp_path), base_url="http://127.0.0.1")
    preview = browser.get("/preview", params={"f": "mianzhu-yibao/2024.yaml"}).headers["content-security-policy"]
    unit = browser.get("/unit", params={"f": "mianzhu-yibao/2024.yaml"}).headers["content-security-policy"]
    assert "style-src 'self' 'unsafe-inline'" in preview and "unsafe-inline" not in unit
    assert "script-src" not in preview and "frame-ancestors 'none'" in preview   # scripts: default-src 'self'
