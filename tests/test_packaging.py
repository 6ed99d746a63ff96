"""The wheel carries the ontology, the named queries and the data files, and kg finds them there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    (found,) = out.glob("kg-*.whl")
    return found


def test_wheel_holds_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("kg/_res/ontology/kg.ttl", "kg/_res/ontology/fields.ttl", "kg/_res/ontology/shapes.ttl",
                 "kg/_res/queries/actors.rq", "kg/_res/queries/sources.rq", "kg/_res/queries/broad/indicators.rq",
                 "kg/_res/data/vocab/titles.tsv",
                 "kg/_res/data/vocab/countries.csv", "kg/_res/data/sample/000_1f96c10d0fb14883.txt", "kg/py.typed"):
        assert name in names, name


def test_installed_package_loads_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "from kg import resources, queries; "
        "print(resources.root()); print(len(queries.catalog()) + len(queries._broad_forms())); "
        "print(resources.path('ontology', 'kg.ttl').stat().st_size > 0)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    root, count, ok = done.stdout.split()
    assert Path(root) == target / "kg" / "_res"
    assert int(count) >= 11 and ok == "True"
