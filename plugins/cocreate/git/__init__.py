"""The projects in git: reading revisions, page histories, what a branch changes in plain
words, who may change what (review), and CODEOWNERS. Depends on `standard` and `i18n`."""
