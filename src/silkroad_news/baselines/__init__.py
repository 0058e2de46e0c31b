"""SilkRoad-News baselines: classical, fast on a CPU, rerunnable, honest about uncertainty.

Modules
-------
``features``  character features on the simplified view: ±2 window, bigrams, character
              types, the lattice of jieba-dictionary words (BMES per word length) and their
              name types, a gazetteer of training entities (jackknifed in training);
              vectorized over many texts
``conll``     character-per-line CoNLL files (BIO, BIOES, BMES): lenient reading that counts
              ill-formed tags (or strict), predictions
``crf``       the character CRF (sklearn-crfsuite): train, grid search on development data,
              predict (always valid sequences), JSON model files with format and feature
              versions
``claims``    the numeric-claims pipeline: mention classifier (``numbers``), METRIC/TIME CRF,
              linker, cue words (``claims``)
``run``       ``baselines run``: validation search, test scores from the evaluation script with
              bootstrap intervals, 5-fold cross-validation, timings, leaderboard entries
``commands``  the ``crf`` and ``baselines`` sub-commands (``add_crf_parser``,
              ``add_baselines_parser``); ``python -m silkroad_news.baselines`` runs them alone

Commands
--------
::

    silkroad-news crf train --train FILE [--dev FILE] --model PATH [--jobs N] [--strict]
    silkroad-news crf predict --model PATH --input FILE --output FILE
    silkroad-news baselines run [--root .]

API
---
::

    from silkroad_news.baselines.crf import CrfTagger, search, tagged, train
    tagger = train(tagged(texts, tags))               # scheme detected from the tags
    tagger.predict(["喀什地区进出口总值达564.32亿元"])  # tags in the training scheme
    tagger.save(Path("model.json")); CrfTagger.load(Path("model.json"))

    from silkroad_news.baselines.run import run_baselines
    run_baselines(Path("."))                          # baselines/results.{json,md}, entries

Model files are JSON with crfsuite's binary model inside: load only files you trust.
"""
