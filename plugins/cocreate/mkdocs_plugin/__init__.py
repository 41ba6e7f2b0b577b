"""The MkDocs plugin: a thin adapter from MkDocs' events to the build, its configuration,
its pages and Material's templates it mends. Not named `mkdocs`, which would shadow the
engine."""
