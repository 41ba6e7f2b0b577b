"""The portal core: from validated projects to page content, with no dependency on MkDocs."""
