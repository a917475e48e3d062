"""Bytes -> disk: docs/, MkDocs, Pagefind, pictures, the cache, publishing site/."""
