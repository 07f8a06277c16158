"""Network insights as pure functions: tie strength, diversity, reconnection, giving, network types.

Standard library only; every function takes the evaluation date as an argument. Formulas, thresholds
and worked examples follow INSIGHTS.md; each result can cite its source through `sources.SOURCES`.
"""
