"""`python -m pmtui`: the same command as the installed `pmtui` script."""

import sys

from pmtui.cli import main

if __name__ == "__main__":
    sys.exit(main())
