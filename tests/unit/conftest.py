"""Unit tests of the extension's pure layers: no Sphinx build. The package is imported from _ext/."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "_ext"))
