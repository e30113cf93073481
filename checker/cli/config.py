"""Configuration from `[tool.check]` in pyproject.toml or from `.check.yaml`.

Found by walking up from the working directory; the nearest directory that
has either wins (`.check.yaml` before a pyproject.toml in the same directory;
a pyproject.toml without a [tool.check] table does not count).  Strict: an
unknown key or a bad value is an error that names the file, the key and what
is allowed.  Paths in the file are relative to the file's directory.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.reporters import FORMATS as REPORTERS

FAIL_LEVELS = ("error", "warning", "info")
FORMATS = tuple(REPORTERS)


class ConfigError(Exception):
    """A configuration problem; str() is the full message for the user."""


@dataclass
class Config:
    """The settings a configuration file gives, and where it is (for error messages)."""

    source: Path | None = None
    where: str | None = None         # how its errors name it: "pyproject.toml: [tool.check]"
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_rules: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    format: str | None = None
    glob: str | None = None
    jobs: int | None = None
    baseline: Path | None = None
    cache_dir: Path | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # file pattern -> rule names


def _rule_list(where: str, key: str, value: object) -> list[str]:
    return _rule_names(value, f'{where}: key "{key}"')


def _rule_names(value: object, at: str) -> list[str]:
    """A list of rule ids (a single one may stand alone); `at` says where, for the error."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{at}: expected a list of rule ids (strings), got {value!r}")
    return list(value)


def _choice(allowed: tuple[str, ...]):
    def check(where: str, key: str, value: object) -> str:
        if value not in allowed:
            raise ConfigError(f'{where}: key "{key}": {value!r} is not one of: {", ".join(allowed)}')
        return value
    return check


def _text(where: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f'{where}: key "{key}": expected a non-empty string, got {value!r}')
    return value


def _jobs(where: str, key: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f'{where}: key "{key}": expected a positive integer, got {value!r}')
    return value


def _paths(where: str, key: str, value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f'{where}: key "{key}": expected a directory or a list of directories, got {value!r}')
    return value


def _per_file_ignores(where: str, key: str, value: object) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: key "{key}": expected a table of file patterns, each with a list of rule ids, '
                          f'got {value!r}')
    table = {}
    for pattern, names in value.items():
        if not isinstance(pattern, str) or not pattern:
            raise ConfigError(f'{where}: key "{key}": expected file patterns (strings), got {pattern!r}')
        table[pattern] = _rule_names(names, f'{where}: key "{key}": pattern "{pattern}"')
    return table


KEYS = {
    "select": ("select", _rule_list),
    "extend-select": ("extend_select", _rule_list),
    "ignore": ("ignore", _rule_list),
    "extend-rules": ("extend_rules", _paths),
    "fail-on": ("fail_on", _choice(FAIL_LEVELS)),
    "format": ("format", _choice(FORMATS)),
    "glob": ("glob", _text),
    "jobs": ("jobs", _jobs),
    "baseline": ("baseline", _text),
    "cache-dir": ("cache_dir", _text),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
}


def validate(table: object, source: Path, where: str) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of settings, got {type(table).__name__}")
    config = Config(source=source, where=where)
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f'{where}: unknown key "{key}"; allowed keys: {", ".join(sorted(KEYS))}')
        name, check = KEYS[key]
        setattr(config, name, check(where, key, value))
    base = source.parent
    config.extend_rules = [base / p for p in config.extend_rules]
    if config.baseline is not None:
        config.baseline = base / config.baseline
    if config.cache_dir is not None:
        config.cache_dir = base / config.cache_dir
    return config


def read_yaml(path: Path) -> Config:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return validate({} if data is None else data, path, str(path))


def read_pyproject(path: Path) -> Config | None:
    """The [tool.check] table, or None when the file has none."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict) or "check" not in tool:
        return None
    return validate(tool["check"], path, f"{path}: [tool.check]")


def read_config(path: Path) -> Config:
    """An explicitly named configuration file (--config)."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    if path.name.endswith(".toml"):
        return read_pyproject(path) or Config(source=path)
    return read_yaml(path)


def find_config(start: Path) -> Config:
    """The nearest configuration from `start` upwards, or defaults."""
    for directory in (start, *start.parents):
        yaml_file = directory / ".check.yaml"
        if yaml_file.is_file():
            return read_yaml(yaml_file)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            config = read_pyproject(pyproject)
            if config is not None:
                return config
    return Config()
