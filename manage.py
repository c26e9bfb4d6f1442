#!/usr/bin/env python
"""Django's command-line utility; ``minzheng`` (minzheng/cli.py) is the same with a name."""

from minzheng.cli import main

if __name__ == "__main__":
    main()
