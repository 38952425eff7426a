#!/usr/bin/env python3
"""Check screen dumps (tests/ui/screens.sh's format) for text that does
not fit its frame: a translation longer than the English it replaces.

    frames.py DUMP...

One line per problem ("DUMP:ROW:COL: what"), exit 1 when there is one.
What counts as a problem, on the screen as it was dumped:
  - a box's edge (left, right, top or bottom) overwritten by something
    that is not another box drawn over it: text crossed the frame;
  - a box's title that reaches its corner (cut);
  - a word touching a box's right edge from inside (a label cut there);
  - a button "[" ... "]" not closed, or opened inside another one
    (buttons drawn over each other), or padded on one side only
    ("[ Schliessen]"), or with no padding at all ("[Hinzufuegen]");
  - a "]" that closes nothing (its "[" overwritten), buttons that
    touch ("][");
  - "[ " with its "]" beyond the right edge of the box it starts in.
Boxes: Unicode line drawing, or --ascii's + - | (a '+' is a corner when
its neighbours say so).  Form fields are "[text   ]": left-aligned,
never padded on the left, so they are told from buttons.
"""
import sys

H = set("─-")
V = set("│|")
# what may stand on a vertical edge: junctions and scroll arrows
V_OK = V | set("├┤┼+↑↓▲▼^v")
H_OK = H | set("┬┴┼+")
# what ends a button's text when a box is drawn over it (not "-", "^" or
# "v": a button's text may hold them)
FRAME = "│|─├┤┼┬┴+┌┐└┘↑↓▲▼"


def read_dump(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-- "):
                break
            rows.append(line)
    width = max([80] + [len(r) for r in rows])
    return [r.ljust(width) for r in rows]


def at(g, y, x):
    if 0 <= y < len(g) and 0 <= x < len(g[y]):
        return g[y][x]
    return " "


def is_ul(g, y, x):
    c = at(g, y, x)
    return c == "┌" or (c == "+" and at(g, y, x + 1) in H | {"+"}
                        and at(g, y + 1, x) in V | {"+"})


def is_ur(g, y, x):
    c = at(g, y, x)
    return c == "┐" or (c == "+" and at(g, y + 1, x) in V_OK)


def is_ll(g, y, x):
    c = at(g, y, x)
    return c == "└" or (c == "+" and at(g, y, x + 1) in H_OK)


def is_lr(g, y, x):
    return at(g, y, x) in "┘+"


def find_boxes(g):
    """Boxes by their corners: from each top-left corner, down its left
    edge as far as it goes unbroken (a box drawn over it may put its own
    corners there), a bottom-left corner whose bottom edge ends in a
    bottom-right corner under a top-right one."""
    boxes = []
    for y, row in enumerate(g):
        for x in range(len(row)):
            if is_ul(g, y, x):
                b = box_from(g, y, x)
                if b is not None:
                    boxes.append(b)
    return boxes


def box_from(g, y, x):
    """The first candidate whose left edge holds no corner of another box;
    if none is clean (a box drawn over this one's edge), the farthest."""
    found = None
    yy = y + 1
    while yy < len(g) and at(g, yy, x) in V_OK | set("└┌"):
        if is_ll(g, yy, x):
            x2 = next((xx for xx in range(x + 2, len(g[yy]))
                       if is_lr(g, yy, xx) and is_ur(g, y, xx)), None)
            if x2 is not None:
                found = (y, x, yy, x2)
                if all(at(g, e, x) not in "┌└" for e in range(y + 1, yy)):
                    return found
        yy += 1
    return found


def inside(b, y, x):
    return b[0] <= y <= b[2] and b[1] <= x <= b[3]


def covered(boxes, b, y, x, g):
    """Whether (y, x) lies in a box drawn after (over) B: one that is not
    B's parent (a box containing B) -- a dialog over a dialog."""
    for o in boxes:
        if o == b or (o[0] <= b[0] and o[1] <= b[1] and o[2] >= b[2]
                      and o[3] >= b[3]):
            continue
        if inside(o, y, x):
            return True
        # the blank a message box keeps beside its side edges
        if o[0] < y < o[2] and x in (o[1] - 1, o[3] + 1) and \
                at(g, y, x) == " ":
            return True
    return False


def bottom_label(g, y, x1, x2):
    """The columns of a label set into a bottom edge, "└─ Side ──┘" (the
    wizard names a panel's side there): one run that starts and ends with
    a blank, with line on both sides and at both ends of the edge; else
    none (text drawn across the edge)."""
    row = [at(g, y, x) for x in range(x1 + 1, x2)]
    bad = [i for i, c in enumerate(row) if c not in H_OK]
    if not bad:
        return set()
    a, b = bad[0], bad[-1]
    if (a < 1 or b > len(row) - 2 or row[a] != " " or row[b] != " "
            or any(c == "│" for c in row[a:b + 1])):
        return set()
    return set(range(x1 + 1 + a, x1 + 2 + b))


def edge_problems(g, boxes, b):
    y1, x1, y2, x2 = b
    out = []
    cells = [(y, x1, V_OK, "left edge") for y in range(y1 + 1, y2)]
    cells += [(y, x2, V_OK, "right edge") for y in range(y1 + 1, y2)]
    label = bottom_label(g, y2, x1, x2)
    cells += [(y2, x, H_OK, "bottom edge") for x in range(x1 + 1, x2)
              if x not in label]
    for y, x, okset, what in cells:
        if at(g, y, x) not in okset and not covered(boxes, b, y, x, g):
            out.append((y, x, "text crosses the %s: %r" %
                        (what, g[y][x1:x2 + 1].strip())))
    # the top edge holds the title: its ends must stay line
    for x in (x1 + 1, x2 - 1):
        if at(g, y1, x) not in H_OK and not covered(boxes, b, y1, x, g):
            out.append((y1, x, "title reaches the corner (cut): %r" %
                        g[y1][x1:x2 + 1]))
    return out


def cut_labels(g, boxes, b):
    y1, x1, y2, x2 = b
    out = []
    for y in range(y1 + 1, y2):
        if at(g, y, x2) not in V_OK or covered(boxes, b, y, x2, g):
            continue
        a, c = at(g, y, x2 - 2), at(g, y, x2 - 1)
        if c.isalnum() and a.isalnum():
            out.append((y, x2 - 1, "a word runs into the right edge: %r"
                        % g[y][x1 + 1:x2].strip()))
    return out


def box_of(boxes, y, x):
    """The innermost box holding (y, x)."""
    best = None
    for b in boxes:
        if b[0] < y < b[2] and b[1] < x < b[3]:
            if best is None or (b[3] - b[1]) < (best[3] - best[1]):
                best = b
    return best


def stray_close(row, x):
    """A "]" whose button's "[" was drawn over by the next button: to its
    left comes another "]" before any "[" (a box drawn over a button
    leaves a frame character there instead)."""
    for c in reversed(row[:x]):
        if c == "[" or c in V_OK or c in H_OK or c in "┐┘┌└":
            return False
        if c == "]":
            return True
    return False


def button_problems(g, boxes):
    out = []
    for y, row in enumerate(g):
        x = 0
        while x < len(row):
            if row[x] == "]" and at(g, y, x - 1) == " " and \
                    stray_close(row, x):
                out.append((y, x, "button's \"[\" overwritten: %r" %
                            row[max(0, x - 12):x + 1]))
            if row[x] != "[":
                x += 1
                continue
            if at(g, y, x - 1) == "]":
                out.append((y, x, "buttons touch: %r" %
                            row[max(0, x - 12):x + 12]))
            b = box_of(boxes, y, x)
            end = b[3] if b else len(row)
            j = x + 1
            while j < end and row[j] not in "[]" + FRAME:
                j += 1
            if j < end and row[j] in FRAME:
                # a box drawn over the rest of the button
                x = j
                continue
            if j >= end or row[j] == "[":
                out.append((y, x, "button not closed: %r" %
                            row[x:end].rstrip()))
                x = j
                continue
            text = row[x + 1:j]
            lpad, rpad = text.startswith(" "), text.endswith(" ")
            if text.strip() and lpad and not rpad:
                out.append((y, x, "button padded on the left only: %r" %
                            row[x:j + 1]))
            # "[X]" is a ticked check box, not a button
            elif text.strip() and not lpad and not rpad and \
                    text != "X" and any(ch.isalpha() for ch in text):
                out.append((y, x, "button without padding: %r" %
                            row[x:j + 1]))
            x = j + 1
    return out


def check(path):
    g = read_dump(path)
    boxes = find_boxes(g)
    probs = []
    for b in boxes:
        probs += edge_problems(g, boxes, b)
        probs += cut_labels(g, boxes, b)
    probs += button_problems(g, boxes)
    for y, x, what in sorted(set(probs)):
        print("%s:%d:%d: %s" % (path, y + 1, x + 1, what))
    return not probs


def main(argv):
    good = True
    for path in argv[1:]:
        good = check(path) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
