"""bench/proc_tree.py: CPU time of a process and all its descendants, from /proc
(shared by measure.py and store/run.py)."""
import os


def tree_pids(root):
    parent = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = open(f"/proc/{d}/stat").read()
            except OSError:
                continue
            # comm may hold spaces and parentheses: the fields start after the last ')'.
            parent[int(d)] = int(stat[stat.rfind(")") + 2:].split()[1])
    tree, changed = {root}, True
    while changed:
        changed = False
        for p, pp in parent.items():
            if p not in tree and pp in tree:
                tree.add(p)
                changed = True
    return sorted(p for p in tree if p in parent)


def tree_cpu_ticks(root):
    total = 0
    for p in tree_pids(root):
        try:
            f = open(f"/proc/{p}/stat").read()
        except OSError:
            continue
        fields = f[f.rfind(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total
