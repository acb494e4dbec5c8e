"""The baseline of bench/match.sh: scipy.optimize.linear_sum_assignment on a
complete square instance in the text form of `r1540 match --solve`. Run with
Debian's /usr/bin/python3 (python3-scipy). Prints the optimal total on the
first line and the solver's own time in milliseconds on the second; reading the
file is not timed, as r1540's --time leaves reading out too."""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main(path):
    with open(path, "rb") as f:
        nr, no, ne = (int(x) for x in f.readline().split())
        f.readline()  # capacities: all 1 in a dense instance
        flat = np.fromstring(f.read(), dtype=np.int64, sep=" ")
    if nr != no or ne != nr * no or flat.size != 3 * ne:
        sys.exit(f"{path}: not a complete square instance")
    triples = flat.reshape(ne, 3)
    scores = np.zeros((nr, no), dtype=np.int64)
    scores[triples[:, 0], triples[:, 1]] = triples[:, 2]
    start = time.perf_counter()
    rows, cols = linear_sum_assignment(scores, maximize=True)
    ms = (time.perf_counter() - start) * 1000
    print(int(scores[rows, cols].sum()))
    print(f"{ms:.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
