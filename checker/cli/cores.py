"""How many processes `--jobs` starts by default: the cores this process may actually use.

Two limits can make that fewer than the machine has, and a container in CI often sets both:
- the affinity mask (`taskset`, `docker --cpuset-cpus`): the cores it may run on;
- the CPU quota of its control group (`docker --cpus 2`, a Kubernetes CPU limit): how much time
  it gets, whatever the cores. A quota of 2 on a 64-core host makes 64 workers contend for two
  cores' time, with 64 processes' memory.
Rust's `available_parallelism`, which sizes ruff's thread pool, reads the same two limits.
"""
from __future__ import annotations

import math
import os

CGROUP_ROOT = "/sys/fs/cgroup"
V1_CPU_MOUNTS = ("cpu", "cpu,cpuacct")  # where cgroup v1 mounts its cpu controller (one is a link to the other)


def usable_cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(cores, quota) if quota else cores)


def cpu_quota(proc_cgroup: str = "/proc/self/cgroup", root: str = CGROUP_ROOT) -> int | None:
    """The tightest CPU quota on this process's control group and its ancestors, in whole cores rounded up;
    None when there is none (or no control groups to read: not Linux, a sandbox without /sys)."""
    entries = _read(proc_cgroup).splitlines()
    quotas = []
    for entry in entries:
        hierarchy, controllers, path = entry.split(":", 2) if entry.count(":") >= 2 else ("", "", "")
        if hierarchy == "0" and not controllers:  # cgroup v2: one tree, cpu.max holds "quota period"
            quotas += [_v2(os.path.join(d, "cpu.max")) for d in _ancestors(root, path)]
        elif "cpu" in controllers.split(","):  # cgroup v1: the cpu controller's own tree
            quotas += [_v1(d) for mount in V1_CPU_MOUNTS for d in _ancestors(os.path.join(root, mount), path)]
    found = [q for q in quotas if q is not None]
    return min(found) if found else None


def _ancestors(mount: str, path: str) -> list[str]:
    """The group's directory and its parents up to the mount. In a container the mount is often the
    container's own group while the path names it on the host: such directories do not exist and the
    mount itself still counts."""
    parts = [p for p in path.strip("/").split("/") if p and p not in (".", "..")]
    dirs = [os.path.join(mount, *parts[:n]) for n in range(len(parts), -1, -1)]
    return [d for d in dirs if os.path.isdir(d)]


def _v2(cpu_max: str) -> int | None:
    fields = _read(cpu_max).split()
    if len(fields) != 2 or fields[0] == "max":
        return None
    return _cores(fields[0], fields[1])


def _v1(group: str) -> int | None:
    return _cores(_read(os.path.join(group, "cpu.cfs_quota_us")), _read(os.path.join(group, "cpu.cfs_period_us")))


def _cores(quota: str, period: str) -> int | None:
    """ceil(quota / period), or None for no quota (v1 writes -1) or text that is not two positive numbers."""
    try:
        q, p = int(quota), int(period)
    except ValueError:
        return None
    return math.ceil(q / p) if q > 0 and p > 0 else None


def _read(file: str) -> str:
    """The file's text, or "" when it cannot be read (no such group, no permission, not Linux)."""
    try:
        with open(file, encoding="ascii", errors="replace") as handle:
            return handle.read().strip()
    except OSError:
        return ""
