"""`python -m safeguarding …`: the same as the `safeguarding` command."""

from ._cli import main

raise SystemExit(main())
