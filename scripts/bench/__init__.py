"""The benchmark of the site generator, by section (run it with `python scripts/benchmark.py`).

    main.py        the command line: runs the sections on a project copy, writes the JSON and Markdown
    common.py      paths, budgets and small helpers shared by the sections
    machine.py     the machine the numbers come from (CPU, memory, versions, load)
    project.py     project copies (sitegen.devtools, as the tests), caches emptied, one-paragraph edits
    measure.py     one command in a fresh process: wall time, CPU time, peak memory
    server.py      a static server that gzips like a real host and counts the bytes it writes
    browser.py     one page in Chromium (Playwright): bytes before interaction and with every chart drawn
    weight.py      1. page weight of every page against its budget
    builds.py      2. build times, and plain MkDocs with the configuration build.py records
    preview.py     3. preview latency of `build.py serve`
    scaling.py     4. star pages copied xN
    lighthouse.py  5. Lighthouse scores
    method.py      how each number is measured (written into the results)
    report.py      the Markdown summary of the results
"""
