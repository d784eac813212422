"""The command line: a thin layer that parses options and calls library functions.

Settings are layered: built-in defaults < environment (``NEWSLEDGER_*``) < command-line flags.
Each command imports what it needs when it runs: worker processes start by importing this module
again, and ``extract``'s workers must not pay a second for spaCy they never use.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from newsledger import __version__
from newsledger.errors import NewsledgerError
from newsledger.ingest.discovery import DEFAULT_MAX_BYTES
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.runner import default_workers
from newsledger.store import Store
from newsledger.store.database import DEFAULT_DB

_db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    envvar="NEWSLEDGER_DB",
    show_default=True,
    help="SQLite file, or a database URL such as postgresql+psycopg://user@host/db.",
)


_metrics_json = click.option(
    "--json", "as_json", is_flag=True, help="Print the metrics as one JSON object on the last line."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
def main() -> None:
    """newsledger: turn a pile of news articles into a checkable ledger of each story."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the ledger as JSON."
)
@click.option(
    "--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Write an HTML report."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    envvar="NEWSLEDGER_WORKERS",
    help="Worker processes for per-article stages [default: the number of cores].",
)
@click.option(
    "--policy",
    type=click.Choice([p.value for p in ErrorPolicy]),
    default=ErrorPolicy.BATCH.value,
    envvar="NEWSLEDGER_POLICY",
    show_default=True,
    help="batch: a failing article is skipped with its reason; development: raise at once.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Inputs larger than this are skipped as too_large.",
)
@click.option(
    "--fetch/--no-fetch",
    default=True,
    envvar="NEWSLEDGER_FETCH",
    help="Fetch the pages of files that list URLs (default), or skip such files.",
)
@click.option(
    "--framing/--no-framing",
    default=None,
    help="Find persuasion-technique spans (default; the costliest stage), or leave them out "
    "[env NEWSLEDGER_FRAMING].",
)
@click.option("--profile", is_flag=True, help="Print per-stage timing to stderr.")
@click.option("--progress/--no-progress", default=None, help="Force the progress bar on or off.")
def analyze_cmd(
    paths: tuple[str, ...],
    db: str,
    json_out: Path | None,
    html_out: Path | None,
    workers: int | None,
    policy: str,
    max_bytes: int,
    fetch: bool,
    framing: bool | None,
    profile: bool,
    progress: bool | None,
) -> None:
    """Analyse PATHS (files, folders, globs: text, Markdown, HTML, JSON Lines) into the ledger."""
    from newsledger.analysis import analyze

    if framing is not None:
        os.environ["NEWSLEDGER_FRAMING"] = "1" if framing else "0"  # worker processes inherit it
    with _errors():
        store = Store.open(db)
        try:
            report = analyze(
                paths,
                store,
                workers=workers or default_workers(),
                policy=ErrorPolicy(policy),
                max_bytes=max_bytes,
                progress=progress,
                fetch=fetch,
            )
            _write_outputs(store, json_out=json_out, html_out=html_out)
        finally:
            store.close()
        click.echo(report.summary())
        if profile:
            click.echo(report.times.table(wall=report.wall_seconds), err=True)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--jsonl",
    "jsonl_out",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Output file, - for stdout.",
)
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True)
@click.option("--fetch/--no-fetch", default=True, envvar="NEWSLEDGER_FETCH", help="Fetch pages of URL lists.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    envvar="NEWSLEDGER_WORKERS",
    help="Worker processes [default: the number of cores].",
)
def extract_cmd(
    paths: tuple[str, ...], jsonl_out: str, max_bytes: int, fetch: bool, workers: int | None
) -> None:
    """Ingest and clean only: one JSON object per input (clean text, metadata, removed blocks)."""
    from newsledger.extraction import dumps_line, extract_records

    with _errors(), click.open_file(jsonl_out, "w", encoding="utf-8") as out:
        n = skipped = 0
        records = extract_records(
            paths, max_bytes=max_bytes, fetch=fetch, workers=workers or default_workers()
        )
        for record in records:
            out.write(dumps_line(record) + "\n")
            n += 1
            skipped += "skipped" in record
    if jsonl_out != "-":
        click.echo(f"{n} inputs, {n - skipped} articles, {skipped} skipped -> {jsonl_out}")


@main.command("report")
@_db_option
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--story", help="Report only this story (its id in the ledger).")
def report_cmd(db: str, out: Path, story: str | None) -> None:
    """Write the HTML report of a ledger database (the whole ledger, or one story)."""
    with _errors():
        store = Store.open(db)
        try:
            _write_outputs(store, json_out=None, html_out=out, story=story)
        finally:
            store.close()
        click.echo(f"report -> {out}")


@main.command("demo")
@click.option(
    "--db", default="newsledger-demo.db", show_default=True, help="Where the demo ledger is stored."
)
@click.option(
    "--html",
    "html_out",
    default="newsledger-demo.html",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
)
@click.option(
    "--json", "json_out", default="newsledger-demo.json", show_default=True, type=click.Path(path_type=Path)
)
@click.option("--workers", type=click.IntRange(min=1), envvar="NEWSLEDGER_WORKERS")
def demo_cmd(db: str, html_out: Path, json_out: Path, workers: int | None) -> None:
    """Analyse the fictional example corpus shipped with newsledger and write its report."""
    from newsledger.analysis import analyze
    from newsledger.demo import demo_corpus

    with _errors(), demo_corpus() as corpus:
        click.echo(f"analysing the example corpus in {corpus} ...")
        store = Store.open(db)
        try:
            report = analyze([str(corpus)], store, workers=workers or default_workers())
            _write_outputs(store, json_out=json_out, html_out=html_out, title="newsledger demo")
        finally:
            store.close()
        click.echo(report.summary())
        click.echo(f"report -> {html_out.resolve()}\nledger -> {json_out.resolve()}")


@main.group("eval")
def eval_group() -> None:
    """Score a stage on public evaluation data; with --json the last stdout line is the metrics object."""


@eval_group.command("extraction")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N pages of each set.")
@_metrics_json
def eval_extraction_cmd(data: Path, limit: int | None, as_json: bool) -> None:
    """Main-text extraction: segment F1 (trafilatura set) and word-bag F1 (CleanEval), beside trafilatura."""
    from newsledger.eval.extraction import evaluate_extraction

    with _errors():
        click.echo(
            "note: the shipped block models were trained on these pages, so their scores here are in-sample; "
            "scripts/train_block_model.py prints cross-validated ones.",
            err=True,
        )
        _print_metrics(evaluate_extraction(data, limit=limit), as_json=as_json)


@eval_group.command("quantities")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_metrics_json
def eval_quantities_cmd(data: Path, as_json: bool) -> None:
    """Quantity extraction on NewsQuant-format data: value, value+unit and concept P/R/F1, 5-fold CV."""
    from newsledger.eval.quantities import evaluate_quantities

    with _errors():
        click.echo(
            "note: the extractor's rules were written while reading newsquant_dev.json, so its scores "
            "there are optimistic; cv5_* cross-validates only the option switches.",
            err=True,
        )
        _print_metrics(evaluate_quantities(data), as_json=as_json)


@eval_group.command("attribution")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@_metrics_json
def eval_attribution_cmd(data: Path, limit: int | None, as_json: bool) -> None:
    """Attribution on the PolNeAR layout (text/, attributions/): source, cue, content and triple P/R/F1."""
    from newsledger.eval.attribution import evaluate_attribution

    with _errors():
        _print_metrics(evaluate_attribution(data, limit=limit), as_json=as_json)


@eval_group.command("checkworthy")
@click.option("--data", required=True, type=click.Path(exists=True, path_type=Path))
@_metrics_json
def eval_checkworthy_cmd(data: Path, as_json: bool) -> None:
    """Check-worthiness on CheckThat! debate files (one per debate): mean average precision."""
    from newsledger.eval.checkworthy import evaluate_checkworthy

    with _errors():
        _print_metrics(evaluate_checkworthy(data), as_json=as_json)


@eval_group.command("stance")
@click.option("--bodies", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--stances", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_metrics_json
def eval_stance_cmd(bodies: Path, stances: Path, as_json: bool) -> None:
    """Stance on the FNC-1 CSV layout: FNC score (0-100) and macro-F1 over the four classes."""
    from newsledger.eval.stance import evaluate_stance

    with _errors():
        _print_metrics(evaluate_stance(bodies, stances), as_json=as_json)


@eval_group.command("propaganda")
@click.option("--articles", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--labels", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_metrics_json
def eval_propaganda_cmd(articles: Path, labels: Path, as_json: bool) -> None:
    """Propaganda techniques (SemEval-2020 Task 11 layout): technique micro-F1 and span F1."""
    from newsledger.eval.propaganda import evaluate_propaganda

    with _errors():
        _print_metrics(evaluate_propaganda(articles, labels), as_json=as_json)


@eval_group.command("contradictions")
@click.option(
    "--data",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Emergent's CSV (claimHeadline, articleHeadline, articleHeadlineStance).",
)
@_metrics_json
def eval_contradictions_cmd(data: Path, as_json: bool) -> None:
    """Textual contradictions and claim grouping, as the compare stage decides them, on Emergent pairs."""
    from newsledger.eval.contradictions import evaluate_contradictions

    with _errors():
        _print_metrics(evaluate_contradictions(data), as_json=as_json)


@eval_group.command("stories")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@_metrics_json
def eval_stories_cmd(data: Path, as_json: bool) -> None:
    """Story clustering on the ECB+ layout, all topics together: B-cubed P/R/F1 and V-measure."""
    from newsledger.eval.stories import evaluate_stories

    with _errors():
        _print_metrics(evaluate_stories(data), as_json=as_json)


@main.command("stance")
@_db_option
@click.option("--target", required=True, help='The proposition, e.g. "US troops should leave Syria".')
@click.option("--story", help="Only the articles of this story.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article instead of a table.")
def stance_cmd(db: str, target: str, story: str | None, as_json: bool) -> None:
    """Where each stored article stands on a proposition you give: favour, against, neutral, unrelated."""
    from newsledger.framing.target_stance import stances_toward

    with _errors():
        store = Store.open(db)
        try:
            for row in stances_toward(store, target, story=story):
                if as_json:
                    click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))
                else:
                    outlet = (row["outlet"] or "?")[:24]
                    title = (row["title"] or "")[:60]
                    click.echo(f"{row['label']:<10} {row['score']:.2f}  {outlet:<24} {title}")
        finally:
            store.close()


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(min=0, max=65535))
@click.option(
    "--token",
    envvar="NEWSLEDGER_TOKEN",
    help="Bearer token required for writes; required to bind anything but loopback.",
)
def serve_cmd(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the ledger as web pages and a REST API (FastAPI)."""
    from newsledger.web.server import serve

    with _errors():
        serve(db, host=host, port=port, token=token)


def _print_metrics(metrics: dict[str, Any], *, as_json: bool) -> None:
    for key, value in metrics.items():
        click.echo(f"{key:<50} {value}")
    if as_json:
        click.echo(json.dumps(metrics, sort_keys=True))


def _write_outputs(
    store: Store,
    *,
    json_out: Path | None,
    html_out: Path | None,
    title: str = "newsledger report",
    story: str | None = None,
) -> None:
    from newsledger.report.html_report import write_report
    from newsledger.report.ledger import load_ledger, write_ledger_json

    if json_out is None and html_out is None:
        return
    ledger = write_ledger_json(store, json_out) if json_out else load_ledger(store)
    if html_out:
        write_report(ledger, html_out, title=title, story=story)


class _errors:
    """Turn newsledger's own errors into one clear line and exit status 2, not a traceback."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, _tb: Any) -> None:
        if isinstance(exc, NewsledgerError):
            click.echo(f"newsledger: {exc}", err=True)
            sys.exit(2)
