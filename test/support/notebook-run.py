"""Execute a Jupyter notebook with nbclient and write the executed copy.

Used by test/notebook.test.ts: the notebook runs cell by cell in a real
Jupyter kernel (the kernel is found through JUPYTER_PATH, which the test
points at a kernelspec of its own), exactly as JupyterLab would run it.

    python3 notebook-run.py NOTEBOOK OUTPUT KERNEL_NAME TIMEOUT_SECONDS

Errors inside cells do not stop the run: they are recorded as error outputs
in OUTPUT, for the test to report. The notebook is validated against the
nbformat schema first; the exit status is 3 when it is invalid, 2 when the
kernel cannot be started or a cell times out.
"""

import os
import sys
import warnings

import nbformat
from nbclient import NotebookClient
from nbformat.warnings import DuplicateCellId, MissingIDFieldWarning


def main() -> int:
    source, target, kernel_name, timeout = sys.argv[1:5]
    try:
        with warnings.catch_warnings():
            # nbformat 5 only warns about a missing or repeated cell id (and
            # fills one in); for a notebook we ship, that is an error.
            warnings.simplefilter("error", MissingIDFieldWarning)
            warnings.simplefilter("error", DuplicateCellId)
            notebook = nbformat.read(source, as_version=4)
            nbformat.validate(notebook)
    except (nbformat.ValidationError, MissingIDFieldWarning, DuplicateCellId) as error:
        print(f"invalid notebook: {getattr(error, 'message', error)}", file=sys.stderr)
        return 3
    client = NotebookClient(
        notebook,
        kernel_name=kernel_name,
        timeout=int(timeout),
        allow_errors=True,
        # The kernel starts in the notebook's folder, as JupyterLab starts it.
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
    )
    try:
        client.execute()
    except Exception as error:  # noqa: BLE001 - reported to the test as is
        print(f"execution failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    nbformat.write(notebook, target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
