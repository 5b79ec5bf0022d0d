"""Reading a YAML file into a pydantic model, with errors that name file, line and field.

Rule files and recognizer files are edited by people; a mistake must come
back as "which file, which line, which field, what is wrong", never as a
stack trace or a silently ignored key.  PyYAML's node tree keeps the line of
every key and value; pydantic's error location is walked down that tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from datawacht.errors import ConfigError

Model = TypeVar("Model", bound=BaseModel)

# libyaml's parser where PyYAML was built with it (the wheels are): the
# lexicons and rules are read at every start, ten times faster than in Python.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_model(path: Path, model: type[Model], what: str) -> Model:
    """Validate `path` as `model`; `what` names the kind of file in errors.

    The error message has one line per problem: `FILE:LINE: FIELD: MESSAGE`.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{what} {path} is not UTF-8 text") from exc
    try:
        raw = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"invalid {what} {where}: not valid YAML: {problem}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        root = yaml.compose(text, Loader=SAFE_LOADER)  # the lines, for the message only
        problems = [
            f"{path}:{line_of(root, error['loc'])}: {field_path(error['loc'])}: "
            + error["msg"].removeprefix("Value error, ")
            for error in exc.errors()
        ]
        raise ConfigError(f"invalid {what}:\n" + "\n".join(problems)) from None


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the deepest part of `loc` that is in the file: of
    a mapping key where the path ends on one (a misspelt key, a field), of
    the list item otherwise.

    Parts that are not in the file (a missing field, pydantic's union tags
    such as `str`) leave the line of the last part found.
    """
    if root is None:
        return 1
    node, line = root, root.start_mark.line
    for part in loc:
        found = _child(node, part)
        if found is not None:
            node, line = found
    return line + 1


def line_in_file(path: Path, loc: tuple[int | str, ...]) -> int:
    """`line_of` for a file already validated (an error found after merging)."""
    try:
        return line_of(yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER), loc)
    except (OSError, yaml.YAMLError):
        return 1


def _child(node: yaml.Node, part: int | str) -> tuple[yaml.Node, int] | None:
    """The node under `part` and the line that names it."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value, key.start_mark.line
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part], node.value[part].start_mark.line
    return None


def field_path(loc: tuple[int | str, ...]) -> str:
    """`('recognizers', 0, 'name')` -> `recognizers[0].name`."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"
