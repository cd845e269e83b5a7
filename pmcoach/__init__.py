"""pmcoach: a private weekly coach for product managers.

The version lives here as a constant so that `pmcoach --version` does not pay
for `importlib.metadata` (about 28 ms) at start-up.
"""

__version__ = "0.1.0"
