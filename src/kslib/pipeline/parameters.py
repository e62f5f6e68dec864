"""Notebook parameters: read from the notebooks' ``parameters`` cells, checked before any kernel starts.

The ``parameters`` cell of each notebook is the single declaration of what a
notebook accepts: simple typed literals, one per line, with a comment
(``year = 2020  # the report's year``).  :func:`declared_parameters` reads
it with :mod:`ast` (no kernel, no papermill), and :func:`check_parameters`
rejects unknown names, wrong types and values outside :data:`CHOICES` with a
one-line :class:`~kslib.errors.ParameterError`.  Text given for a number, a
boolean or a list (what ``papermill -r year 2020`` and a scheduler's templated
parameters send) is read as such first (:func:`coerce_to`): ``"2020"`` for an int
parameter is 2020, ``"20x0"`` is a ParameterError.

:func:`load_params_file` reads a YAML run file.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kslib.errors import ParameterError

CHOICES: dict[str, tuple] = {"audience": ("nämnd", "analytiker")}
RUN_FILE_KEYS = ("years", "year", "notebooks", "parameters")


@dataclass(frozen=True)
class Parameter:
    """One line of a notebook's ``parameters`` cell."""

    name: str
    default: Any
    comment: str = ""

    @property
    def type(self) -> type:
        return type(self.default)


# --------------------------------------------------------------------------- declared parameters

def parameters_cell(notebook: dict, *, where: str = "notebook") -> str:
    """The source of the cell tagged ``parameters`` (ParameterError if there is none)."""
    for cell in notebook.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell.get("source", "")
            return "".join(src) if isinstance(src, list) else src
    raise ParameterError(f"{where}: no cell tagged 'parameters'")


def parse_parameters_source(source: str, *, where: str = "parameters cell") -> dict[str, Parameter]:
    """``name = literal  # comment`` lines → :class:`Parameter` by name."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"{where}: line {exc.lineno}: not valid Python ({exc.msg})") from None
    lines = source.splitlines()
    out: dict[str, Parameter] = {}
    for node in tree.body:
        target = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, value = node.target.id, node.value
        if target is None:
            raise ParameterError(f"{where}: line {node.lineno}: only 'name = literal' assignments belong here")
        try:
            default = ast.literal_eval(value)
        except ValueError:
            raise ParameterError(f"{where}: line {node.lineno}: {target} must be a literal "
                                 f"(number, string, boolean, list)") from None
        text = lines[node.lineno - 1]
        comment = text.split("#", 1)[1].strip() if "#" in text else ""
        out[target] = Parameter(target, default, comment)
    return out


def declared_parameters(notebook_path: str | Path) -> dict[str, Parameter]:
    """The parameters a notebook file declares, by name."""
    path = Path(notebook_path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"{path}: notebook not found") from None
    except (OSError, ValueError) as exc:
        raise ParameterError(f"{path}: not a readable notebook ({exc})") from None
    return parse_parameters_source(parameters_cell(nb, where=str(path)), where=f"{path.name}: parameters cell")


def check_parameters(values: dict[str, Any], declared: dict[str, Parameter], *,
                     where: str = "notebook") -> dict[str, Any]:
    """Validate ``values`` against ``declared``; returns a new dict with ints widened to floats where declared."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise ParameterError(f"{where}: unknown parameter {name!r} (known: {known})")
        want = declared[name].type
        value = coerce_to(want, value, name=name, where=where)
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ParameterError(f"{where}: parameter {name!r} must be {want.__name__}, "
                                 f"got {type(value).__name__} {value!r}")
        if name in CHOICES and value not in CHOICES[name]:
            raise ParameterError(f"{where}: parameter {name!r} must be one of "
                                 f"{', '.join(map(repr, CHOICES[name]))}, got {value!r}")
        out[name] = value
    return out


def coerce_to(want: type, value: Any, *, name: str = "value", where: str = "notebook") -> Any:
    """``value`` as ``want`` when it is text standing for one (``"2020"`` → 2020 for an int, ``"true"`` → True,
    ``"[]"`` → [] for a list); any other value is returned unchanged (:func:`check_parameters` judges it).

    Text that does not read as ``want`` is a :class:`ParameterError` naming the parameter.
    """
    if not isinstance(value, str) or want is str or want not in (int, float, bool, list):
        return value
    text = value.strip()
    parsed: Any = None
    try:
        if want is int and re.fullmatch(r"[+-]?\d+", text):
            parsed = int(text)
        elif want is float and re.fullmatch(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?", text):
            parsed = float(text.replace(",", "."))
        elif want is bool and text.lower() in _BOOLS:
            parsed = _BOOLS[text.lower()]
        elif want is list:
            import yaml

            loaded = yaml.safe_load(text) if text else []
            parsed = loaded if isinstance(loaded, list) else None
    except Exception:   # ValueError, yaml.YAMLError: not such a value
        parsed = None
    if parsed is None:
        raise ParameterError(f"{where}: parameter {name!r} must be {want.__name__}, got str {value!r}")
    return parsed


_BOOLS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def coerce_cli_value(text: str) -> Any:
    """``-p name=value`` on the command line: YAML scalar rules (``2020`` → int, ``true`` → bool)."""
    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return text if value is None or isinstance(value, (dict, list)) else value


# --------------------------------------------------------------------------- run files

@dataclass
class RunFile:
    """A YAML run file: ``years``, ``notebooks`` (names) and ``parameters`` for every notebook."""

    years: list[int] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)


def load_params_file(path: str | Path) -> RunFile:
    """Read a run file such as::

        years: [2019, 2020]
        notebooks: [ekonomi, arbetsmarknad]
        parameters:
          audience: analytiker
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"{path}: parameter file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark is not None else ""
        raise ParameterError(f"{path}{at}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return RunFile()
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping with keys {', '.join(RUN_FILE_KEYS)}")
    unknown = [k for k in data if k not in RUN_FILE_KEYS]
    if unknown:
        raise ParameterError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(RUN_FILE_KEYS)}; "
                             f"notebook parameters go under 'parameters:')")
    years = data.get("years", data.get("year", []))
    years = [years] if isinstance(years, int) else years
    if not isinstance(years, list) or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise ParameterError(f"{path}: 'years' must be a year or a list of years, got {years!r}")
    notebooks = data.get("notebooks") or []
    if not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks):
        raise ParameterError(f"{path}: 'notebooks' must be a list of notebook names, got {notebooks!r}")
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ParameterError(f"{path}: 'parameters' must be a mapping of name: value")
    return RunFile(years=years, notebooks=notebooks, parameters=dict(parameters))
