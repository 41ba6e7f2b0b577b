"""The project standard: its vocabulary, problems, strict YAML loading, JSON Schema, rules,
privacy and Markdown safety, data tables, and validation of files and trees. Depends on
nothing else of cocreate."""
