"""Tests of silkroad_news.cli: one convention for every generator (``--check`` writes nothing
and exits 1 when a file is out of date), the exit codes, and the command shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkroad_news import cli, console

#: generator command → a file it writes (relative to the root)
GENERATORS = {
    ("corpus", "build"): "corpus/clean/SHA256SUMS",
    ("annotations", "statistics"): "annotations/statistics.json",
    ("build",): "dataset_card_labels.svg",
    ("labelstudio", "config"): "annotations/labelstudio/config.xml",
    ("schemas",): "schemas/submission/claims.schema.json",
    ("leaderboard",): "leaderboard/README.md",
}


def test_the_exit_codes_are_documented_once() -> None:
    assert (console.EXIT_OK, console.EXIT_OUT_OF_DATE, console.EXIT_BAD_INPUT) == (0, 1, 2)
    assert "1 a generated file is out of date" in cli.build_parser().description


@pytest.mark.parametrize("command", list(GENERATORS), ids=" ".join)
def test_every_generator_checks_and_writes_the_same_way(full_repo_copy: Path, cli_run, command):
    root = full_repo_copy
    name = " ".join(command)
    target = root / GENERATORS[command]
    code, out, err = cli_run("--root", root, *command, "--check")
    assert (code, out, err) == (0, f"{name}: up to date\n", "")

    committed = target.read_bytes()
    target.write_bytes(committed + b"\nhand edit\n")
    code, out, err = cli_run("--root", root, *command, "--check")
    assert (code, out) == (1, "")
    assert err == (f"{name}: {GENERATORS[command]} is out of date; run `silkroad-news {name}`\n")
    assert target.read_bytes() == committed + b"\nhand edit\n"  # --check writes nothing

    code, out, err = cli_run("--root", root, *command)
    assert code == 0 and err == ""
    assert f"{name}: wrote" in out and target.read_bytes() == committed


def test_build_check_sees_a_hand_edit_inside_a_generated_card_block(
    full_repo_copy: Path, cli_run
) -> None:
    card = full_repo_copy / "dataset_card.md"
    text = card.read_text("utf-8")
    assert "<!-- BEGIN generated:split_sizes -->\n| config |" in text
    card.write_text(text.replace("| config |", "| configuration |", 1), "utf-8")
    code, _, err = cli_run("--root", full_repo_copy, "build", "--check")
    assert code == 1 and err.startswith("build: dataset_card.md is out of date")
    # prose outside the generated blocks is the authors' and never out of date
    card.write_text(text + "\nA note.\n", "utf-8")
    assert cli_run("--root", full_repo_copy, "build", "--check")[0] == 0


def test_validate_commands_say_out_of_date_with_1_and_bad_input_with_2(
    full_repo_copy: Path, cli_run
) -> None:
    root = full_repo_copy
    clean = root / "corpus/clean/SHA256SUMS"
    clean.write_text(clean.read_text("utf-8") + "x\n", "utf-8")
    assert cli_run("--root", root, "corpus", "validate")[0] == 1
    assert cli_run("--root", root, "corpus", "build")[0] == 0
    assert cli_run("--root", root, "corpus", "validate")[0] == 0
    gold = root / "annotations/gold.jsonl"
    gold.write_text(gold.read_text("utf-8") + "\n\n", "utf-8")
    code, out, err = cli_run("--root", root, "annotations", "validate")
    assert code == 2 and out == ""
    assert err.startswith("silkroad-news: error: ") and err.count("\n") == 1
    assert err.endswith("annotations/gold.jsonl: line 84: empty line; every line must be one "
                        "JSON object\n")  # fmt: skip


def test_the_old_evaluate_flags_are_gone_and_their_commands_exist(cli_run, capsys) -> None:
    for flag in ("--codalab", "--write-schemas"):
        with pytest.raises(SystemExit) as info:
            cli_run("evaluate", flag)
        assert info.value.code == 2
    capsys.readouterr()
    commands = cli.build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"evaluate", "compare", "codalab", "schemas", "leaderboard"} <= set(commands)


def test_baselines_run_alone_with_the_same_error_convention(tmp_path: Path, capsys) -> None:
    from silkroad_news.baselines.__main__ import main

    assert main(["--root", str(tmp_path), "baselines", "run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m silkroad_news.baselines: error: ")
    assert "splits/ner/train.parquet: file not found" in err
