"""The `kzcn` console script and `python -m kzcn`: start-up itself is inside the interrupt guard."""

import os
import sys


def main() -> None:
    """Runs kzcn; Ctrl-C while its modules are still being imported is one line and status 130 too."""
    try:
        from kzcn.cli import main as run
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write("kzcn: interrupted\n")
            sys.stderr.flush()
        os._exit(130)
    run()


if __name__ == "__main__":
    main()
