"""SHA-256 of model weights, remembered between runs so that a start-up does not re-read 90 MB.

Hashing the packaged encoder's ``model.safetensors`` takes about 0.1 s on the 2-core development
machine, paid by every CLI call and every app start. ``file_sha256`` keeps the digest in the cache
folder (``bot.models.cache.cache_dir()/digests/``), keyed by the file's path and stamped with its
size, inode, modification time and *change* time. Any write to the file, a replacement or a
``touch`` changes the change time (which user programs cannot set back), so a stale digest is
never used: the file is hashed again and the check runs on the new digest. Without a writable
cache folder it simply hashes every time.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from bot.models.cache import atomic_path, cache_dir


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp(path: Path) -> dict[str, int]:
    """What identifies this version of the file: size, inode, modification and change times."""
    st = os.stat(path)
    return {"size": st.st_size, "inode": st.st_ino, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns}


def record_path(path: Path, folder: Path | None = None) -> Path:
    """Where the digest of ``path`` is remembered.

    >>> record_path(Path("/m/model.safetensors"), Path("/c")).parent.as_posix()
    '/c/digests'
    """
    key = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:32]
    return (folder or cache_dir()) / "digests" / f"{key}.json"


def file_sha256(path: Path, folder: Path | None = None) -> str:
    """Hex SHA-256 of ``path``, from the remembered record when the file has not changed since."""
    path = Path(path)
    where = str(path.resolve())
    record = record_path(path, folder)
    current = stamp(path)
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
        if kept.get("path") == where and kept.get("stamp") == current:
            return str(kept["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    digest = sha256_file(path)
    if stamp(path) == current:  # not changed while it was read
        try:
            kept = {"path": where, "stamp": current, "sha256": digest}
            with atomic_path(record) as tmp:
                tmp.write_text(json.dumps(kept), encoding="utf-8")
        except OSError:
            pass  # a read-only cache folder: hash every time
    return digest
