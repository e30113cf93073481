import sys

from checker.cli.main import main

sys.exit(main())
