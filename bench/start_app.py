"""``python -m editor`` with None kept alive, for cold starts that load a large chapter.

python bench/start_app.py WORKFILE
"""

from __future__ import annotations

import sys

from pyside_none import keep_none_alive

keep_none_alive()

from editor.app import main  # noqa: E402  (after the work-around, like the app's own start)

sys.exit(main(sys.argv))
