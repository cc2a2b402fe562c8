"""The frozen app: build it with PyInstaller (packaging/ficwright.spec) and smoke-test it.

One build per run, into a temporary folder (about 20 s on Linux), shared by the tests here.
It runs in the normal `python -m pytest`; select or leave it out with `-m packaging` /
`-m "not packaging"` (or `-k packaging`). PyInstaller is installed into the running
environment if it is missing, as packaging/build.sh does.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "ficwright.spec"
# On disk, Linux: 137 MB (Qt and ICU are ~95 of it). Room for Qt point releases, not for a
# hook dragging in QtWebEngine, QtQuick or GTK.
SIZE_LIMIT_MB = 200
UNWANTED = (
    "QtWebEngine",
    "Qt6WebEngine",
    "QtQuick",
    "Qt6Quick",
    "QtQml",
    "Qt6Qml",
    "Qt63D",
    "Qt3D",
    "QtPdf",
    "Qt6Pdf",
    "QtMultimedia",
    "Qt6Multimedia",
    "libgtk",
    "libcairo",
)


def _smoke_module():
    # packaging/ is not a package (the name would shadow PyPI's `packaging`): load by path.
    spec = importlib.util.spec_from_file_location(
        "ficwright_smoke", ROOT / "packaging" / "smoke.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "pyinstaller>=6.10"], check=True
        )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _ensure_pyinstaller()
    tmp = tmp_path_factory.mktemp("pyinstaller")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FICWRIGHT_")}
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp / "dist"),
            "--workpath",
            str(tmp / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    took = time.monotonic() - started
    assert result.returncode == 0, (
        f"PyInstaller failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    print(f"PyInstaller build: {took:.1f} s")
    dist = tmp / "dist" / "Ficwright"
    assert dist.is_dir()
    return dist


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def test_bundle_holds_the_data_the_app_reads(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "editor" / "resources" / "sample.ficwright").is_file()
    assert (internal / "editor" / "resources" / "dictionaries" / "en_GB-only.txt").is_file()
    assert (internal / "editor" / "resources" / "dictionaries" / "en_US-only.txt").is_file()
    languages = sorted(p.name for p in (internal / "spellchecker" / "resources").glob("*.json.gz"))
    assert "en.json.gz" in languages and len(languages) >= 12, languages
    assert (internal / "docx" / "templates" / "default.docx").is_file()


def test_bundle_is_lean(bundle: Path) -> None:
    files = _files(bundle)
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"bundle: {size_mb:.0f} MB in {len(files)} files")
    assert size_mb < SIZE_LIMIT_MB
    unwanted = [str(p.relative_to(bundle)) for p in files if any(u in p.name for u in UNWANTED)]
    assert not unwanted


def test_frozen_app_starts_opens_the_sample_checks_and_exports(bundle: Path) -> None:
    smoke = _smoke_module()
    try:
        smoke.smoke(bundle)
    except smoke.SmokeFailed as e:
        pytest.fail(str(e))
