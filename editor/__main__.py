from __future__ import annotations

import sys

from editor.app import main

sys.exit(main())
