"""Documents: a file becomes a :class:`~factlib.documents.load.Document`.

decode (``encoding``) → front matter, HTML, Markdown (``markup``) → pinyin and boilerplate
(``cleaning``) → dateline (``dates``) → language (``langid``) → ``norm`` with an offset map
(``normalize``) → sentences (``sentences``).  ``load`` ties them together.
"""
