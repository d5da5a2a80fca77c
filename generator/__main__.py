"""Lets `python -m generator` run the same command as `statusgen`."""

from generator.cli import run

run()
