"""Rebuild projects/sample.ficwright, the work a first run opens.

    python projects/make_sample.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.store.project import Project
from editor.text.richtext import normalize, word_count

TITLE = "The Lighthouse Letters"

CHAPTERS = [
    (
        "The Keeper's Lamp",
        """
<p>The lamp at Kell's Reach had not gone out in forty years, and Wren did not intend to be the one who let it.</p>
<p>“You’re doing it again,” said Tamsin from the doorway. “The <em>staring</em>.”</p>
<p>“I’m not staring. I’m <strong>keeping watch</strong>.” Wren didn’t turn round. Out past the breakers a ship’s light blinked — once, twice — and was gone behind the swell.</p>
<p>Tamsin crossed the little room in three strides and set a mug of tea on the sill. It was too strong, as always; she had learnt to make it in a kitchen where nobody could afford a second teabag.</p>
<hr />
<p>The letter came on the Thursday boat, folded small and sealed with green wax.</p>
<blockquote>
<p><em>To the keeper of the light at Kell’s Reach, from one who owes it a debt.</em></p>
</blockquote>
<p>Wren read it twice, then a third time, and then put it in the drawer with the others.</p>
""",
    ),
    (
        "What the Tide Brought",
        """
<p align="center"><strong>Three weeks later</strong></p>
<p>The storm arrived on a Sunday, as storms at Kell’s Reach liked to do, and by nightfall the sea was climbing the rocks like something that meant it.</p>
<p>“Well-known fact,” Tamsin shouted over the wind, “that <u>nobody</u> sensible goes <em>out</em> in this.”</p>
<p>“Then it’s lucky,” said Wren, pulling on her oilskin, “that neither of us has ever been sensible.”</p>
<p>They found him on the shingle at the foot of the tower: a young man in a coat three sizes too big, clutching a bundle of letters sealed with green wax. Every one of them was addressed in Wren’s own hand, and every one of them was <s>unopened</s> dated ten years from now.</p>
<hr />
<p>He woke at dawn, looked at the lamp, and smiled as if he had been waiting his whole life to see it lit.</p>
<p>“Hello, Keeper,” he said. “You don’t know me yet.”</p>
""",
    ),
]


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    project = Project.create(path, TITLE)
    for title, html in CHAPTERS:
        body = normalize(html.strip())
        project.add_chapter(title, body, word_count(body))
    project.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    build(Path(__file__).resolve().parent / "sample.ficwright")
