"""Entry script of the frozen app (PyInstaller needs a file, not a console-script entry).

It does exactly what the `ficwright` console script does: `ficwright [WORK]` opens the
window, `ficwright check|export|import ...` runs headless.
"""

import sys

from editor.app import main

if __name__ == "__main__":
    sys.exit(main())
