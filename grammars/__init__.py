"""Grammar data of kehoach: YAML files, shipped inside the wheel as `kehoach.grammars`."""
