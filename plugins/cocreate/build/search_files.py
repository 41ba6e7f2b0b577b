"""Pagefind's index files, made the same for the same site.

Two builds of one commit must be identical byte for byte. Pagefind 1.5 writes its filter
files (and the list of them in its metadata), and the languages of its entry point, in the
order of a Rust hash map, whose seed changes with every run: the same site gets
differently ordered filter files, under other names, and a metadata file and entry point
that name them in any order. Here the filter values are put in order, each filter file is
written again under a name made from its content, and the metadata and
`pagefind-entry.json` are written again to name them, languages in order.

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


def make_reproducible(bundle: Path) -> None:
    """Rewrite the filter files, the metadata and the entry point of the Pagefind bundle in
    `bundle`, in an order and under names that depend on their content alone."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    for language, about in entry["languages"].items():
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read(meta_file)
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
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
        meta_file.unlink()
        about["hash"] = write(bundle, f"pagefind.{language}", "pf_meta", meta, 10).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))  # in the order of a hash map, too
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
