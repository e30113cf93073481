import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))  # bench/ helpers are shared with the tests

# The suite checks files afresh; tests/test_cache.py turns the results cache on where it is the subject.
import os  # noqa: E402

os.environ["CHECK_NO_CACHE"] = "1"
