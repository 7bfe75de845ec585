"""`python -m kzcn`: the same entry point as the `kzcn` command."""

from kzcn.cli import main

if __name__ == "__main__":
    main()
