"""A hostile input folder, generated at test time: what scrapers and shared drives leave behind.

``make_hostile_folder`` writes good pages (copied in by the caller) next to files that must each be
recorded as rejected with a reason or read as text, and never stop or stall a run. It returns
what it wrote, with the outcome a run must record for each file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# A short story with one clear dyad, reused to give hostile files something to code.
STORY = (
    "Le Mali et le Niger signent un accord de défense\n\n"
    "Le président malien a reçu mardi à Bamako son homologue nigérien. "
    "Les deux pays ont signé un accord de coopération militaire.\n"
)


@dataclass(frozen=True)
class Hostile:
    """One entry the run must record: by the name the warehouse gives it."""

    name: str  # the file name as recorded (relative, posix, surrogate-escaped if not UTF-8)
    expect: str  # "ok" or a reject-reason prefix such as "not_regular"


def _write(folder: Path, name: str | bytes, data: bytes) -> None:
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    with open(path, "wb") as fh:
        fh.write(data)


def make_hostile_folder(folder: Path, outside: Path) -> list[Hostile]:
    """Fill ``folder`` with hostile entries (``outside`` receives the targets of outward links)."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    story = STORY.encode()
    out: list[Hostile] = []

    # Unreadable: root reads it anyway, so its outcome depends on who runs the test.
    _write(folder, "unreadable.txt", story.replace(b"mardi", b"lundi"))
    os.chmod(folder / "unreadable.txt", 0)
    out.append(Hostile("unreadable.txt", "ok" if os.geteuid() == 0 else "unreadable"))

    # A Latin-1 file name from an old scraper or a Windows share.
    _write(folder, b"caf\xe9.txt", story.replace(b"mardi", b"mercredi"))
    out.append(Hostile("caf\\xe9.txt", "ok"))

    # Not regular files: a FIFO would block a plain read, a directory is not a page.
    os.mkfifo(folder / "fifo.txt")
    out.append(Hostile("fifo.txt", "not_regular"))
    (folder / "folder.txt").mkdir()
    out.append(Hostile("folder.txt", "not_regular"))

    # Links: a loop, a dangling one, one out of the folder (file and directory), one inside.
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    os.symlink("self.txt", folder / "self.txt")
    out += [Hostile(n, "symlink_loop") for n in ("loop_a.txt", "loop_b.txt", "self.txt")]
    os.symlink("missing.txt", folder / "broken.txt")
    out.append(Hostile("broken.txt", "broken_link"))
    (outside / "secret.txt").write_bytes(story)
    (outside / "pages").mkdir(exist_ok=True)
    (outside / "pages" / "elsewhere.txt").write_bytes(story)
    os.symlink(outside / "secret.txt", folder / "outside.txt")
    out.append(Hostile("outside.txt", "outside_folder"))
    os.symlink(outside / "pages", folder / "outside_dir")
    out.append(Hostile("outside_dir", "outside_folder"))
    _write(folder, "target.txt", story.replace(b"mardi", b"jeudi"))
    os.symlink("target.txt", folder / "inside_link.txt")
    out += [Hostile("target.txt", "ok"), Hostile("inside_link.txt", "ok")]

    # Contents.
    _write(folder, "nul.txt", story[:40] + b"\x00\x00\x00" + story[40:])
    out.append(Hostile("nul.txt", "binary"))
    _write(folder, "utf16.txt", STORY.replace("mardi", "vendredi").encode("utf-16"))
    out.append(Hostile("utf16.txt", "ok"))
    cut = STORY.replace("mardi", "samedi").encode()
    _write(folder, "truncated_utf8.txt", cut + "é".encode()[:1])
    out.append(Hostile("truncated_utf8.txt", "ok"))
    stray = STORY.replace("Le président", "Le président élu").encode()
    _write(folder, "stray_byte.txt", stray[:70] + b"\xff" + stray[70:])
    out.append(Hostile("stray_byte.txt", "ok"))
    _write(folder, "mixed.txt", story + "Évolution à Niamey, été.\n".encode("cp1252"))
    out.append(Hostile("mixed.txt", "ok"))
    # 3 MB on one line, under the default size limit, so it is read and bounded.
    sentence = b"Le Mali accuse la France d'ingerence au Sahel. "
    _write(folder, "long_line.txt", sentence * (3_000_000 // len(sentence)))
    out.append(Hostile("long_line.txt", "ok"))
    _write(folder, "many_lines.txt", b"Le Mali accuse la France.\n" * 20_000)
    out.append(Hostile("many_lines.txt", "ok"))
    _write(folder, "emoji.txt", ("🎉🔥😀 " * 200 + "\n").encode())
    out.append(Hostile("emoji.txt", "ok"))
    _write(folder, "rtl.txt", ("وقع مالي والنيجر اتفاقا. ‏שלום עולם.\n" * 20).encode())
    out.append(Hostile("rtl.txt", "ok"))
    zw = (
        STORY.replace("Mali", "Ma\u200bli").replace("Niger", "Ni\u200dger").replace("mardi", "hier")
    )
    _write(folder, "zero_width.txt", zw.encode())
    out.append(Hostile("zero_width.txt", "ok"))

    # Names that are data, never SQL or options.
    for i, name in enumerate(
        (
            'quote\'s "double".txt',
            "semi;colon.txt",
            "'; drop table core.events; --.txt",
            "new\nline.txt",
            "-leading-dash.txt",
            "--.txt",
            "emoji 🎉.txt",
            "zero\u200bwidth.txt",
        )
    ):
        _write(folder, name, f"Note {i} : Le Tchad et le Soudan se concertent.\n".encode())
        out.append(Hostile(name, "ok"))
    return out


def near_copy(page: Path, folder: Path) -> Hostile:
    """A copy of a good page with one word changed: a document of its own."""
    text = page.read_text(encoding="utf-8")
    changed = text.replace(" le ", " la ", 1)
    assert changed != text
    (folder / f"near_copy_{page.name}").write_text(changed, encoding="utf-8")
    return Hostile(f"near_copy_{page.name}", "ok")


def main() -> None:
    """Run the real pipeline over three seed pages with and without the hostile folder; print
    the time and peak memory of the hostile run and whether the seeds' events match."""
    import argparse
    import resource
    import shutil
    import tempfile
    import time

    import duckdb

    from etl.pipeline import run_pipeline
    from etl.settings import PROJECT_DIR, from_env

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dyad-hostile-"))
    seeds = sorted((PROJECT_DIR / "seeds").glob("*.txt"))[:3]
    clean, hostile = tmp / "clean", tmp / "hostile"
    clean.mkdir()
    expected = make_hostile_folder(hostile, tmp / "outside")
    for page in seeds:
        shutil.copy(page, clean / page.name)
        shutil.copy(page, hostile / page.name)
    expected.append(near_copy(seeds[0], hostile))

    started = time.perf_counter()
    summary = run_pipeline(from_env().but(seeds_dir=hostile, warehouse_path=tmp / "h.duckdb"))
    elapsed = time.perf_counter() - started
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(summary.render())
    print(
        f"hostile run: {elapsed:.1f} s, peak RSS {peak_self:.0f} MB (main), "
        f"{peak_child:.0f} MB (largest worker)"
    )
    assert run_pipeline(from_env().but(seeds_dir=clean, warehouse_path=tmp / "c.duckdb")).success
    query = (
        "select e.* exclude (article_id) from core.events e join raw.document_files f "
        "on e.article_id = f.document_id where f.file_name in (select unnest($names)) order by all"
    )
    names = [p.name for p in seeds]
    rows = []
    for db in ("h.duckdb", "c.duckdb"):
        with duckdb.connect(str(tmp / db), read_only=True) as conn:
            rows.append(conn.execute(query, {"names": names}).fetchall())
    print(
        f"seed events: {len(rows[1])} without, {len(rows[0])} with the hostile files; "
        f"identical: {rows[0] == rows[1]}"
    )
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(tmp)


if __name__ == "__main__":
    main()
