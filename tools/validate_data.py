"""Validate one data file and print its problems (used while transcribing seeds)."""
import sys

from juesuan.errors import DataError
from juesuan.load.yaml_reader import read_yaml
from juesuan.validate import validate

for path in sys.argv[1:]:
    try:
        validate(read_yaml(path))
        print(f"{path}: OK")
    except DataError as exc:
        print(exc)
