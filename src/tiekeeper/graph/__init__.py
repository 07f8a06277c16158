"""Graph computations over the user's network: brokerage, clusters and warm paths (igraph/numpy).

No database: inputs are contact ids and "knows" edges (a, b, weight) between contacts.
"""
