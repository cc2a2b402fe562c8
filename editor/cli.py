"""`ficwright` subcommands that run without a window."""

from __future__ import annotations

import argparse


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ficwright")
    parser.add_subparsers(dest="command", required=True)
    parser.parse_args(argv)
    return 2
