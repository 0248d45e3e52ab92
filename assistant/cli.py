"""Command line: ``assistant ingest | search | ask | serve | eval | feedback``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.settings import (
    Settings,
    SettingsError,
    configure_offline_environment,
    load_settings,
)

app = typer.Typer(
    help="Trợ lý hỏi đáp về các kế hoạch bảo vệ trẻ em.", no_args_is_help=True, add_completion=False
)


def _settings() -> Settings:
    configure_offline_environment()
    try:
        return load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders (default: corpus/ and the plans uploaded by API)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Make the index hold exactly PATHS (default: add to the index)."
        ),
    ] = False,
) -> None:
    """Parse, chunk, embed and index the plans (only changed chunks are embedded).

    Without PATHS the index is made to hold exactly corpus/ plus the plans uploaded
    through the API (minus those removed there); with PATHS the plans are
    added to (or updated in) the index, unless --replace is given."""
    from tqdm import tqdm

    from assistant.index.embeddings import build_embedder
    from assistant.ingest.library import PlanLibrary
    from assistant.ingest.pipeline import ingest as run_ingest

    settings = _settings()
    embedder = build_embedder(settings.embedding)
    with tqdm(
        desc="embedding", unit="chunk", disable=as_json or not sys.stderr.isatty(), file=sys.stderr
    ) as bar:
        # by default the same set the API manages: corpus/ plus uploads, minus removed plans
        default = PlanLibrary.sources_of(settings) if PlanLibrary.has_changes(settings) else None
        report = run_ingest(
            paths or default or [settings.corpus_dir],
            settings,
            embedder,
            progress=bar,
            replace=replace or not paths,
        )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    typer.echo(
        f"{report.documents} documents, {report.chunks} chunks: {report.added} added, "
        f"{report.updated} updated, {report.deleted} deleted, {report.embedded} embedded "
        f"in {report.seconds:.1f} s"
    )
    for skipped in report.skipped:
        typer.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)


@app.command()
def search(
    query: str,
    top_k: Annotated[
        int | None, typer.Option("--top-k", "-k", help="Default: ASSISTANT_RETRIEVAL__TOP_K.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Print the passages that best match QUERY."""
    from assistant.container import build

    hits = build(_settings()).service.search(query, top_k)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": h.chunk.id,
                        "score": h.score,
                        "document": h.document.id,
                        "section": h.chunk.section,
                        "text": h.chunk.text,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    for i, hit in enumerate(hits, 1):
        typer.echo(f"[{i}] {hit.score:.3f}  {hit.document.label} — {hit.chunk.section}")
        typer.echo("    " + hit.chunk.text[:300].replace("\n", "\n    ") + "\n")


@app.command()
def ask(question: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Answer QUESTION from the plans, with citations."""
    from assistant.api.schemas import AskResponse
    from assistant.container import build

    answer = build(_settings()).service.ask(question)
    if as_json:
        typer.echo(AskResponse.of(answer).model_dump_json(indent=1))
        return
    typer.echo(answer.text)
    if answer.citations:
        typer.echo("\nNguồn:")
    for c in answer.citations:
        typer.echo(f"[{c.n}] {c.hit.document.label} — {c.hit.chunk.section}")
        typer.echo("    " + c.hit.chunk.text[:400].replace("\n", "\n    "))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes (default 1: one process whose model copies, one per "
            "core, serve every request from one queue).",
        ),
    ] = 1,
) -> None:
    """Serve the API (and the UI at /ui)."""
    import uvicorn

    from assistant.api.connections import uvicorn_options

    settings = _settings()
    count = workers
    # Set before any model loads. Query embedding is the bottleneck; each model copy runs
    # single-threaded on its own request thread (settings.embedding.instances, default one
    # per core, divided among the workers). More OpenMP threads would fight the other
    # copies for the same cores, and OpenMP's default busy-waiting makes idle threads spin
    # (one embedding took 190-670 ms instead of 13 ms with another process busy).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if count > 1 and settings.embedding.instances is None:
        per_worker = max(1, (os.cpu_count() or 1) // count)
        os.environ.setdefault("ASSISTANT_EMBEDDING__INSTANCES", str(per_worker))
    bind_host, bind_port = host or settings.api.host, port or settings.api.port
    if count == 1:
        from assistant.server import create_app

        uvicorn.run(
            create_app(settings),
            host=bind_host,
            port=bind_port,
            log_level="info",
            **uvicorn_options(settings),  # header deadline, keep-alive timeout
        )
        return
    # Several processes sharing one listening socket; each imports the factory and builds
    # its own container (model, index) from the same environment.
    uvicorn.run(
        "assistant.server:create_app",
        factory=True,
        workers=count,
        host=bind_host,
        port=bind_port,
        log_level="info",
        **uvicorn_options(settings),  # header deadline, keep-alive timeout
    )


feedback_app = typer.Typer(help="Ratings (👍/👎) given to answers in the UI.", no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def feedback_export(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="JSONL file to write (default: stdout).")
    ] = None,
) -> None:
    """Write every rating as one JSON line, shaped like an evaluation case."""
    from assistant.feedback import FEEDBACK_FILE, FeedbackStore

    store = FeedbackStore(_settings().data_dir / FEEDBACK_FILE)
    if out is None:
        count = store.export_jsonl(sys.stdout)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            count = store.export_jsonl(handle)
    typer.echo(f"{count} feedback rows exported", err=True)


@app.command("eval")
def eval_command(
    url: Annotated[str | None, typer.Option(help="Evaluate a running API instead.")] = None,
    split: Annotated[str, typer.Option(help="dev, heldout or all.")] = "all",
    peers: Annotated[bool, typer.Option("--peers/--no-peers", help="Also score the peers.")] = True,
    compare: Annotated[str | None, typer.Option("--compare", help="e.g. baseline")] = None,
    out: Annotated[Path | None, typer.Option(help="Report folder (default: timestamped).")] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            help="Your own questions: CSV (question,plan,quote,facts[,answerable,history]) "
            "or JSONL; plans named by number or locality.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Score answers on the gold set (ours vs peers) and write a report."""
    from assistant.errors import AssistantError
    from assistant.evals.command import evaluate

    try:
        summary, report, failures = evaluate(
            _settings(), url, split, peers, compare, out, update_baseline, gold
        )
    except AssistantError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        typer.echo(report.read_text(encoding="utf-8").split("## By kind")[0])
        typer.echo(f"report: {report}")
    for failure in failures:
        typer.echo(f"below baseline: {failure}", err=True)
    if failures:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
