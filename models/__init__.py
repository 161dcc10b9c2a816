"""Offline translation models: import, storage, CTranslate2 + SentencePiece inference, translation cache.

Nothing here imports Qt, and nothing loads a model at import time.
"""
