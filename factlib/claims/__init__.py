"""Claims: a Document becomes numeric claims.

``record`` (the Claim), ``numbers`` (one token → exact Decimal), ``periods`` (time expressions),
``attribution`` (what a number measures), ``extract`` (the extractor), ``frame`` (the claims
table), ``evaluate`` (scoring against hand-annotated gold).
"""
