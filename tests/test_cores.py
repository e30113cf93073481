"""The default of --jobs: the affinity mask and the control group's CPU quota, read from fake trees."""
from pathlib import Path

import pytest

from checker.cli import cores
from checker.cli.cores import cpu_quota


def tree(tmp_path: Path, proc: str, files: dict[str, str]) -> tuple[Path, Path]:
    """A fake /proc/self/cgroup holding `proc` and a fake /sys/fs/cgroup holding `files`."""
    root = tmp_path / "cgroup"
    root.mkdir()
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (tmp_path / "proc").write_text(proc)
    return str(tmp_path / "proc"), str(root)


@pytest.mark.parametrize("proc,files,cores", [
    ("0::/\n", {"cpu.max": "200000 100000\n"}, 2),                       # v2, in a container: docker --cpus 2
    ("0::/\n", {"cpu.max": "150000 100000\n"}, 2),                       # 1.5 cores' time: rounded up
    ("0::/\n", {"cpu.max": "50000 100000\n"}, 1),
    ("0::/\n", {"cpu.max": "max 100000\n"}, None),                       # no quota
    ("0::/ci/job\n", {"cpu.max": "max 100000", "ci/cpu.max": "300000 100000",
                      "ci/job/cpu.max": "max 100000"}, 3),               # a parent's quota binds its children
    ("0::/ci/job\n", {"ci/job/cpu.max": "400000 100000", "ci/cpu.max": "100000 100000"}, 1),  # the tightest
    ("4:cpu,cpuacct:/docker/abc\n", {"cpu/cpu.cfs_quota_us": "200000", "cpu/cpu.cfs_period_us": "100000"},
     2),                                                                 # v1: the mount is the container's group
    ("4:cpu,cpuacct:/\n", {"cpu/cpu.cfs_quota_us": "-1", "cpu/cpu.cfs_period_us": "100000"}, None),
    ("4:memory:/x\n0::/\n", {"unified/cpu.stat": ""}, None),            # hybrid, cpu not limited anywhere
    ("0::/\n", {"cpu.max": "garbage\n"}, None),
    ("0::/\n", {}, None),
    ("not a cgroup line\n", {"cpu.max": "100000 100000"}, None),
])
def test_cpu_quota(tmp_path, proc, files, cores):
    assert cpu_quota(*tree(tmp_path, proc, files)) == cores


def test_no_control_groups_to_read(tmp_path):
    assert cpu_quota(str(tmp_path / "missing"), str(tmp_path)) is None


def test_usable_cores_is_the_tighter_limit(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(64)), raising=False)
    monkeypatch.setattr(cores, "cpu_quota", lambda: 2)
    assert cores.usable_cores() == 2
    monkeypatch.setattr(cores, "cpu_quota", lambda: None)
    assert cores.usable_cores() == 64
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(cores, "cpu_quota", lambda: 8)
    assert cores.usable_cores() == 2
