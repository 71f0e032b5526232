"""Reading and checking the rule sets, and finding the published worksheets and rule sets."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .decimals import ONE, ZERO
from .framework import (
    _CODE,
    _IDENT,
    FLAGS,
    FRAMEWORKS_DIR,
    PREDICATES,
    RULE_KINDS,
    RULESETS_DIR,
    Framework,
    FrameworkError,
    Rule,
    RuleSet,
)
from .loading import (
    _Checker,
    _read_source,
    load_framework,
)


def _rule(c: _Checker, raw: object, where: str) -> Rule | None:
    data = c.node(raw, where)
    if data is None:
        return None
    kind = data.get("kind", "minimum")
    rule_id = c.code(data, "id", where, _IDENT)
    at = f"{where} ({rule_id})" if rule_id else where
    common = {"id", "label", "clause"}
    if kind == "minimum":
        c.keys(data, at, common | {"metric", "minimum"}, {"kind"})
        return Rule(
            id=rule_id,
            kind=kind,
            label=c.text(data, "label", at),
            clause=c.text(data, "clause", at),
            metric=c.code(data, "metric", at, _IDENT),
            minimum=c.number(data, "minimum", at, low=ZERO),
        )
    if kind == "area_ratio":
        c.keys(data, at, common | {"kind", "minimum_ratio"}, set())
        ratio = c.number(data, "minimum_ratio", at, low=ZERO, high=ONE)
        return Rule(
            id=rule_id,
            kind=kind,
            label=c.text(data, "label", at),
            clause=c.text(data, "clause", at),
            minimum_ratio=ratio,
        )
    if kind == "flag":
        c.keys(data, at, common | {"kind", "flag", "message"}, set())
        flag = c.text(data, "flag", at)
        if flag and flag not in FLAGS:
            c.add(at, f"penanda '{flag}' tidak dikenal (boleh: {', '.join(sorted(FLAGS))})")
        return Rule(
            id=rule_id,
            kind=kind,
            label=c.text(data, "label", at),
            clause=c.text(data, "clause", at),
            flag=flag,
            message=c.text(data, "message", at),
        )
    c.add(at, f"jenis aturan '{kind}' tidak dikenal (boleh: {', '.join(sorted(RULE_KINDS))})")
    return None


def check_rule_set_data(
    data: object, source: str = "", framework: Framework | None = None
) -> tuple[RuleSet | None, tuple[str, ...]]:
    """Build a RuleSet from parsed YAML, returning it (or None) with every problem found."""
    c = _Checker()
    top = c.node(data, source or "berkas")
    if top is None:
        return None, tuple(c.problems)
    c.keys(
        top,
        "",
        {
            "code",
            "title",
            "regulation",
            "scope",
            "version",
            "published",
            "frameworks",
            "predicates",
        },
        set(),
    )
    scope = c.text(top, "scope", "")
    if scope and scope not in ("local", "national"):
        c.add("", "'scope' harus local atau national")
    frameworks = []
    for i, item in enumerate(c.sequence(top.get("frameworks"), "frameworks")):
        if isinstance(item, str) and _CODE.match(item):
            frameworks.append(item)
        else:
            c.add(f"frameworks[{i}]", "harus berupa kode kerangka kerja")
    predicates: dict[str, tuple[Rule, ...]] = {}
    raw_predicates = c.mapping(top.get("predicates"), "predicates")
    for name in raw_predicates:
        if name not in PREDICATES:
            c.add("predicates", f"predikat '{name}' tidak dikenal (boleh: {', '.join(PREDICATES)})")
    for name in PREDICATES:
        if name not in raw_predicates:
            c.add("predicates", f"predikat '{name}' wajib ada")
            continue
        seen: set[str] = set()
        rules = []
        for i, item in enumerate(c.sequence(raw_predicates[name], f"predicates.{name}")):
            rule = _rule(c, item, f"predicates.{name}[{i}]")
            if rule is None:
                continue
            c.unique(seen, rule.id, f"predicates.{name}", "id aturan")
            if (
                framework is not None
                and rule.kind == "minimum"
                and rule.metric not in framework.metrics
            ):
                c.add(
                    f"predicates.{name}.{rule.id}",
                    f"ukuran '{rule.metric}' tidak ada di kerangka {framework.code}",
                )
            rules.append(rule)
        predicates[name] = tuple(rules)
    rule_set = RuleSet(
        code=c.code(top, "code", "", _CODE),
        title=c.text(top, "title", ""),
        regulation=c.text(top, "regulation", ""),
        scope=scope,
        version=c.integer(top, "version", "", low=1),
        published=c.boolean(top, "published", ""),
        frameworks=tuple(frameworks),
        predicates=predicates,
        source=source,
    )
    return (None if c.problems else rule_set), tuple(c.problems)


def load_rule_set(
    source: str | os.PathLike[str] | Mapping[str, Any], *, framework: Framework | None = None
) -> RuleSet:
    """Load a rule-set file (or parsed data), raising FrameworkError with every problem."""
    data, where = _read_source(source)
    rule_set, problems = check_rule_set_data(data, where, framework)
    if rule_set is None:
        raise FrameworkError([f"{where}: {p}" for p in problems])
    return rule_set


# --------------------------------------------------------------------------- discovery


@lru_cache(maxsize=32)
def _cached_framework(path: str, mtime_ns: int, size: int) -> Framework:
    return load_framework(path)


@lru_cache(maxsize=32)
def _cached_rule_set(path: str, mtime_ns: int, size: int) -> RuleSet:
    return load_rule_set(path)


def _yaml_files(directory: Path) -> Iterator[Path]:
    return iter(sorted(p for p in directory.glob("*.yaml") if p.is_file()))


def framework_from_file(path: str | os.PathLike[str]) -> Framework:
    """Load a framework file, reusing the parsed result while the file is unchanged."""
    stat = os.stat(path)
    return _cached_framework(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


def published_frameworks(directory: Path = FRAMEWORKS_DIR) -> tuple[Framework, ...]:
    """A.1: return the published framework files, latest (year, version) first."""
    frameworks = [framework_from_file(p) for p in _yaml_files(directory)]
    published = [f for f in frameworks if f.published]
    return tuple(sorted(published, key=lambda f: (f.year, f.version, f.code), reverse=True))


def find_framework(code: str | None = None, directory: Path = FRAMEWORKS_DIR) -> Framework:
    """Return the latest published framework (with this code, if given); KeyError if none."""
    for framework in published_frameworks(directory):
        if code is None or framework.code == code:
            return framework
    raise KeyError(code or "")


def rule_sets_for(framework: Framework, directory: Path = RULESETS_DIR) -> tuple[RuleSet, ...]:
    """A.6: return the published rule sets for a framework, the local one first."""
    found = []
    for path in _yaml_files(directory):
        stat = path.stat()
        rule_set = _cached_rule_set(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if rule_set.published and framework.code in rule_set.frameworks:
            found.append(rule_set)
    return tuple(sorted(found, key=lambda r: (r.scope != "local", r.code)))


def check_rule_set_for(rule_set: RuleSet, framework: Framework) -> tuple[str, ...]:
    """Return the rule-set problems that only show against a framework (unknown metrics)."""
    return tuple(
        f"{rule_set.code}.{name}.{rule.id}: ukuran '{rule.metric}' tidak ada di {framework.code}"
        for name, rules in rule_set.predicates.items()
        for rule in rules
        if rule.kind == "minimum" and rule.metric not in framework.metrics
    )
