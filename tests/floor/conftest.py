"""The floor: what depends on ansible-core's version, on the oldest ansible-core meta/runtime.yml supports."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
