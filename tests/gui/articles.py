"""Two short news articles about other stories than the sample, to open side by side with it."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "reuters_brexit.txt": """Parliament rejects Brexit deal again as deadline nears
https://www.reuters.com/article/2019/03/14/us-britain-eu-vote

LONDON (Reuters) - British lawmakers on Wednesday rejected Prime Minister Theresa May's Brexit deal for a
second time, after the government lost a first vote on January 15 by a record margin.

May travelled to Strasbourg on Monday to secure last-minute assurances from the European Union. The
attorney general said on Tuesday that the legal risk remained unchanged.

Britain is due to leave the European Union on March 29. Parliament will vote next week on whether to ask
Brussels for a delay. EU leaders meet in Brussels on March 21 and could agree an extension then.

The referendum of June 2016 split the country, and talks with Brussels began in June 2017.
""",
    "guardian_storm.txt": """Storm Ciara brings flooding and travel chaos across northern England
https://www.theguardian.com/uk-news/2020/02/10/storm-ciara-flooding

Storm Ciara swept across Britain on Sunday, flooding homes in West Yorkshire and cancelling hundreds of
flights. The Met Office issued its first amber warning of the winter on Friday.

Rail operators said services would return to normal by Tuesday. A second storm could arrive next weekend,
forecasters said.

Calderdale was last flooded on Boxing Day 2015, when the River Calder burst its banks. The Environment
Agency spent £50m on defences in 2018.
""",
}


def write_articles(folder: Path) -> list[Path]:
    """The two articles as files in `folder`."""
    paths = []
    for name, text in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
