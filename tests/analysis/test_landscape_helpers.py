"""clustercsr.analysis.landscape, on tiny tables with exact expected values."""
from __future__ import annotations



from clustercsr import analysis as an
from .analysis_tables import frame

# ---------------------------------------------------------------- landscape and limitations

def test_topic_coverage():
    topics = frame("id area label coverage coverage_note",
                   ("agency", "work-conditions", "Labour agency", "few", "A few."),
                   ("poverty-links", "poverty", "Poverty links", "virtually-none", "None."),
                   ("business-case", "environment", "Business case", "substantial", "Many."),
                   ("tech", "environment", "Technology", "substantial", "Many."))
    ev = frame("citekey subject_type subject_id", ("a", "topic", "agency"), ("b", "topic", "agency"),
               ("a", "topic", "agency"), ("c", "topic", "tech"), ("d", "factor", "tech"))
    out = an.topic_coverage(topics, ev)
    assert out[["id", "area_label", "coverage_label", "thin", "works", "rank"]].values.tolist() == [
        ["business-case", "Environmental management", "A body of studies", False, 0, 0],
        ["tech", "Environmental management", "A body of studies", False, 1, 1],
        ["agency", "Work conditions", "Few studies", True, 2, 2],
        ["poverty-links", "Poverty reduction", "Virtually none", True, 0, 3],
    ]


def test_limitation_summary(evidence, clusters):
    lims = frame("id label order", ("greenwash", "Greenwash", 2), ("export", "Export focus", 1))
    out = an.limitation_summary(lims, evidence, clusters)
    assert out.values.tolist() == [
        ["export", 1, "Export focus", 2, 2, "Kasur tanneries, Torreón jeans",
         "2 works \u00b7 clusters: Kasur tanneries, Torreón jeans", "1. Export focus"],
        ["greenwash", 2, "Greenwash", 0, 0, "none named", "0 works \u00b7 clusters: none named", "2. Greenwash"],
    ]


