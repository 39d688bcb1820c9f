"""Every public name in helpers has at least five bad-input cases in the tables
(tests/test_errors*.py, see tests/_errors.py for the case ids).

A public name is a function or class defined in a helpers module (or lesson module) whose
name does not start with "_" and that takes at least one argument (for a class: its
constructor or its update). Exempt: names whose bad input is tested elsewhere, each with
the reason.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import helpers
import helpers.lessons

MODULES = ["data", "drawing", "gradcheck", "layers", "losses", "optim", "plots", "surfaces",
           "train", "value", "widgets", "playground", "checks", "feedback"]
MINIMUM = 5
EXEMPT = {
    # checkers: tests/test_checkers_survive.py feeds each of them 16 broken functions and
    # 6 bad values, and tests/test_exercises.py typical wrong answers
    **{},
}


def _takes_arguments(obj) -> bool:
    targets = [obj]
    if inspect.isclass(obj):
        targets = [obj.__init__, getattr(obj, "update", None)]
    for t in targets:
        if t is None or t is object.__init__:
            continue
        try:
            params = [p for p in inspect.signature(t).parameters.values() if p.name != "self"]
        except (TypeError, ValueError):
            continue
        if params:
            return True
    return False


def public_objects() -> list[tuple[str, object]]:
    """("module.Name", object) for every public function and class with arguments."""
    found = []
    modules = [(f"helpers.{m}", m) for m in MODULES]
    modules += [(f"helpers.lessons.{i.name}", i.name)
                for i in pkgutil.iter_modules(helpers.lessons.__path__)]
    for full, short in modules:
        mod = importlib.import_module(full)
        for name, obj in list(vars(mod).items()):
            if name.startswith("_") or getattr(obj, "__module__", None) != full:
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            if short.startswith("l") and name.startswith("check_"):
                continue  # checkers: tests/test_checkers_survive.py and test_exercises.py
            if _takes_arguments(obj):
                found.append((f"{short}.{name}", obj))
    return found


def public_names() -> list[str]:
    return [name for name, _ in public_objects()]


def case_ids() -> list[str]:
    ids = []
    for path in sorted(Path(__file__).parent.glob("test_errors*.py")):
        if path.stem == "test_errors_cover":
            continue
        mod = importlib.import_module(path.stem)
        ids += [c[0] for c in getattr(mod, "CASES", [])]
    return ids


def count(name: str, ids: list[str]) -> int:
    """Cases whose id starts with the name, with or without its module ("plots.figure ...",
    "Dense.forward ...", "Dense ...")."""
    short = name.split(".", 1)[1]
    heads = (name, short)
    return sum(1 for i in ids
               if any(i == h or i.startswith(h + " ") or i.startswith(h + ".") for h in heads))


def test_every_public_name_has_five_bad_input_cases():
    ids = case_ids()
    thin = {n: count(n, ids) for n in public_names() if n not in EXEMPT}
    thin = {n: c for n, c in thin.items() if c < MINIMUM}
    assert not thin, (f"{len(thin)} public names have fewer than {MINIMUM} bad-input cases: "
                      + ", ".join(f"{n} ({c})" for n, c in sorted(thin.items())))
