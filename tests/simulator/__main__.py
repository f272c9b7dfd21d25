"""Entry point of ``python3 tests/simulator`` (the folder is run as a script)."""

import os
import sys

if __package__ in (None, ""):
    # Run as a folder: Python put this folder first on sys.path, which would make
    # orm.py, fields.py... importable as top-level modules. Use the parent instead.
    HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE]
    sys.path.insert(0, os.path.dirname(HERE))

from simulator.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
