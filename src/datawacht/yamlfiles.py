"""Reading a YAML file into a pydantic model, with errors that name the field.

Rule files and recognizer files are edited by people; a mistake must come
back as "which file, which field, what is wrong", never as a stack trace or
a silently ignored key.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from datawacht.errors import ConfigError

Model = TypeVar("Model", bound=BaseModel)


def load_yaml_model(path: Path, model: type[Model], what: str) -> Model:
    """Validate `path` as `model`; `what` names the kind of file in errors."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{what} {path} is not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{field_path(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid {what} {path}: {problems}") from None


def field_path(loc: tuple[int | str, ...]) -> str:
    """`('recognizers', 0, 'name')` -> `recognizers[0].name`."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"
