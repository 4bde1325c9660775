#!/usr/bin/env python3
"""Makes a course N times the size of Lessons/ by copying every lesson under new ids, for benchmarks that
measure how costs grow with the course. Usage: make_large_course.py OUT_DIR [copies]"""
import os
import re
import shutil
import sys

out = sys.argv[1]
copies = int(sys.argv[2]) if len(sys.argv) > 2 else 10
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Lessons")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
course = open(os.path.join(source, "course.yaml")).read()
ids = re.findall(r"^  - ([\w-]+)$", course, re.M)
files = {}
for name in os.listdir(source):
    if name.endswith(".md"):
        text = open(os.path.join(source, name)).read()
        lesson_id = re.search(r"^id: ([\w-]+)$", text, re.M).group(1)
        files[lesson_id] = (name, text)
order = []
for copy in range(copies):
    suffix = "" if copy == 0 else f"-copy{copy}"
    for lesson_id in ids:
        name, text = files[lesson_id]
        new_id = lesson_id + suffix
        order.append(new_id)
        if suffix:
            # The lesson's id and every question's and task's id (ids are unique across a course).
            text = re.sub(r"^(\s*)id: ([\w-]+)$", lambda m: f"{m.group(1)}id: {m.group(2)}{suffix}", text, flags=re.M)
            text = re.sub(r"^prerequisites: \[(.*)\]$",
                          lambda m: "prerequisites: [" + ", ".join(p.strip() + suffix for p in m.group(1).split(",") if p.strip()) + "]",
                          text, count=1, flags=re.M)
        with open(os.path.join(out, f"{copy:02d}-{name}"), "w") as handle:
            handle.write(text)
lessons = "lessons:\n" + "".join(f"  - {lesson_id}\n" for lesson_id in order)
course = re.sub(r"^lessons:\n(  - .*\n)+", lessons, course, flags=re.M)
open(os.path.join(out, "course.yaml"), "w").write(course)
print(f"{len(order)} lessons in {out}")
