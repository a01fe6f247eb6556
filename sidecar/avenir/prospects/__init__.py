"""Prospect discovery in the sidecar: file import, company profile, embeddings.

The rules (canonical website key, merge, scores, similarity, queue) live in the database
(functions/prospect*.sql); this package streams files into it and calls the provider.
"""
