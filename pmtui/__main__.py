"""`python -m pmtui`: the same command as the installed `pmtui` script."""

from pmtui.cli import run

if __name__ == "__main__":
    run()
