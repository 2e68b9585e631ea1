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

import copy
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
    # Deno's kernel sends a cell's printed output from another task, a few
    # milliseconds after its reply (denoland/deno pull request 20337); on a
    # busy machine a line or a chart can arrive after the cell is over, and is
    # then lost. A run where a cell that prints or draws came back without it
    # is run again, up to three times in all; the test then reads the last run.
    for attempt in range(3):
        executed = copy.deepcopy(notebook)
        client = NotebookClient(
            executed,
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
        if not silent_printers(executed) or attempt == 2:
            break
    nbformat.write(executed, target)
    return 0


def silent_printers(notebook) -> list:
    """The code cells that print (console.log) or draw (showChart) but came back without that output or an error."""
    silent = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kinds = {o.get("output_type") for o in cell.get("outputs", [])}
        if "error" in kinds:
            continue
        if ("console.log(" in cell.source and "stream" not in kinds) or (
            "await showChart(" in cell.source and "display_data" not in kinds
        ):
            silent.append(cell.get("id"))
    return silent


if __name__ == "__main__":
    sys.exit(main())
