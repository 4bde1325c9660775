#!/usr/bin/env python3
"""Checks that course text restates its source material instead of copying it.

Usage: scripts/check-copying.py SOURCE.md [LESSONS_DIR] [--words N]

Every sentence and table cell of SOURCE.md is normalised (case, punctuation and markdown marks removed) and cut
into runs of N words (default 6). Any run that also appears in a lesson file is reported, and the exit status is
1 when there is one.
"""
import glob
import re
import sys


def normalise(text):
    text = re.sub(r"[*`_#>|]", " ", text).replace("\u2019", "'").lower()
    return re.sub(r"[^a-z0-9' ]+", " ", text).split()


def source_units(text):
    units = []
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= set("-| "):
            continue
        if line.startswith("|"):
            units += [cell.strip() for cell in line.strip("|").split("|") if cell.strip()]
        else:
            units += [part for part in re.split(r"(?<=[.!?])\s+", line) if part.strip()]
    return units


def runs(words, size):
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    size = 6
    if "--words" in argv:
        size = int(argv[argv.index("--words") + 1])
        args = [a for a in args if a != str(size)]
    if not args:
        print(__doc__.strip())
        return 2
    source = open(args[0], encoding="utf-8").read()
    lessons_dir = args[1] if len(args) > 1 else "Lessons"
    lessons = {path: runs(normalise(open(path, encoding="utf-8").read()), size)
               for path in sorted(glob.glob(f"{lessons_dir}/*.md"))}
    units = source_units(source)
    copies = 0
    for unit in units:
        unit_runs = runs(normalise(unit), size)
        for path, lesson_runs in lessons.items():
            shared = unit_runs & lesson_runs
            if shared:
                copies += 1
                print(f"{path}: repeats {size} words of the source sentence {unit!r}: {' '.join(sorted(shared)[0])!r}")
    print(f"{len(units)} source sentences and cells checked against {len(lessons)} lessons: {copies} copied runs of {size} words")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
