#!/usr/bin/env python
"""Django's command-line utility; the same as the `integritas` console script."""

from integritas.cli import main

if __name__ == "__main__":
    main()
