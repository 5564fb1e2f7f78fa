"""Everything written: rendered plans (`render`: json, yaml, jsonl), tables (`tables`: csv, xlsx),
the JSON Schema (`schema`), and files written atomically (`files`)."""
