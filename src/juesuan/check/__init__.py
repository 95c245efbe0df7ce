"""`juesuan check`: prove a data file (and the document made from it) consistent and publishable.

Library use::

    from juesuan.check import check_file
    findings = check_file(Path("data/mianzhu-yibao/2024.yaml"))
    errors = [f for f in findings if f.severity == "错误"]
"""

from .command import check_command, check_file
from .config import CheckConfig, load_config
from .engine import CheckContext, Finding, Hit, registry, rule, run_checks
from .tolerance import consistent

__all__ = [
    "check_command",
    "check_file",
    "CheckConfig",
    "load_config",
    "CheckContext",
    "Finding",
    "Hit",
    "registry",
    "rule",
    "run_checks",
    "consistent",
]
