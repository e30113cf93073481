"""A plain (non-editable) install carries the rule packs and the report templates inside the package."""
import os
import subprocess
import sys

from conftest import ROOT


def test_installed_package_finds_its_rules_and_templates(tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(site), str(ROOT)], check=True, capture_output=True, timeout=600)
    assert (site / "checker" / "packs" / "equal.yaml").is_file()
    seed = tmp_path / "filing.txt"
    seed.write_bytes((ROOT / "examples" / "filing.txt").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import checker, sys; print(checker.__file__); from checker.cli.main import main; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", code, "--html", "report.html", "filing.txt"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr  # the seed's one error
    assert result.stdout.startswith(str(site))  # the installed copy ran, not the working tree
    assert "filing.txt:22: error XR001" in result.stdout
    assert "XR001" in (tmp_path / "report.html").read_text(encoding="utf-8")
