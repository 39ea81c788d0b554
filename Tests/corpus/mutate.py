#!/usr/bin/env python3
"""Builds one bad-input case folder: a copy of a base folder, the case's override files, then the
case's mutation (used by scripts/bad-input; the language is described in Tests/corpus/README.md).

usage: mutate.py BASE_DIR OVERRIDE_DIR OUT_DIR 'OP ARGS && OP ARGS ...'

Arguments are shell-quoted (shlex); text arguments take Python bytes escapes (\\xe9, \\x00, \\n, \\r,
\\t, \\\\), so a case can write any byte. Every op fails loudly when it does not apply (a base file
changed under the corpus): a case must never silently test nothing.
"""
import codecs
import csv
import io
import os
import re
import shlex
import shutil
import sys

csv.field_size_limit(1 << 30)


class MutationError(Exception):
    pass


def raw(text):
    """The bytes a case argument means (escapes decoded, other characters as UTF-8)."""
    return codecs.escape_decode(text.encode("utf-8"))[0]


def files(out, name):
    if name == "*":
        return sorted(os.path.join(out, f) for f in os.listdir(out) if f.lower().endswith(".csv"))
    path = os.path.join(out, name)
    if not os.path.exists(path):
        raise MutationError(f"{name} is not in the case folder")
    return [path]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def rows_of(path):
    text = read(path).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(path, rows, delimiter=","):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    write(path, buffer.getvalue().encode("utf-8"))


def lines_of(path):
    return read(path).splitlines(keepends=True)


def line_index(lines, n, path):
    n = int(n)
    if not 1 <= n <= len(lines) + 1:
        raise MutationError(f"{os.path.basename(path)} has no line {n}")
    return n - 1


def op_sub(out, name, old, new, count=None):
    for path in files(out, name):
        data = read(path)
        if raw(old) not in data:
            raise MutationError(f"{old!r} is not in {os.path.basename(path)}")
        write(path, data.replace(raw(old), raw(new), -1 if count == "all" else 1))


def op_line(out, name, n, text):
    (path,) = files(out, name)
    lines = lines_of(path)
    i = line_index(lines, n, path)
    end = lines[i][len(lines[i].rstrip(b"\r\n")):] if i < len(lines) else b"\n"
    lines[i:i + 1] = [raw(text) + end]
    write(path, b"".join(lines))


def op_insert(out, name, n, text):
    (path,) = files(out, name)
    lines = lines_of(path)
    i = line_index(lines, n, path)
    if i == len(lines) and lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n"
    lines.insert(i, raw(text) + b"\n")
    write(path, b"".join(lines))


def op_append(out, name, text):
    (path,) = files(out, name)
    data = read(path)
    if data and not data.endswith(b"\n"):
        data += b"\n"
    write(path, data + raw(text) + b"\n")


def op_write(out, name, text):
    write(os.path.join(out, name), raw(text))


def op_rm(out, name):
    for path in files(out, name):
        os.remove(path)


def op_mv(out, name, new):
    (path,) = files(out, name)
    os.rename(path, os.path.join(out, new))


def op_cp(out, name, new):
    (path,) = files(out, name)
    shutil.copyfile(path, os.path.join(out, new))


def op_crlf(out, name):
    for path in files(out, name):
        write(path, re.sub(rb"\r?\n", b"\r\n", read(path)))


def op_bom(out, name):
    for path in files(out, name):
        write(path, b"\xef\xbb\xbf" + read(path))


def op_utf16(out, name):
    for path in files(out, name):
        write(path, read(path).decode("utf-8").encode("utf-16"))  # with its BOM, as Excel writes it


def op_noeol(out, name):
    for path in files(out, name):
        write(path, read(path).rstrip(b"\r\n"))


def op_delim(out, name, delimiter, decimal=None):
    """Rewrites files with another delimiter; 'comma' also writes decimal numbers with a comma."""
    delimiter = raw(delimiter).decode("utf-8")
    for path in files(out, name):
        rows = rows_of(path)
        if decimal == "comma":
            rows = [rows[0]] + [[re.sub(r"^(-?[0-9]+)\.([0-9]+)$", r"\1,\2", c) for c in r] for r in rows[1:]]
        write_rows(path, rows, delimiter)


def op_dropcol(out, name, column):
    (path,) = files(out, name)
    rows = rows_of(path)
    if column not in rows[0]:
        raise MutationError(f"{name} has no column {column}")
    i = rows[0].index(column)
    write_rows(path, [r[:i] + r[i + 1:] for r in rows])


def op_addcol(out, name, column, value):
    (path,) = files(out, name)
    rows = rows_of(path)
    value = raw(value).decode("utf-8")
    write_rows(path, [rows[0] + [raw(column).decode("utf-8")]] + [r + [value] for r in rows[1:] if r])


def op_reorder(out, name):
    """Columns in reverse order, the header upper-cased and padded: the same data."""
    for path in files(out, name):
        rows = [list(reversed(r)) for r in rows_of(path)]
        rows[0] = [f" {c.upper()} " for c in rows[0]]
        write_rows(path, rows)


def op_big(out, name, old, char, count):
    for path in files(out, name):
        data = read(path)
        if raw(old) not in data:
            raise MutationError(f"{old!r} is not in {os.path.basename(path)}")
        write(path, data.replace(raw(old), raw(char) * int(count), 1))


OPS = {name[3:]: fn for name, fn in globals().items() if name.startswith("op_")}


def main():
    base, override, out, mutation = sys.argv[1:5]
    shutil.copytree(base, out)
    if os.path.isdir(override):
        for name in os.listdir(override):
            shutil.copyfile(os.path.join(override, name), os.path.join(out, name))
    tokens = shlex.split(mutation) if mutation.strip() not in ("", "-") else []
    ops, current = [], []
    for token in tokens + ["&&"]:
        if token == "&&":
            if current:
                ops.append(current)
            current = []
        else:
            current.append(token)
    for op in ops:
        fn = OPS.get(op[0])
        if fn is None:
            raise MutationError(f"unknown op {op[0]}")
        try:
            fn(out, *op[1:])
        except TypeError as error:
            raise MutationError(f"{op[0]}: wrong arguments ({error})")


if __name__ == "__main__":
    try:
        main()
    except MutationError as error:
        print(f"mutation failed: {error}", file=sys.stderr)
        sys.exit(3)
