"""kg: knowledge graphs of attributed diplomatic statements from news articles."""

import os

__version__ = "0.1.0"

# kg parses with one spaCy pipeline per process and spreads work over processes (--jobs, Dask workers), as
# Dask's own workers do: a BLAS thread pool in each process would only compete with them, and after every
# call its idle threads spin on a core (0.1 s of CPU for each model load). Set before NumPy is imported (this
# package imports NumPy nowhere before its own modules run); a value the user set is kept.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
