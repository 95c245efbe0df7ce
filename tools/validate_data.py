"""Read one or more data files as a build does (narrative, 公开表, 上年) and print their problems."""
import sys

from juesuan.errors import DataError
from juesuan.inputs import load

for path in sys.argv[1:]:
    try:
        loaded = load(path)
        print(f"{path}: OK（{len(loaded.tables)} 张公开表）")
        for notice in loaded.notices:
            print(f"  提示：{notice}")
    except DataError as exc:
        print(exc)
