"""Words for people: messages and hints in Bahasa Indonesia and English (`locales/`), the
portal's translator, reports of problems in every format, and escaping contributors' text
for every output. Depends only on `standard`."""
