"""`juesuan check` starts fast: checking a data file never loads the PDF engine or the plotting library."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("weasyprint", "matplotlib", "docx", "pypdf", "fontTools", "rich")

PROBE = """
import sys
from click.testing import CliRunner
from juesuan.cli import main
result = CliRunner().invoke(main, ["check", sys.argv[1]])
print(result.exit_code, [name for name in sys.argv[2:] if name in sys.modules])
"""


def test_checking_a_data_file_imports_no_writer():
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "data" / "beiguan-yibao" / "2021.yaml"), *HEAVY],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env={"PYTHONPATH": str(ROOT / "src"),
                                                                                    "PATH": "/usr/bin:/bin"})
    assert done.stdout.split("\n")[0] == "0 []", done.stdout + done.stderr
