"""`pip install .` gives a notebook opened outside the repository a working `helpers`.

A JupyterHub image, a copied notebook or a hosted Jupyter has no ../helpers beside the
notebook, so its first cell imports the installed package. The fast tests check the
packaging config against the repository: the runtime dependencies are exactly what helpers/
imports, pinned to the versions in requirements.txt, and every data file is packaged. The
slow tests build the wheel, install a copy of the checkout (not editable) into a fresh venv,
and run notebooks/00_welcome.ipynb (it loads the digits) from an empty folder with that
venv's kernel. They build from a copy, so no build/ or *.egg-info/ is left in the checkout;
pip's cache is used, so a re-run takes well under a minute.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
NOTEBOOK = ROOT / "notebooks" / "00_welcome.ipynb"
DATA_DIR = ROOT / "helpers" / "data"
# what a copy of the checkout leaves out: local environments, caches and build output
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", ".venv-*", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".ruff_cache", ".hypothesis",
                                    ".ipynb_checkpoints", "_work", "screenshots")


def pins(path: Path) -> dict[str, str]:
    """{canonical name: version} of every `name==version` line of a requirements file."""
    found = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            spec = str(req.specifier)
            found[canonicalize_name(req.name)] = spec[2:] if spec.startswith("==") else spec
    return found


REQUIREMENTS = pins(ROOT / "requirements.txt")


def declared() -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, PROJECT.get("dependencies", []))}


def imported_by_helpers() -> set[str]:
    """Top-level names of every third-party module helpers/ imports, at any depth."""
    names = set()
    for path in (ROOT / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"helpers"}


def requirement_closure(names) -> set[str]:
    """The distributions `names` need, with everything they need in turn (read from this
    environment's installed metadata; extras left out)."""
    seen, todo = set(), list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.requires(name) or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


# --- fast: the packaging config agrees with the repository ---------------------------------


def test_dependencies_are_pinned_to_exactly_the_requirements_txt_versions():
    deps = declared()
    assert deps, "pyproject.toml [project] dependencies is empty: `pip install .` would not bring numpy"
    wrong = []
    for name, req in deps.items():
        spec = str(req.specifier)
        if not spec.startswith("==") or "," in spec:
            wrong.append(f"{req}: pin it with == to the requirements.txt version")
        elif name not in REQUIREMENTS:
            wrong.append(f"{req}: not in requirements.txt (add it there too, with the same pin)")
        elif spec[2:] != REQUIREMENTS[name]:
            wrong.append(f"{req}: requirements.txt pins {name}=={REQUIREMENTS[name]}")
    assert not wrong, "pyproject.toml dependencies drifted from requirements.txt:\n" + "\n".join(wrong)


def test_dependencies_are_what_helpers_imports():
    deps = set(declared())
    modules = imported_by_helpers()
    dist_of = metadata.packages_distributions()
    unknown = sorted(m for m in modules if m not in dist_of)
    assert not unknown, f"helpers imports {unknown}, which no installed distribution provides"
    direct = {canonicalize_name(d) for m in modules for d in dist_of[m]}
    # a module that a declared dependency already requires (PIL via matplotlib, IPython via
    # ipywidgets) is installed with it, so it needs no pin of its own
    missing = sorted(direct - requirement_closure(deps))
    assert not missing, (f"helpers imports modules from {missing}, but `pip install .` would not "
                         "install them: add them to [project] dependencies, pinned as in requirements.txt")
    extra = sorted(deps - direct)
    assert not extra, f"[project] dependencies lists {extra}, which helpers never imports"


def test_only_helpers_is_packaged_and_every_data_file_with_it():
    setuptools_cfg = PYPROJECT["tool"]["setuptools"]
    packages = sorted(".".join(p.parent.relative_to(ROOT).parts)
                      for p in (ROOT / "helpers").rglob("__init__.py"))
    assert setuptools_cfg["packages"] == packages, "package every folder of helpers/, nothing else"
    patterns = setuptools_cfg["package-data"]["helpers"]
    files = sorted(p.relative_to(ROOT / "helpers").as_posix() for p in DATA_DIR.iterdir()
                   if p.is_file() and not p.name.startswith("."))
    assert "data/digits.csv.gz" in files and "data/README.md" in files
    left_out = [f for f in files if not any(PurePosixPath(f).match(pat) for pat in patterns)]
    assert not left_out, f"not in [tool.setuptools.package-data] helpers, so not installed: {left_out}"
    stale = [pat for pat in patterns if not any(PurePosixPath(f).match(pat) for f in files)]
    assert not stale, f"package-data patterns that match no file in helpers/data: {stale}"


def test_build_system_and_python_are_pinned():
    build = PYPROJECT["build-system"]
    assert build["build-backend"] == "setuptools.build_meta"
    assert all("==" in r for r in build["requires"]), build["requires"]
    assert PROJECT["requires-python"] == ">=3.11"


# --- slow: build, install into a fresh venv, run a notebook outside the repository ----------


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    """Run without the test's PYTHONPATH or matplotlib backend, as a learner's setup would."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, **kwargs)


def copy_of_checkout(where: Path) -> Path:
    """The checkout as a clone would have it, so building leaves nothing in the real one."""
    return Path(shutil.copytree(ROOT, where, ignore=NOT_COPIED))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist",
                copy_of_checkout(tmp / "src")], timeout=600)
    assert done.returncode == 0, f"building the wheel failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    (built,) = (tmp / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """A fresh venv with the checkout installed (not editable) plus a kernel and nbclient;
    returns (its python, its site-packages)."""
    tmp = tmp_path_factory.mktemp("installed")
    env = tmp / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    py = env / ("Scripts" if os.name == "nt" else "bin") / "python"  # a venv's Python, on Windows too
    extras = [f"ipykernel=={REQUIREMENTS['ipykernel']}", f"nbclient=={metadata.version('nbclient')}"]
    done = run([py, "-m", "pip", "install", "-q", copy_of_checkout(tmp / "src"), *extras], timeout=900)
    assert done.returncode == 0, f"pip install <checkout> failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    purelib = run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    return py, Path(purelib).resolve()


@pytest.mark.slow
def test_wheel_holds_helpers_and_its_data_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "helpers/__init__.py" in names and "helpers/data.py" in names
    assert "helpers/data/digits.csv.gz" in names, f"the digits are not in the wheel: {names}"
    assert "helpers/data/README.md" in names, f"the data README is not in the wheel: {names}"
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"helpers"}, f"the wheel holds more than helpers/: {sorted(tops)}"
    stray = [n for n in names if n.endswith((".ipynb", ".pyc")) or "/tests/" in n]
    assert not stray, f"the wheel holds notebooks, tests or bytecode: {stray}"
    (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    text = zipfile.ZipFile(wheel).read(meta).decode()
    for dep in PROJECT["dependencies"]:
        assert f"Requires-Dist: {dep}" in text, f"{dep} is not in the wheel's metadata"


RUNNER = """
import sys
import nbformat
from nbclient import NotebookClient

path, cwd = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
try:
    for attempt in (1, 2, 3):  # a kernel that lost a port to another worker: see kernel_start.py
        client = NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": cwd}})
        try:
            client.execute()
            break
        except RuntimeError as e:
            if "Kernel died before replying" not in str(e) or attempt == 3:
                raise
finally:
    nbformat.write(nb, path)
"""

PROBE = "import helpers, sys\nprint('HELPERS', helpers.__file__)\nprint('PYTHON', sys.prefix)"


@pytest.mark.slow
def test_a_notebook_outside_the_repository_runs_on_the_installed_helpers(installed, tmp_path):
    py, site_packages = installed
    folder = tmp_path / "empty" / "course"  # nothing beside it: no ../helpers to find
    folder.mkdir(parents=True)
    assert not (folder.parent / "helpers").exists()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    copy = folder / NOTEBOOK.name
    nbformat.write(nb, copy)
    (folder / "run.py").write_text(RUNNER, encoding="utf-8")
    done = run([py, folder / "run.py", copy, folder], cwd=folder, timeout=600)

    problems, lines = [], []
    for i, cell in enumerate(c for c in nbformat.read(copy, as_version=4).cells if c.cell_type == "code"):
        for o in cell.get("outputs", []):
            if o.output_type == "error":
                problems.append(f"code cell {i + 1}: {o.ename}: {o.evalue}")
            elif o.output_type == "stream" and o.name == "stderr":
                problems.append(f"code cell {i + 1}: stderr {o.text[:300]!r}")
            elif o.output_type == "stream":
                lines += o.text.splitlines()
    assert not problems, f"{NOTEBOOK.name} failed outside the repository:\n" + "\n".join(problems)
    assert done.returncode == 0, f"executing {NOTEBOOK.name} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert any(line.startswith("images: (1797, 64)") for line in lines), "the digits were not loaded"

    probe = dict(line.split(" ", 1) for line in lines if line.startswith(("HELPERS ", "PYTHON ")))
    assert Path(probe["PYTHON"]).resolve() == py.parent.parent.resolve(), \
        f"the kernel ran in {probe['PYTHON']}, not in the fresh venv {py.parent.parent}"
    helpers_file = Path(probe["HELPERS"]).resolve()
    assert helpers_file.is_relative_to(site_packages), \
        f"the notebook imported {helpers_file}, not the package installed in {site_packages}"
    assert not helpers_file.is_relative_to(ROOT)
