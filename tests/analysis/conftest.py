"""Tiny hand-made tables shared by the tests of each analysis module, so expected values can be exact."""
from __future__ import annotations

import pytest

from clustercsr import analysis as an

from .analysis_tables import NONE, frame


@pytest.fixture
def refs():
    return frame("key type year title author note",
                 ("blackman2006", "book", "2006", "Small {F}irms and the Environment", "Blackman, Allen", ""),
                 ("lundthomsennadvi2010a", "article", "2010", "Clusters, chains and compliance",
                  "Lund-Thomsen, Peter and Nadvi, Khalid", ""),
                 ("jamalietalforthcoming", "incollection", "", "{CSR} myths --- a study",
                  "Jamali, D. and Lund-Thomsen, P. and Khara, N.", ""),
                 ("accountability2006", "techreport", "2006", "SME clusters", "{Accountability}", ""),
                 ("corpwatch2014", "misc", "2014", "A web page", "{CorpWatch}", ""),
                 ("lundthomsenetal2016", "article", "2016", "The review", "Lund-Thomsen, P. and Lindgreen, A. and "
                  "Vanhamme, J.", ""))


@pytest.fixture
def labels(refs):
    return an.citation_labels(refs)


@pytest.fixture
def factors():
    return frame("id label kind mirror_id level pressure summary",
                 ("gvc", "Global chains", "driver", "lvc", "global", "market", "Buyers push."),
                 ("lvc", "Local chains", "barrier", "gvc", "national", "market", "No push."),
                 ("assoc", "Associations", "driver", NONE, "cluster", "bottom-up", "Joint action."),
                 ("bribes", "Bribes", "barrier", NONE, "cluster", "top-down", "Officials paid off."),
                 ("enforce", "Enforcement", "driver", NONE, "national", "top-down", "Laws applied."))


@pytest.fixture
def clusters():
    return frame("id name country place lat lon industry market citekeys summary",
                 ("sialkot", "Sialkot footballs", "PAK", "Sialkot", 32.5, 74.5, "footballs", "export",
                  "lundthomsennadvi2010a;accountability2006", "Footballs."),
                 ("kasur", "Kasur tanneries", "PAK", "Kasur", 31.1, 74.4, "leather", "domestic", NONE, "Leather."),
                 ("torreon", "Torreón jeans", "MEX", "Torreón", 25.5, -103.4, "garments", "export", NONE, "Jeans."))


@pytest.fixture
def evidence():
    return frame("id citekey subject_type subject_id cluster_id stance theme section finding",
                 ("e001", "blackman2006", "factor", "gvc", "sialkot", "supports", "environment", "drivers", "F1"),
                 ("e002", "lundthomsennadvi2010a", "factor", "gvc", "sialkot", "supports", "work-conditions",
                  "drivers", "F2"),
                 ("e003", "lundthomsennadvi2010a", "factor", "gvc", "sialkot", "mixed", "work-conditions",
                  "drivers", "F3"),
                 ("e004", "blackman2006", "factor", "assoc", NONE, "supports", "environment", "drivers", "F4"),
                 ("e005", "blackman2006", "factor", "lvc", "kasur", "supports", "poverty", "drivers", "F5"),
                 ("e006", "jamalietalforthcoming", "topic", "agency", "kasur", "contests", "general", "impacts",
                  "F6"),
                 ("e007", "accountability2006", "limitation", "export", "torreon", "supports", "general",
                  "limitations", "F7"),
                 ("e008", "blackman2006", "limitation", "export", "kasur", "supports", "environment",
                  "limitations", "F8"),
                 ("e009", "blackman2006", "limitation", "export", "torreon", "supports", "environment",
                  "limitations", "F9"))


