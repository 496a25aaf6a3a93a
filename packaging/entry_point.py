"""What the standalone build runs: the same `main` as the `timeline-app` console script."""

from timeline_app.cli import main

raise SystemExit(main())
