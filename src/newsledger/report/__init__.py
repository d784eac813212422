"""Reports: the JSON ledger contract and a self-contained HTML report."""
