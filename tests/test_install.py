"""A plain (non-editable) install carries the rule packs and the report templates inside the package."""
import os
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("install") / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(site), str(ROOT)], check=True, capture_output=True, timeout=600)
    return site


def run_installed(site, code, *args, cwd):
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_installed_package_finds_its_rules_and_templates(site, tmp_path):
    assert (site / "checker" / "packs" / "equal.yaml").is_file()
    seed = tmp_path / "filing.txt"
    seed.write_bytes((ROOT / "examples" / "filing.txt").read_bytes())
    code = "import checker, sys; print(checker.__file__); from checker.cli.main import main; sys.exit(main())"
    result = run_installed(site, code, "--html", "report.html", "filing.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # the seed's one error
    assert result.stdout.startswith(str(site))  # the installed copy ran, not the working tree
    assert "filing.txt:22: error XR001" in result.stdout
    assert "XR001" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_installed_package_loads_its_packs_precompiled(site, tmp_path):
    assert (site / "checker" / "packs" / "compiled.json").is_file()
    code = "import sys; from checker.rules import load_rules; print(len(load_rules()), 'yaml' in sys.modules)"
    result = run_installed(site, code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False"  # compiled.json travelled with the packs and matched them
