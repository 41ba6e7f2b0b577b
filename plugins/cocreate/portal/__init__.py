"""The portal core: from validated projects to pages, lists, charts, feeds and the data
package, and every address. No git calls and no MkDocs; depends on `standard`, `i18n` and
`git`'s data types."""
