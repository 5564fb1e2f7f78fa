"""Output format names, kept apart from the emitters so that the CLI starts without them."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    json = "json"
    yaml = "yaml"
    jsonl = "jsonl"
