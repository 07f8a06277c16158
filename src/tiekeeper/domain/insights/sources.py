"""The research behind each insight: key -> full reference, so every insight can cite it."""

from __future__ import annotations

from typing import Final

SOURCES: Final[dict[str, str]] = {
    "granovetter1973": (
        "Granovetter, M. S. (1973). The strength of weak ties. "
        "American Journal of Sociology, 78(6), 1360-1380."
    ),
    "burt1992": (
        "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. "
        "Cambridge, MA: Harvard University Press."
    ),
    "burt2002": "Burt, R. S. (2002). Bridge decay. Social Networks, 24(4), 333-363.",
    "burt2004": (
        "Burt, R. S. (2004). Structural holes and good ideas. "
        "American Journal of Sociology, 110(2), 349-399."
    ),
    "burt2005": (
        "Burt, R. S. (2005). Brokerage and Closure: An Introduction to Social Capital. "
        "Oxford: Oxford University Press."
    ),
    "borgatti1997": (
        "Borgatti, S. P. (1997). Structural holes: Unpacking Burt's redundancy measures. "
        "Connections, 20(1), 35-38."
    ),
    "everett_borgatti2005": (
        "Everett, M., & Borgatti, S. P. (2005). Ego network betweenness. "
        "Social Networks, 27(1), 31-38."
    ),
    "guimera_amaral2005": (
        "Guimera, R., & Amaral, L. A. N. (2005). Functional cartography of complex metabolic "
        "networks. Nature, 433(7028), 895-900."
    ),
    "traag2019": (
        "Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing "
        "well-connected communities. Scientific Reports, 9, 5233."
    ),
    "ibarra_hunter2007": (
        "Ibarra, H., & Hunter, M. (2007). How leaders create and use networks. "
        "Harvard Business Review, 85(1), 40-47."
    ),
    "uzzi_dunlap2005": (
        "Uzzi, B., & Dunlap, S. (2005). How to build your network. "
        "Harvard Business Review, 83(12), 53-60."
    ),
    "levin_walter_murnighan2011": (
        "Levin, D. Z., Walter, J., & Murnighan, J. K. (2011). Dormant ties: The value of "
        "reconnecting. Organization Science, 22(4), 923-939."
    ),
    "walter_levin_murnighan2015": (
        "Walter, J., Levin, D. Z., & Murnighan, J. K. (2015). Reconnection choices: Selecting the "
        "most valuable (vs. most preferred) dormant ties. Organization Science, 26(5), 1447-1465."
    ),
    "marsden_campbell1984": (
        "Marsden, P. V., & Campbell, K. E. (1984). Measuring tie strength. "
        "Social Forces, 63(2), 482-501."
    ),
    "marsden_campbell2012": (
        "Marsden, P. V., & Campbell, K. E. (2012). Reflections on conceptualizing and measuring "
        "tie strength. Social Forces, 91(1), 17-23."
    ),
    "gilbert_karahalios2009": (
        "Gilbert, E., & Karahalios, K. (2009). Predicting tie strength with social media. "
        "Proceedings of the SIGCHI Conference on Human Factors in Computing Systems (CHI '09), "
        "211-220."
    ),
    "blau1977": (
        "Blau, P. M. (1977). Inequality and Heterogeneity: A Primitive Theory of Social "
        "Structure. New York: Free Press."
    ),
    "agresti1978": (
        "Agresti, A., & Agresti, B. F. (1978). Statistical analysis of qualitative variation. "
        "Sociological Methodology, 9, 204-237."
    ),
    "hill1973": (
        "Hill, M. O. (1973). Diversity and evenness: A unifying notation and its consequences. "
        "Ecology, 54(2), 427-432."
    ),
    "krackhardt_stern1988": (
        "Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises: "
        "An experimental simulation. Social Psychology Quarterly, 51(2), 123-140."
    ),
    "gouldner1960": (
        "Gouldner, A. W. (1960). The norm of reciprocity: A preliminary statement. "
        "American Sociological Review, 25(2), 161-178."
    ),
    "grant2013": (
        "Grant, A. M. (2013). Give and Take: A Revolutionary Approach to Success. New York: Viking."
    ),
    "rajkumar2022": (
        "Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E., & Aral, S. (2022). "
        "A causal test of the strength of weak ties. Science, 377(6612), 1304-1310."
    ),
}

# Which sources back which insight (keys of SOURCES).
INSIGHT_SOURCES: Final[dict[str, tuple[str, ...]]] = {
    "tie_strength": (
        "granovetter1973",
        "marsden_campbell1984",
        "marsden_campbell2012",
        "gilbert_karahalios2009",
        "rajkumar2022",
    ),
    "dormant": ("levin_walter_murnighan2011", "walter_levin_murnighan2015"),
    "diversity": ("blau1977", "agresti1978", "hill1973", "krackhardt_stern1988"),
    "echo_chamber": ("uzzi_dunlap2005",),
    "brokerage": ("burt1992", "burt2004", "burt2005", "borgatti1997", "everett_borgatti2005"),
    "clusters": ("traag2019", "guimera_amaral2005", "burt2002"),
    "giving": ("gouldner1960", "grant2013"),
    "network_types": ("ibarra_hunter2007",),
}


def cite(key: str) -> str:
    """The full reference for a source key (KeyError for an unknown key: a typo is a bug)."""
    return SOURCES[key]
