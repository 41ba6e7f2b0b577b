"""Pagefind's index files, made the same for the same site.

Two builds of one commit must be identical byte for byte. Pagefind 1.5 writes its filter
files (and the list of them in its metadata), and the languages of its entry point, in the
order of a Rust hash map, whose seed changes with every run: the same site gets
differently ordered filter files, under other names, and a metadata file and entry point
that name them in any order. Here the filter values are put in order, each filter file is
written again under a name made from its content, and the metadata and
`pagefind-entry.json` are written again to name them, languages in order.

Every search loads the metadata whole, and it names every page's fragment: Pagefind names
one by 7 hex digits of its content's hash, about 5 bytes a page once compressed, 10 KB of
the 17 KB the metadata takes at 2,000 projects, growing with every project. The fragments
are renamed here by their content's hash in base 36 (lower case: a checkout on a file
system that ignores case keeps them apart), cut to 4 characters, or to as many more as it
takes to tell apart two fragments of one language whose names begin alike
(`short_names`): 4 characters name 1.7 million fragments apart; a name that a changed page
takes over from another, read by a browser that kept the old one for the 10 minutes a
host lets it, is as unlikely as two of 1.7 million.

The files are gzip-compressed CBOR after the signature `pagefind_dcd`; only what Pagefind
writes into them is read (unsigned integers, texts, arrays). Anything else stops with a
`ValueError`: a Pagefind whose files changed shape must not be published half-rewritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
SHORTEST = 4
"""The fewest characters of a fragment's name after its language's prefix (`short_names`)."""


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    first = data[at]
    major, info = first >> 5, first & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        width = 1 << (info - 24)
        value = int.from_bytes(data[at:at + width], "big")
        at += width
    else:
        raise ValueError(f"unexpected CBOR item {first:#x}")
    if major == 0:
        return value, at
    if major == 3:
        return data[at:at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise ValueError(f"integer too large: {value}")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or not isinstance(value, int | str | list):
        raise ValueError(f"unexpected value {value!r}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name}: {len(data) - end} bytes after the index")
    return value


def write(folder: Path, stem: str, suffix: str, value: Any, length: int) -> str:
    """Write `value` to `folder/<stem>_<hash>.<suffix>` (the hash of its content, `length`
    hex digits, as Pagefind names its files); return `<stem>_<hash>`."""
    data = SIGNATURE + _encode(value)
    name = f"{stem}_{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{name}.{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _base36(data: bytes) -> str:
    """The SHA-256 of `data` in base 36, its lowest digit first (the highest takes only 7
    values of 36: names begin with the digits that take them all)."""
    number, digits = int.from_bytes(hashlib.sha256(data).digest(), "big"), []
    while number:
        number, digit = divmod(number, 36)
        digits.append(DIGITS[digit])
    return "".join(digits)


def short_names(digests: list[str]) -> dict[str, str]:
    """Each digest's shortest beginning of at least `SHORTEST` characters that no other
    digest begins with (the same for the same set of digests, whatever their order)."""
    unique = sorted(set(digests))

    def common(a: str, b: str) -> int:
        return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))

    names = {}
    for i, digest in enumerate(unique):
        shared = max([common(digest, unique[j]) for j in (i - 1, i + 1) if 0 <= j < len(unique)], default=0)
        names[digest] = digest[:max(SHORTEST, shared + 1)]
    return names


def _rename_fragments(bundle: Path, language: str, pages: list[Any]) -> None:
    """Rename the fragments of one language's pages (`[name, word count]`, as the metadata
    lists them) by their content (`short_names`), in `pages` too."""
    if not all(isinstance(page, list) and len(page) == 2 and isinstance(page[0], str) for page in pages):
        raise ValueError("the metadata's pages are not those of Pagefind 1.5")
    folder = bundle / "fragment"
    digests = {old: _base36(gzip.decompress((folder / f"{old}.pf_fragment").read_bytes()))
               for old in dict.fromkeys(page[0] for page in pages)}
    names = short_names(list(digests.values()))
    for old in digests:  # out of the way first: a new name may be another fragment's old one
        (folder / f"{old}.pf_fragment").replace(folder / f"{old}.renamed")
    for old, digest in digests.items():
        (folder / f"{old}.renamed").replace(folder / f"{language}_{names[digest]}.pf_fragment")
    for page in pages:
        page[0] = f"{language}_{names[digests[page[0]]]}"


def make_reproducible(bundle: Path) -> None:
    """Rewrite the filter files, the metadata and the entry point of the Pagefind bundle in
    `bundle`, in an order and under names that depend on their content alone."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    for language, about in entry["languages"].items():
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read(meta_file)
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[1], list)
                and isinstance(meta[3], list)):
            raise ValueError(f"{meta_file.name}: not the metadata of Pagefind 1.5")
        filters = []
        for name, old in sorted(meta[3]):
            old_file = bundle / "filter" / f"{old}.pf_filter"
            key, values = read(old_file)
            if key != name:
                raise ValueError(f"{old_file.name} holds filter {key!r}, not {name!r}")
            old_file.unlink()
            filters.append([name, write(bundle / "filter", language, "pf_filter", [key, sorted(values)], 7)])
        meta[3] = filters
        _rename_fragments(bundle, language, meta[1])
        meta_file.unlink()
        about["hash"] = write(bundle, f"pagefind.{language}", "pf_meta", meta, 10).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))  # in the order of a hash map, too
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
