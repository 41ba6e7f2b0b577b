"""cocreate: a static-site generator for open co-creation portals."""

from __future__ import annotations

__version__ = "0.1.0"
