"""The reports' optional dependencies (the ``reports`` extra), imported when first needed."""

from __future__ import annotations

import importlib
from types import ModuleType

EXTRA = "pip install safeguarding[reports]"


class MissingDependencyError(ImportError):
    """A report needs a package that is not installed; the message names the extra to install."""


def require(module: str, purpose: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        package = module.split(".")[0]
        raise MissingDependencyError(
            f"{purpose} needs the Python package '{package}', which is not installed: {EXTRA}"
        ) from error
