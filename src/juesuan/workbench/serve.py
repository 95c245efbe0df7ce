"""Start the workbench: refuse an unsafe address, open the browser, run the server until Ctrl+C."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

MIN_PASSWORD = 8


def is_local(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refusal(host: str, password: str | None) -> str:
    """Why the workbench must not start at `host` with `password` ("" when it may)."""
    if password is not None and password != "" and len(password) < MIN_PASSWORD:
        return f"密码太短：至少 {MIN_PASSWORD} 个字符（password too short）"
    if not is_local(host) and not password:
        return (f"工作台要在 {host} 上对局域网开放，必须设置密码：加 --password 或 --password-file"
                "（refusing to listen beyond this machine without a password）")
    return ""


def serve(root: Path, out_dir: Path, host: str, port: int, password: str | None, open_browser: bool = True) -> None:
    import uvicorn

    from .app import create_app

    app = create_app(root, out_dir, password=password, local=is_local(host))
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    print(f"工作台已启动：{address}（按 Ctrl+C 停止）", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(address,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
