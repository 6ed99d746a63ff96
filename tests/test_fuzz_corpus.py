"""Replay the atheris corpus (``fuzz/corpus/<target>/``) through the fuzz targets' checks.

Atheris does not run in CI; this test runs every input the fuzzer kept (and every crash it
found, saved there as a regression) through the same ``check`` function, without atheris.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
TARGETS = ("readers", "dates", "numbers")


def _target(name: str) -> ModuleType:
    sys.path.insert(0, str(FUZZ))
    try:
        spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"fuzz_{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(FUZZ))


def _inputs() -> list[tuple[str, Path]]:
    return [(t, f) for t in TARGETS for f in sorted((FUZZ / "corpus" / t).iterdir()) if f.is_file()]


def test_every_target_has_a_corpus() -> None:
    counts = {t: sum(1 for x, _ in _inputs() if x == t) for t in TARGETS}
    assert all(n >= 5 for n in counts.values()), counts


@pytest.mark.parametrize("target", TARGETS)
def test_corpus_replays_without_failure(target: str) -> None:
    check = _target(target).check
    files = [f for t, f in _inputs() if t == target]
    failures = []
    for f in files:
        try:
            check(f.read_bytes())
        except Exception as exc:  # noqa: BLE001 - collect them all, then report
            failures.append(f"{f.name}: {exc!r}")
    assert failures == [], failures


@pytest.mark.parametrize(
    ("target", "data"),
    [
        # Found by atheris / by the seed run: each raised before its fix.
        ("dates", (3652059 - 1).to_bytes(3, "big") + b"tomorrow, next Tuesday, coming January"),
        ("dates", (0).to_bytes(3, "big") + b"yesterday, last Monday, in October, February 17"),
        ("numbers", b"A$2225555555555555555555555555555555555555555555555555555555555555555.5on"),
        ("readers", b'{"text": "Vietnam \\ud800 met", "url": "https://e.org/\\udc00"}'),
        ("readers", b'{"text": "\\u200b\\u202e "}'),
    ],
    ids=["dates-9999-12-31-overflow", "dates-0001-01-01-overflow", "numbers-30-digit-amount", "readers-lone-surrogate",
         "readers-invisible-only-text"],
)
def test_fixed_findings_stay_fixed(target: str, data: bytes) -> None:
    _target(target).check(data)
