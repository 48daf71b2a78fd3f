"""Quarto's pre-render script (see _quarto.yml); `clustercsr build` runs it too."""
from clustercsr.vendor import main

main()
