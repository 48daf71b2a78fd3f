"""Derived-figure definitions and the shared vocabularies (themes, levels, signs, kinds of work)."""
from __future__ import annotations

WORKS_DEFINITION = ("Works the review cites: the number of distinct works among the evidence rows about this item, "
                    "not counting the review itself (rows that record the review's own uncited claims). "
                    "It counts the review's in-text citations; it does not measure how strong the evidence is.")
CLUSTER_WORKS_DEFINITION = ("Works cited for a cluster: the number of distinct works among the evidence rows that "
                            "name the cluster, together with the works listed for the cluster itself in clusters.csv.")
CELL_WORKS_DEFINITION = ("Works linking a cluster to a factor: the number of distinct works among the evidence rows "
                         "about that factor that name that cluster, within the chosen theme (or over all themes).")

REVIEWED_PAPER = "lundthomsenetal2016"
THEMES = ["environment", "work-conditions", "poverty"]
THEME_LABELS = {"environment": "Environment", "work-conditions": "Work conditions", "poverty": "Poverty",
                "general": "General or several themes", "none": "No finding recorded"}
AREA_LABELS = {"environment": "Environmental management", "work-conditions": "Work conditions",
               "poverty": "Poverty reduction"}
COVERAGE_LABELS = {"substantial": "A body of studies", "few": "Few studies", "virtually-none": "Virtually none"}
LEVELS = ["global", "national", "cluster", "community"]
SIGN_LABELS = {"+": "strengthens CSR", "\u2212": "weakens CSR", "\u00b1": "can strengthen or weaken CSR"}
OUTCOME_LABELS = {"csr-first-tier": "CSR among first-tier suppliers", "csr-lower-tier": "CSR among lower-tier firms"}

# BibTeX entry type → the five kinds of work the timeline stacks by.
WORK_TYPES = ["Journal article", "Book", "Book chapter", "Report or paper", "Other"]
BIBTEX_TYPE = {"article": "Journal article", "book": "Book", "incollection": "Book chapter", "inbook": "Book chapter",
               "techreport": "Report or paper", "unpublished": "Report or paper", "inproceedings": "Report or paper",
               "conference": "Report or paper", "phdthesis": "Report or paper", "mastersthesis": "Report or paper",
               "manual": "Report or paper", "booklet": "Report or paper", "misc": "Other"}
