"""Seeded force-directed positions for large graphs, computed once at export time.

networkx's ``spring_layout`` needs SciPy above 500 nodes, which kg does not
depend on; this is the same Fruchterman–Reingold algorithm in plain NumPy,
with the pairwise repulsion computed in row blocks so that memory stays
bounded (a few ``block × nodes`` float arrays).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np

BLOCK = 256


def spring_positions(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    seed: int = 7,
    iterations: int = 50,
    scale: float = 1.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in ``[-scale, scale]²``; the same input always gives the same output.

    Example:
        >>> spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], scale=100)["b"]
        (0.0, 0.1)
    """
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(sorted({(index[s], index[t]) for s, t in edges if s != t}), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    x, y = rng.random(count), rng.random(count)
    k2 = 1.0 / count  # squared ideal distance between nodes
    temperature = 0.1  # largest step, cooled linearly
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        shift_x, shift_y = np.zeros(count), np.zeros(count)
        for start in range(0, count, BLOCK):
            block = slice(start, start + BLOCK)
            dx = x[block, None] - x[None, :]
            dy = y[block, None] - y[None, :]
            force = dx * dx
            force += dy * dy
            np.maximum(force, 1e-4, out=force)
            np.divide(k2, force, out=force)  # repulsion k² / d, along the unit vector: k² / d² · delta
            shift_x[block] += (dx * force).sum(axis=1)
            shift_y[block] += (dy * force).sum(axis=1)
        if len(pairs):
            dx = x[pairs[:, 0]] - x[pairs[:, 1]]
            dy = y[pairs[:, 0]] - y[pairs[:, 1]]
            pull = np.sqrt(dx * dx + dy * dy) / np.sqrt(k2)  # attraction d² / k, along the unit vector
            np.add.at(shift_x, pairs[:, 0], -dx * pull)
            np.add.at(shift_x, pairs[:, 1], dx * pull)
            np.add.at(shift_y, pairs[:, 0], -dy * pull)
            np.add.at(shift_y, pairs[:, 1], dy * pull)
        length = np.maximum(np.sqrt(shift_x * shift_x + shift_y * shift_y), 1e-2)
        step = np.minimum(length, temperature) / length
        x += shift_x * step
        y += shift_y * step
        temperature -= cooling
    position = np.column_stack((x, y))
    position -= position.mean(axis=0)
    extent = np.abs(position).max()
    if extent > 0:
        position *= scale / extent
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, position)}
