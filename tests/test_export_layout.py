"""Seeded force-directed layout used by the HTML export for large views."""

from __future__ import annotations

import math

from kg.export.layout import spring_positions


def test_small_cases() -> None:
    assert spring_positions([], []) == {}
    assert spring_positions(["a"], []) == {"a": (0.0, 0.0)}
    chain = spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c"), ("b", "b")], scale=100)
    assert set(chain) == {"a", "b", "c"}
    assert max(abs(v) for xy in chain.values() for v in xy) == 100.0
    assert math.dist(chain["b"], (0, 0)) < 5  # the middle of a chain sits in the middle


def test_deterministic_bounded_and_spread() -> None:
    nodes = [f"n{i}" for i in range(600)]  # above networkx's SciPy threshold
    edges = [(f"n{i}", f"n{(i * 7 + 1) % 600}") for i in range(600)]
    first = spring_positions(nodes, edges, seed=3, scale=1000)
    assert first == spring_positions(nodes, edges, seed=3, scale=1000)
    assert first != spring_positions(nodes, edges, seed=4, scale=1000)
    assert all(abs(x) <= 1000 and abs(y) <= 1000 for x, y in first.values())
    assert len(set(first.values())) == len(nodes)  # no two nodes on the same spot
    linked = sum(math.dist(first[s], first[t]) for s, t in edges) / len(edges)
    anywhere = sum(math.dist(first[nodes[i]], first[nodes[(i * 13 + 5) % 600]]) for i in range(600)) / 600
    assert linked < anywhere  # linked nodes end up closer than random pairs
