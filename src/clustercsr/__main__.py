import sys

from clustercsr.cli import main

sys.exit(main())
