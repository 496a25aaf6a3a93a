# Runs before the app in the standalone build. The boot-loader starts the bundled interpreter with
# the bundle's folder on LD_LIBRARY_PATH; programs the app starts (xdg-open and the browser for a
# link, a file manager) must get the user's own environment, not the bundle's libraries.
import os

_original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
if _original is None:
    os.environ.pop("LD_LIBRARY_PATH", None)
else:
    os.environ["LD_LIBRARY_PATH"] = _original
