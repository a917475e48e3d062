"""Files in -> plain models: the seed, site_src/, mkdocs.yml (no cross-checks)."""
