"""The ledger as web pages and a REST API (FastAPI): ``newsledger serve``; see docs/web.md."""
