"""Summarise a py-spy raw profile (`python -m bench --profile`): where the server's time went.

    python -m bench.profile bench/results/<run>/profile-workshop-threading.txt [--match workshop/]

Prints the functions with the most samples inclusive (on the stack) and exclusive (on top).
"""

import argparse
from collections import Counter
from pathlib import Path


def read_stacks(path: Path):
    for line in path.read_text(errors="replace").splitlines():
        stack, _space, count = line.rpartition(" ")
        if stack and count.isdigit():
            yield stack.split(";"), int(count)


def summarise(path: Path, match: str, top: int) -> str:
    inclusive, exclusive, total = Counter(), Counter(), 0
    for frames, count in read_stacks(path):
        total += count
        exclusive[frames[-1]] += count
        for frame in set(frames):
            if match in frame:
                inclusive[frame] += count
    lines = [f"{total} samples in {path.name}", "", f"inclusive (frames matching {match!r}):"]
    lines += [f"  {100 * n / total:5.1f}%  {frame}" for frame, n in inclusive.most_common(top)]
    lines += ["", "exclusive (any frame):"]
    lines += [f"  {100 * n / total:5.1f}%  {frame}" for frame, n in exclusive.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--match", default="")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(summarise(args.path, args.match, args.top))


if __name__ == "__main__":
    main()
